"""第4(2)③ rules: each project of the 連携ビジョン (ア name … キ period), and its milestones
and targets (②: 「各プロジェクトのスケジュール、目標等」, ADR 0104).

Pure functions over ``filing.data`` data: no database. Member keys that
are not members of the filing (possible when data comes from elsewhere than a
checked bundle) are treated as absent.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from filing.data import (
    LOCAL_GOVERNMENT_KINDS,
    Filing,
    MemberData,
    MemberKind,
    ProjectData,
    RuleContext,
    TargetData,
)
from filing.findings import Finding, Severity
from filing.formatting import fiscal_year
from filing.i18n import gettext, gettext_lazy
from filing.rules.common import (
    ERROR,
    WARNING,
    Rule,
    cites_passage,
    is_blank,
    member_label,
)
from filing.rules.wording import day, fiscal_year_months, listed, quoted, yen
from filing.rules.wording import fiscal_year as fiscal_year_text

NAME = Rule(
    "project.name",
    "第4(2)③ア",
    ERROR,
    gettext_lazy("プロジェクトの名称が記載されていること"),
    document="vision",
)
IMPLEMENTERS = Rule(
    "project.implementers",
    "第4(2)③イ",
    ERROR,
    gettext_lazy(
        "実施主体にリージョン構成団体が2つ以上あること（複数かつ多様な構成団体が設立した法人"
        "（joint_body_of）が実施主体である場合を除く。その場合も法人自身を構成団体以外の主体として"
        "実施主体に記載する。構成団体以外の主体は2つ以上に数えない）"
    ),
    document="vision",
)
IMPLEMENTER_DIVERSITY = Rule(
    "project.implementer_diversity",
    "第4(2)③イ",
    ERROR,
    gettext_lazy(
        "実施主体の構成団体が2つ以上の区分にわたること（地方公共団体の3種別で1区分、ほかは種別ごとに1区分。"
        "複数かつ多様な構成団体が設立した法人が実施主体である場合を除く）"
    ),
    document="vision",
)
PLAN_REFERENCE = Rule(
    "project.plan_reference",
    "第4(2)③ウ",
    WARNING,
    gettext_lazy(
        "広域地方計画等における関連する箇所（計画の名称と参照箇所）が挙げられていること"
        "（参照箇所のない引用は数えない。ない場合は審査で判断する）"
    ),
    document="vision",
)
CONTENT = Rule(
    "project.content",
    "第4(2)③エ",
    ERROR,
    gettext_lazy("具体的内容（実施主体間の役割分担を含む）が記載されていること"),
    document="vision",
)
BUDGET = Rule(
    "project.budget",
    "第4(2)③オ",
    ERROR,
    gettext_lazy(
        "予算措置を伴うプロジェクトに総事業費と各年度（4月〜翌3月）の事業費があり、合計が総事業費と一致し、"
        "各年度が期間と重なること"
    ),
    document="vision",
)
EFFECTS = Rule(
    "project.effects",
    "第4(2)③カ",
    ERROR,
    gettext_lazy("広域リージョンの下で実施することにより期待される効果が記載されていること"),
    document="vision",
)
PERIOD = Rule(
    "project.period",
    "第4(2)③キ",
    (Severity.ERROR, Severity.WARNING),
    gettext_lazy(
        "期間の開始日と終了日があり開始日が終了日以前であること（でなければエラー）、"
        "5年以内であること（5年後の同じ日の前日まで。2月29日開始は2月28日まで。超えれば警告）"
    ),
    document="vision",
)
MILESTONES = Rule(
    "project.milestones",
    "第4(2)②",
    WARNING,
    gettext_lazy("日付と目標のある節目（マイルストーン）が1つ以上あること"),
    document="vision",
)
TARGETS = Rule(
    "project.targets",
    "第4(2)②",
    (Severity.ERROR, Severity.WARNING),
    gettext_lazy(
        "目標（指標）が1つ以上あること（なければ警告）。各目標に名称・単位・最終目標（年度と値）があり、"
        "目標値の年度が重複せず期間の年度に収まり、最終目標の年度の目標値が最終目標と同じであること"
        "（でなければエラー）"
    ),
    document="vision",
)

RULES = (
    NAME,
    IMPLEMENTERS,
    IMPLEMENTER_DIVERSITY,
    PLAN_REFERENCE,
    CONTENT,
    BUDGET,
    EFFECTS,
    PERIOD,
    MILESTONES,
    TARGETS,
)

# 第4(2)③イ: the three local-government kinds are one class, every other kind its own.
LOCAL_GOVERNMENT_CLASS = "local_government"
CLASS_LABELS = {
    LOCAL_GOVERNMENT_CLASS: gettext_lazy("地方公共団体"),
    MemberKind.ECONOMIC_ORGANIZATION: gettext_lazy("経済団体"),
    MemberKind.COMPANY: gettext_lazy("企業"),
    MemberKind.UNIVERSITY: gettext_lazy("大学"),
    MemberKind.RESEARCH_INSTITUTE: gettext_lazy("研究機関"),
    MemberKind.FINANCIAL_INSTITUTION: gettext_lazy("金融機関"),
    MemberKind.OTHER: gettext_lazy("その他の団体"),
}


def implementer_class(member: MemberData) -> str:
    return LOCAL_GOVERNMENT_CLASS if member.kind in LOCAL_GOVERNMENT_KINDS else str(member.kind)


def is_plural_and_diverse(members: list[MemberData]) -> bool:
    return len(members) >= 2 and len({implementer_class(member) for member in members}) >= 2


def five_year_limit(start: date) -> date:
    """The last end within five years: the day before the same date five years on.

    A start on 29 February has no same date five years on (that year is never a leap
    year), and counts to 28 February.
    """
    if (start.month, start.day) == (2, 29):
        return date(start.year + 5, 2, 28)
    return date(start.year + 5, start.month, start.day) - timedelta(days=1)


@dataclass(frozen=True)
class Subject:
    """One project with what its checks need: its path, how to name it, the members by key."""

    project: ProjectData
    index: int  # its place in the vision: its path is "vision.projects[2]"
    members: Mapping[str, MemberData]

    @property
    def path(self) -> str:
        return f"vision.projects[{self.index}]"

    @cached_property
    def label(self) -> str:
        """プロジェクト「名称」, or 3番目のプロジェクト (made when a finding first needs it)."""
        return project_label(self.project, self.index)

    def known_members(self, keys) -> list[MemberData]:
        """The distinct members among ``keys``, in order; unknown keys are left out."""
        found = {key: self.members[key] for key in keys if key in self.members}
        return list(found.values())

    @property
    def member_implementers(self) -> list[MemberData]:
        return self.known_members(i.member for i in self.project.implementers)

    @property
    def names_outside_body(self) -> bool:
        """An implementer that is not a member is named (how a jointly established body is listed)."""
        return any(i.member is None and not is_blank(i.name) for i in self.project.implementers)

    @property
    def jointly_established(self) -> bool:
        """第4(2)③イ ただし書き: a body founded by several diverse members implements it."""
        founders = self.known_members(self.project.joint_body_of or ())
        return is_plural_and_diverse(founders)


def _check_name(subject: Subject) -> list[Finding]:
    if is_blank(subject.project.name):
        message = gettext("%(project)sの名称が記載されていません") % {"project": subject.label}
        return [NAME.finding(f"{subject.path}.name", message)]
    return []


def _with_joint_body_note(subject: Subject, plain: str, noted: str) -> str:
    """``noted`` (which adds that the founders of the jointly established body are not
    plural and diverse either) when the project names founders, else ``plain``."""
    return plain if subject.project.joint_body_of is None else noted


def _check_implementers(subject: Subject) -> list[Finding]:
    implementers = subject.member_implementers
    names = {"project": subject.label}
    if subject.jointly_established and not is_plural_and_diverse(implementers):
        # The ただし書き carries the project: the body is its 実施主体 and is named (イ).
        if subject.names_outside_body:
            return []
        message = gettext(
            "%(project)sの実施主体に共同設立法人が記載されていません（複数かつ多様な"
            "リージョン構成団体が設立した法人が実施主体である場合も、その法人を実施主体として"
            "記載する必要があります）"
        )
        return [IMPLEMENTERS.finding(f"{subject.path}.implementers", message % names)]
    if len(implementers) >= 2:
        return []
    if implementers:
        names["member"] = member_label(implementers[0])
        message = _with_joint_body_note(
            subject,
            gettext(
                "%(project)sの実施主体となるリージョン構成団体が%(member)sのみです"
                "（複数のリージョン構成団体が必要です）"
            ),
            gettext(
                "%(project)sの実施主体となるリージョン構成団体が%(member)sのみです"
                "（複数のリージョン構成団体が必要です。共同設立法人の設立団体（joint_body_of）も"
                "複数かつ多様な構成団体ではありません）"
            ),
        )
    else:
        message = _with_joint_body_note(
            subject,
            gettext(
                "%(project)sの実施主体にリージョン構成団体がありません"
                "（複数のリージョン構成団体が必要です）"
            ),
            gettext(
                "%(project)sの実施主体にリージョン構成団体がありません"
                "（複数のリージョン構成団体が必要です。共同設立法人の設立団体（joint_body_of）も"
                "複数かつ多様な構成団体ではありません）"
            ),
        )
    return [IMPLEMENTERS.finding(f"{subject.path}.implementers", message % names)]


def _check_implementer_diversity(subject: Subject) -> list[Finding]:
    implementers = subject.member_implementers
    classes = {implementer_class(member) for member in implementers}
    if len(classes) >= 2 or subject.jointly_established:
        return []
    names = {"project": subject.label}
    if classes:
        names["kind"] = CLASS_LABELS[classes.pop()]
        message = _with_joint_body_note(
            subject,
            gettext(
                "%(project)sの実施主体となるリージョン構成団体が%(kind)sのみです（地方公共団体のみ、"
                "企業のみといった構成は認められず、多様な構成団体が必要です）"
            ),
            gettext(
                "%(project)sの実施主体となるリージョン構成団体が%(kind)sのみです（地方公共団体のみ、"
                "企業のみといった構成は認められず、多様な構成団体が必要です。共同設立法人の設立団体"
                "（joint_body_of）も複数かつ多様な構成団体ではありません）"
            ),
        )
    else:
        message = _with_joint_body_note(
            subject,
            gettext(
                "%(project)sの実施主体となるリージョン構成団体がありません（地方公共団体のみ、"
                "企業のみといった構成は認められず、多様な構成団体が必要です）"
            ),
            gettext(
                "%(project)sの実施主体となるリージョン構成団体がありません（地方公共団体のみ、"
                "企業のみといった構成は認められず、多様な構成団体が必要です。共同設立法人の設立団体"
                "（joint_body_of）も複数かつ多様な構成団体ではありません）"
            ),
        )
    return [IMPLEMENTER_DIVERSITY.finding(f"{subject.path}.implementers", message % names)]


def _check_plan_reference(subject: Subject) -> list[Finding]:
    references = subject.project.plan_references
    if any(cites_passage(reference) for reference in references):
        return []
    without_passage = [quoted(r.plan.strip()) for r in references if not is_blank(r.plan)]
    names = {"project": subject.label, "plans": listed(without_passage)}
    if without_passage:
        message = gettext(
            "%(project)sに広域地方計画等における関連する箇所が挙げられていません（%(plans)sの"
            "関連する箇所（参照箇所）が記載されていません。計画の名称だけでは関連する記載になりません。"
            "関連する記載がない場合は審査で判断します）"
        )
    else:
        message = gettext(
            "%(project)sに広域地方計画等における関連する箇所が挙げられていません"
            "（関連する記載がない場合は審査で判断します）"
        )
    return [PLAN_REFERENCE.finding(f"{subject.path}.plan_references", message % names)]


def _check_content(subject: Subject) -> list[Finding]:
    if not is_blank(subject.project.content):
        return []
    message = gettext(
        "%(project)sの具体的内容（実施主体間の役割分担や実施体制を含む）が記載されていません"
    )
    return [CONTENT.finding(f"{subject.path}.content", message % {"project": subject.label})]


def _budget_years_outside_period(subject: Subject) -> list[Finding]:
    start, end = subject.project.start, subject.project.end
    if start is None or end is None or start > end:
        return []  # project.period reports it; there is no period to compare with
    first, last = fiscal_year(start), fiscal_year(end)
    outside = [
        year for year, _ in subject.project.budget.by_fiscal_year if not first <= year <= last
    ]
    if not outside:
        return []
    message = gettext(
        "%(project)sの%(year)s（%(months)s）の事業費が期間（%(start)s〜%(end)s、"
        "%(first)sから%(last)sまで）と重なりません"
    )
    names = {
        "project": subject.label,
        "start": day(start),
        "end": day(end),
        "first": fiscal_year_text(first),
        "last": fiscal_year_text(last),
    }
    return [
        BUDGET.finding(
            f'{subject.path}.budget.by_fiscal_year["{year}"]',
            message
            % (names | {"year": fiscal_year_text(year), "months": fiscal_year_months(year)}),
        )
        for year in outside
    ]


def _check_budget(subject: Subject) -> list[Finding]:
    budget = subject.project.budget
    if budget is None:
        return []  # a project without budget measures
    path, names = f"{subject.path}.budget", {"project": subject.label}
    findings = []
    if budget.total is None:
        message = gettext("%(project)sの総事業費が記載されていません") % names
        findings.append(BUDGET.finding(f"{path}.total", message))
    if not budget.by_fiscal_year:
        message = gettext("%(project)sの各年度の事業費が記載されていません") % names
        findings.append(BUDGET.finding(f"{path}.by_fiscal_year", message))
    elif budget.total is not None:
        summed = sum(amount for _, amount in budget.by_fiscal_year)
        if summed != budget.total:
            message = gettext(
                "%(project)sの各年度の事業費の合計%(sum)sが総事業費%(total)sと一致しません"
            ) % (names | {"sum": yen(summed), "total": yen(budget.total)})
            findings.append(BUDGET.finding(path, message))
    return findings + _budget_years_outside_period(subject)


def _check_effects(subject: Subject) -> list[Finding]:
    if not is_blank(subject.project.effects):
        return []
    message = gettext(
        "%(project)sを広域リージョンの下で実施することにより期待される効果が記載されていません"
    )
    return [EFFECTS.finding(f"{subject.path}.effects", message % {"project": subject.label})]


def _missing_period(start: date | None, end: date | None) -> str:
    """What of the period is missing, as a message about %(project)s."""
    if start is None and end is None:
        return gettext("%(project)sの期間の開始日と終了日が記載されていません")
    if start is None:
        return gettext("%(project)sの期間の開始日が記載されていません")
    return gettext("%(project)sの期間の終了日が記載されていません")


def _check_period(subject: Subject) -> list[Finding]:
    start, end, path = subject.project.start, subject.project.end, f"{subject.path}.period"
    if start is None or end is None:
        message = _missing_period(start, end) % {"project": subject.label}
        return [PERIOD.finding(path, message, Severity.ERROR)]
    limit = five_year_limit(start)
    if start <= end <= limit:
        return []
    names = {"project": subject.label, "start": day(start), "end": day(end)}
    if start > end:
        message = gettext("%(project)sの期間の開始日（%(start)s）が終了日（%(end)s）より後です")
        return [PERIOD.finding(path, message % names, Severity.ERROR)]
    message = gettext(
        "%(project)sの期間が5年を超えています（終了日%(end)s。%(start)s開始で5年以内なら"
        "%(limit)sまで。要綱は期間をおおむね5年以内としています）"
    )
    return [PERIOD.finding(path, message % (names | {"limit": day(limit)}), Severity.WARNING)]


def _check_milestones(subject: Subject) -> list[Finding]:
    milestones = subject.project.milestones
    if any(milestone.date and not is_blank(milestone.target) for milestone in milestones):
        return []
    message = gettext(
        "%(project)sに日付と目標のある節目（マイルストーン）がありません"
        "（ロードマップには各プロジェクトのスケジュールと目標を記載します）"
    )
    return [MILESTONES.finding(f"{subject.path}.milestones", message % {"project": subject.label})]


def _period_years(project: ProjectData) -> tuple[int, int] | None:
    """The first and last 年度 of a whole period (``None``: project.period reports it)."""
    if project.start is None or project.end is None or project.start > project.end:
        return None
    return fiscal_year(project.start), fiscal_year(project.end)


def _target_label(subject: Subject, index: int, target: TargetData) -> str:
    """「プロジェクト「…」の2番目の目標「…」」: how a target's findings name it."""
    names = {"project": subject.label, "number": index + 1}
    if is_blank(target.name):
        return gettext("%(project)sの%(number)d番目の目標") % names
    names["name"] = quoted(target.name.strip())
    return gettext("%(project)sの%(number)d番目の目標%(name)s") % names


def _missing_final(target: TargetData) -> str | None:
    """What of the final target is missing, as a message about %(target)s."""
    if target.final_year is None and target.final_value is None:
        return gettext("%(target)sの最終目標の年度と値が記載されていません")
    if target.final_year is None:
        return gettext("%(target)sの最終目標の年度が記載されていません")
    if target.final_value is None:
        return gettext("%(target)sの最終目標の値が記載されていません")
    return None


def _target_findings(
    subject: Subject, index: int, target: TargetData, span: tuple[int, int] | None
) -> list[Finding]:
    at = f"{subject.path}.targets[{index}]"
    words: dict[str, str] = {}

    def names(**more: str) -> dict[str, str]:
        """What the messages name, worked out at the first finding (most targets have none)."""
        if not words:
            words["target"] = _target_label(subject, index, target)
            if span is not None:
                words["first"] = fiscal_year_text(span[0])
                words["last"] = fiscal_year_text(span[1])
        return words | more

    findings = []
    if is_blank(target.name):
        message = gettext("%(target)sの名称（指標名）が記載されていません")
        findings.append(TARGETS.finding(f"{at}.name", message % names()))
    if is_blank(target.unit):
        message = gettext("%(target)sの単位が記載されていません")
        findings.append(TARGETS.finding(f"{at}.unit", message % names()))
    if missing := _missing_final(target):
        findings.append(TARGETS.finding(f"{at}.final", missing % names()))
    seen: set[int] = set()
    for position, (year, value) in enumerate(target.values):
        year_path = f"{at}.values[{position}].fiscal_year"
        if year in seen:
            message = gettext("%(target)sの%(year)sの目標値が重複しています")
            findings.append(
                TARGETS.finding(year_path, message % names(year=fiscal_year_text(year)))
            )
        seen.add(year)
        if span is not None and not span[0] <= year <= span[1]:
            message = gettext(
                "%(target)sの%(year)sの目標値が期間（%(first)sから%(last)sまで）の年度ではありません"
            )
            findings.append(
                TARGETS.finding(year_path, message % names(year=fiscal_year_text(year)))
            )
        if year == target.final_year and target.final_value is not None:
            if value != target.final_value:
                message = gettext(
                    "%(target)sの%(year)sの目標値と最終目標の値が異なります"
                    "（同じ年度の目標は一つにしてください）"
                )
                findings.append(
                    TARGETS.finding(
                        f"{at}.final.value", message % names(year=fiscal_year_text(year))
                    )
                )
    final = target.final_year
    if span is not None and final is not None and not span[0] <= final <= span[1]:
        message = gettext(
            "%(target)sの最終目標の年度（%(year)s）が期間（%(first)sから%(last)sまで）の"
            "年度ではありません"
        )
        names_final = names(year=fiscal_year_text(final))
        findings.append(TARGETS.finding(f"{at}.final.fiscal_year", message % names_final))
    return findings


def _check_targets(subject: Subject) -> list[Finding]:
    targets = subject.project.targets
    if not targets:
        message = gettext(
            "%(project)sに目標（指標）がありません（ロードマップには各プロジェクトのスケジュールと"
            "目標を記載します。効果を検証できるよう、指標と目標値を記載してください）"
        )
        path = f"{subject.path}.targets"
        return [TARGETS.finding(path, message % {"project": subject.label}, Severity.WARNING)]
    span = _period_years(subject.project)
    findings = []
    for index, target in enumerate(targets):
        findings += _target_findings(subject, index, target, span)
    return findings


_CHECKS = (
    _check_name,
    _check_implementers,
    _check_implementer_diversity,
    _check_plan_reference,
    _check_content,
    _check_budget,
    _check_effects,
    _check_period,
    _check_milestones,
    _check_targets,
)


def project_label(project: ProjectData, index: int) -> str:
    if is_blank(project.name):
        return gettext("%(number)d番目のプロジェクト") % {"number": index + 1}
    return gettext("プロジェクト%(name)s") % {"name": quoted(project.name.strip())}


def check(filing: Filing, context: RuleContext) -> list[Finding]:
    """Every 第4(2)③ finding, project by project in order; none before a vision exists."""
    if filing.vision is None:
        return []
    members = {member.key: member for member in filing.members}
    findings: list[Finding] = []
    for index, project in enumerate(filing.vision.projects):
        subject = Subject(project, index, members)
        for rule_check in _CHECKS:
            findings += rule_check(subject)
    return findings
