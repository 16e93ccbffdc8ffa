"""第3 rules: the 連携宣言書 and its リージョン構成団体 (要綱 第3(2), (3), (5)).

Pure functions over ``filing.data`` data: no database, no Django. Each
rule is declared once in ``RULES`` (code, clause, severities, what it checks) and
makes its findings through ``Rule.finding``, so a finding's code and clause can
never drift from the table in DESIGN.md.

``Rule`` and the small helpers shared with ``filing.rules.vision`` and
``filing.rules.project`` are in ``filing.rules.common``.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from filing import corporate_number
from filing.data import (
    FieldCode,
    Filing,
    MasterData,
    MemberData,
    MemberKind,
    RuleContext,
)
from filing.findings import Finding, Severity
from filing.i18n import gettext, gettext_lazy
from filing.rules.area import (
    EXCEPTION_PREFECTURES,
    LocalGovernmentArea,
    lg_prefecture,
    local_government_area,
)
from filing.rules.common import (
    ERROR,
    WARNING,
    Rule,
    consultation_finding,
    consultation_record_findings,
    is_blank,
    member_label,
    member_usages,
)
from filing.rules.wording import listed, quoted

# ---- the rules of 第3 -------------------------------------------------------------

REGION_NAME = Rule(
    "declaration.region_name",
    "第3(2)①",
    ERROR,
    gettext_lazy("宣言リージョンの名称が記載されていること"),
    document="declaration",
)
AREA = Rule(
    "declaration.area",
    "第3(2)①",
    ERROR,
    gettext_lazy(
        "区域があること（区域は地方公共団体である構成団体の都道府県から定まり、備考を添えられる）"
    ),
    document="declaration",
)
MEMBERS = Rule(
    "declaration.members",
    "第3(2)②",
    ERROR,
    gettext_lazy("リージョン構成団体が1つ以上記載され、それぞれの名称があること"),
    document="declaration",
)
ASPIRATION = Rule(
    "declaration.aspiration",
    "第3(2)③",
    ERROR,
    gettext_lazy("宣言リージョンの目指すべき姿が記載されていること"),
    document="declaration",
)
FIELDS = Rule(
    "declaration.fields",
    "第3(2)④",
    ERROR,
    gettext_lazy("取り組むことを想定する分野が1つ以上あり、「その他」には内容が書かれていること"),
    document="declaration",
)
LOCAL_GOVERNMENT = Rule(
    "members.local_government",
    "第3(3)",
    ERROR,
    gettext_lazy("構成団体に地方公共団体が含まれていること"),
    document="declaration",
)
ECONOMIC_ORGANIZATION = Rule(
    "members.economic_organization",
    "第3(3)",
    ERROR,
    gettext_lazy("構成団体に経済団体が含まれていること"),
    document="declaration",
)
ECONOMIC_ORGANIZATION_DEFINITION = Rule(
    "members.economic_organization_definition",
    "第3(3)",
    ERROR,
    gettext_lazy("各経済団体について、構成員の範囲が複数の業種にわたることが確認されていること"),
    document="declaration",
)
MULTI_PREFECTURE = Rule(
    "members.multi_prefecture",
    "第3(3)ア",
    ERROR,
    gettext_lazy(
        "地方公共団体の区域が複数の都道府県にまたがること（北海道・沖縄県は、その道県自身又は"
        "区域内の複数の市町村が構成団体であれば単独でもよい。その他の地方公共団体は例外に数えない）"
    ),
    document="declaration",
)
ECONOMIC_COVERAGE = Rule(
    "members.economic_coverage",
    "第3(3)イ",
    (Severity.WARNING, Severity.ERROR),
    gettext_lazy(
        "全経済団体の活動範囲を併せた範囲が地方公共団体の区域をおおむね含むこと"
        "（含まない都道府県があれば警告、含むのが半分未満ならエラー）"
    ),
    document="declaration",
)
LG_CODE = Rule(
    "members.lg_code",
    "第3(3)",
    ERROR,
    gettext_lazy(
        "都道府県・市町村が種別に合う既知の全国地方公共団体コードを持ち（政令指定都市の区は不可）、"
        "名称が一致すること（府中市・広島県府中市のどちらでも可）。その他の地方公共団体は区域の都道府県を示すこと"
    ),
    document="declaration",
)
CORPORATE_NUMBER = Rule(
    "members.corporate_number",
    "第3(2)②",
    ERROR,
    gettext_lazy(
        "法人番号を記載した構成団体（地方公共団体以外）の法人番号が13桁の数字で、検査用数字が正しいこと"
        "（法人番号は任意）"
    ),
    document="declaration",
)
ACTIVITY_AREA = Rule(
    "members.activity_area",
    "第3(3)イ",
    ERROR,
    gettext_lazy("各経済団体が主たる活動範囲の都道府県を1つ以上示すこと"),
    document="declaration",
)
IN_PROJECT = Rule(
    "members.in_project",
    "第3(3)",
    ERROR,
    gettext_lazy(
        "各構成団体が実施主体又は共同設立法人の設立団体としていずれかのプロジェクトに参画していること"
        "（連携ビジョンがある場合のみ確認）"
    ),
    document="vision",
)
CHANGE_CONSULTATION = Rule(
    "change.consultation",
    "第3(5), 第4(1), 第4(3)",
    ERROR,
    gettext_lazy(
        "軽微な変更を除く変更又は廃止（連携ビジョンは策定も: 第4(1)）について、リージョン構成団体における協議の日付が記載されていること"
    ),
    document="declaration",
)
CONSULTATION_RECORD = Rule(
    "consultation.record",
    "第3(5), 第4(1), 第4(3)",
    WARNING,
    gettext_lazy(
        "協議の日が記載された版には、種類「協議の記録」の添付ファイル（議事録など）があること"
    ),
    document="declaration",
)

RULES = (
    REGION_NAME,
    AREA,
    MEMBERS,
    ASPIRATION,
    FIELDS,
    LOCAL_GOVERNMENT,
    ECONOMIC_ORGANIZATION,
    ECONOMIC_ORGANIZATION_DEFINITION,
    MULTI_PREFECTURE,
    ECONOMIC_COVERAGE,
    LG_CODE,
    CORPORATE_NUMBER,
    ACTIVITY_AREA,
    IN_PROJECT,
    CHANGE_CONSULTATION,
    CONSULTATION_RECORD,
)

# ---- what every check reads ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subject:
    """What every 第3 check reads: the filing, the master data, and the area worked out once."""

    filing: Filing
    master: MasterData
    area: LocalGovernmentArea
    context: RuleContext | None = None


def _economic_organizations(filing: Filing) -> Iterator[tuple[int, MemberData]]:
    for index, member in enumerate(filing.members):
        if member.kind == MemberKind.ECONOMIC_ORGANIZATION:
            yield index, member


# ---- 第3(2): what the 連携宣言書 states ---------------------------------------------


def _check_region_name(subject: Subject) -> list[Finding]:
    if is_blank(subject.filing.declaration.region_name):
        message = gettext("宣言リージョンの名称が記載されていません")
        return [REGION_NAME.finding("region.name", message)]
    return []


def _check_area(subject: Subject) -> list[Finding]:
    if subject.area.prefectures:
        return []
    message = gettext(
        "区域がありません（区域は地方公共団体である構成団体の都道府県から定まりますが、"
        "有効な全国地方公共団体コード又は区域の都道府県を持つ地方公共団体がありません）"
    )
    return [AREA.finding("region.area_note", message)]


def _check_members(subject: Subject) -> list[Finding]:
    if not subject.filing.members:
        return [MEMBERS.finding("members", gettext("リージョン構成団体が記載されていません"))]
    return [
        MEMBERS.finding(
            f"members[{index}].name",
            gettext("%(number)d番目のリージョン構成団体の名称が記載されていません")
            % {"number": index + 1},
        )
        for index, member in enumerate(subject.filing.members)
        if is_blank(member.name)
    ]


def _check_aspiration(subject: Subject) -> list[Finding]:
    if is_blank(subject.filing.declaration.aspiration):
        message = gettext("宣言リージョンの目指すべき姿が記載されていません")
        return [ASPIRATION.finding("declaration.aspiration", message)]
    return []


def _check_fields(subject: Subject) -> list[Finding]:
    fields = subject.filing.declaration.fields
    if not fields:
        message = gettext("取り組むことを想定する分野が記載されていません")
        return [FIELDS.finding("declaration.fields", message)]
    message = gettext("分野「その他」の内容が記載されていません")
    return [
        FIELDS.finding(f"declaration.fields[{index}]", message)
        for index, entry in enumerate(fields)
        if entry.code == FieldCode.OTHER and is_blank(entry.text)
    ]


# ---- 第3(3): who the リージョン構成団体 are -----------------------------------------


def _check_local_government(subject: Subject) -> list[Finding]:
    if any(member.is_local_government for member in subject.filing.members):
        return []
    message = gettext("リージョン構成団体に地方公共団体が含まれていません")
    return [LOCAL_GOVERNMENT.finding("members", message)]


def _check_economic_organization(subject: Subject) -> list[Finding]:
    if any(True for _ in _economic_organizations(subject.filing)):
        return []
    message = gettext("リージョン構成団体に経済団体が含まれていません")
    return [ECONOMIC_ORGANIZATION.finding("members", message)]


def _check_economic_organization_definition(subject: Subject) -> list[Finding]:
    return [
        ECONOMIC_ORGANIZATION_DEFINITION.finding(
            f"members[{index}].multi_industry",
            gettext(
                "経済団体%(member)sについて、構成員の範囲が複数の業種にわたることが確認されていません"
            )
            % {"member": member_label(member)},
        )
        for index, member in _economic_organizations(subject.filing)
        if not member.multi_industry
    ]


def _multi_prefecture_exception(area: LocalGovernmentArea) -> bool:
    return any(
        prefecture in area.prefecture_members or len(area.municipalities.get(prefecture, ())) >= 2
        for prefecture in EXCEPTION_PREFECTURES
    )


def _check_multi_prefecture(subject: Subject) -> list[Finding]:
    # An empty area is declaration.area's finding; there is nothing to judge here.
    if len(subject.area.prefectures) != 1 or _multi_prefecture_exception(subject.area):
        return []
    (prefecture,) = subject.area.prefectures
    names = {"prefecture": subject.master.prefectures[prefecture]}
    if prefecture in EXCEPTION_PREFECTURES:
        message = gettext(
            "構成する地方公共団体の区域が%(prefecture)sのみです（%(prefecture)s自身又は"
            "%(prefecture)s内の複数の市町村が構成団体である場合を除き、"
            "複数の都道府県にまたがる必要があります）"
        )
    else:
        message = gettext(
            "構成する地方公共団体の区域が%(prefecture)sのみです"
            "（複数の都道府県にまたがる必要があります）"
        )
    return [MULTI_PREFECTURE.finding("members", message % names)]


def _check_economic_coverage(subject: Subject) -> list[Finding]:
    area = subject.area.prefectures
    covered_by_economy = {
        code
        for _, member in _economic_organizations(subject.filing)
        for code in member.activity_prefectures
        if code in subject.master.prefectures
    }
    if not area or not covered_by_economy:
        return []  # nothing to compare: declaration.area / members.activity_area report it
    uncovered = area - covered_by_economy
    if not uncovered:
        return []
    total, covered = len(area), len(area) - len(uncovered)
    names = {
        "total": total,
        "covered": covered,
        "missing": listed(subject.master.prefectures[code] for code in sorted(uncovered)),
    }
    if covered * 2 >= total:
        message = gettext(
            "経済団体の活動範囲が地方公共団体の区域のうち%(missing)sを含んでいません"
            "（区域の%(total)d都道府県のうち%(covered)dを含みます。"
            "おおむね含んでいるかは審査で判断します）"
        )
        return [ECONOMIC_COVERAGE.finding("members", message % names, Severity.WARNING)]
    message = gettext(
        "経済団体の活動範囲が地方公共団体の区域の半分未満しか含んでいません"
        "（区域の%(total)d都道府県のうち%(covered)d。含まない都道府県: %(missing)s）"
    )
    return [ECONOMIC_COVERAGE.finding("members", message % names, Severity.ERROR)]


def _code_problem[T](
    member: MemberData,
    master: MasterData,
    codes: Mapping[str, T],
    named: Callable[[T], dict[str, str]],
    *,
    blank: str,
    unknown: str,
    mismatch: str,
) -> str | None:
    """Why a prefecture or municipality member fails members.lg_code, or None: its code is
    blank, not among ``codes``, or stands for another 団体 (``named`` gives what
    ``mismatch`` names from the code's entry in ``codes``). The messages are lazy, so they
    are translated here, in the language of the check."""
    if lg_prefecture(member, master) is not None:
        return None  # a known code and its name
    names = {"member": member_label(member), "code": quoted(member.lg_code)}
    if is_blank(member.lg_code):
        return str(blank) % names
    if member.lg_code not in codes:
        return str(unknown) % names
    return str(mismatch) % (names | named(codes[member.lg_code]))


def _prefecture_code_problem(member: MemberData, master: MasterData) -> str | None:
    """Why a prefecture member fails members.lg_code, or None."""
    return _code_problem(
        member,
        master,
        master.prefecture_lg_codes,
        lambda prefecture: {"expected": master.prefectures[prefecture]},
        blank=gettext_lazy("都道府県%(member)sの全国地方公共団体コードが記載されていません"),
        unknown=gettext_lazy(
            "都道府県%(member)sの全国地方公共団体コード%(code)sが都道府県のコードとして"
            "見つかりません"
        ),
        mismatch=gettext_lazy(
            "都道府県%(member)sの名称が全国地方公共団体コード%(code)sの団体名"
            "「%(expected)s」と一致しません"
        ),
    )


def _municipality_code_problem(member: MemberData, master: MasterData) -> str | None:
    """Why a municipality member fails members.lg_code, or None."""
    return _code_problem(
        member,
        master,
        master.municipalities,
        lambda known: {"municipality": known[0], "prefecture": master.prefectures[known[1]]},
        blank=gettext_lazy("市町村%(member)sの全国地方公共団体コードが記載されていません"),
        unknown=gettext_lazy(
            "市町村%(member)sの全国地方公共団体コード%(code)sが市町村のコードとして"
            "見つかりません（政令指定都市の区は構成団体になれません）"
        ),
        mismatch=gettext_lazy(
            "市町村%(member)sの名称が全国地方公共団体コード%(code)sの団体名"
            "「%(municipality)s（%(prefecture)s）」と一致しません"
        ),
    )


def _other_local_government_findings(
    index: int, member: MemberData, master: MasterData
) -> list[Finding]:
    path = f"members[{index}].area_prefectures"
    label = member_label(member)
    if not member.area_prefectures:
        message = gettext("その他の地方公共団体%(member)sの区域の都道府県が記載されていません")
        return [LG_CODE.finding(path, message % {"member": label})]
    message = gettext(
        "その他の地方公共団体%(member)sの区域の都道府県コード%(code)sが見つかりません"
    )
    return [
        LG_CODE.finding(f"{path}[{position}]", message % {"member": label, "code": quoted(code)})
        for position, code in enumerate(member.area_prefectures)
        if code not in master.prefectures
    ]


_CODE_PROBLEMS = {
    MemberKind.PREFECTURE: _prefecture_code_problem,
    MemberKind.MUNICIPALITY: _municipality_code_problem,
}


def _check_lg_code(subject: Subject) -> list[Finding]:
    findings = []
    for index, member in enumerate(subject.filing.members):
        if member.kind == MemberKind.OTHER_LOCAL_GOVERNMENT:
            findings += _other_local_government_findings(index, member, subject.master)
        elif member.kind in _CODE_PROBLEMS:
            problem = _CODE_PROBLEMS[member.kind](member, subject.master)
            if problem:
                findings.append(LG_CODE.finding(f"members[{index}].lg_code", problem))
    return findings


def _corporate_number_problem(member: MemberData) -> str | None:
    number = member.corporate_number
    names = {"member": member_label(member), "number": quoted(number)}
    if not corporate_number.has_shape(number):
        return (
            gettext("構成団体%(member)sの法人番号%(number)sは13桁の半角数字ではありません") % names
        )
    if not corporate_number.is_valid(number):
        names["digit"] = corporate_number.check_digit(number[1:])
        return (
            gettext(
                "構成団体%(member)sの法人番号%(number)sは検査用数字（先頭の1桁）が正しくありません"
                "（正しくは %(digit)d）"
            )
            % names
        )
    return None


def _check_corporate_number(subject: Subject) -> list[Finding]:
    """An invalid 法人番号 names its member (ADR 0123); a blank one is fine (it is optional)."""
    findings = []
    for index, member in enumerate(subject.filing.members):
        if is_blank(member.corporate_number):
            continue
        if message := _corporate_number_problem(member):
            findings.append(CORPORATE_NUMBER.finding(f"members[{index}].corporate_number", message))
    return findings


def _check_activity_area(subject: Subject) -> list[Finding]:
    findings = []
    for index, member in _economic_organizations(subject.filing):
        path = f"members[{index}].activity_prefectures"
        label = member_label(member)
        if not member.activity_prefectures:
            message = gettext("経済団体%(member)sの主たる活動範囲の都道府県が記載されていません")
            findings.append(ACTIVITY_AREA.finding(path, message % {"member": label}))
        unknown = gettext("経済団体%(member)sの活動範囲の都道府県コード%(code)sが見つかりません")
        findings += [
            ACTIVITY_AREA.finding(
                f"{path}[{position}]", unknown % {"member": label, "code": quoted(code)}
            )
            for position, code in enumerate(member.activity_prefectures)
            if code not in subject.master.prefectures
        ]
    return findings


def _check_in_project(subject: Subject) -> list[Finding]:
    """One finding for every member in no project, listing them (a new vision starts with
    all of them: one finding with the list, not one per member; ADR 0099)."""
    if subject.filing.vision is None:
        return []
    taking_part = member_usages(subject.filing.vision)
    idle = [m for m in subject.filing.members if m.key not in taking_part]
    if not idle:
        return []
    names = tuple(member.name.strip() or member.key for member in idle)
    message = gettext(
        "構成団体%(members)s（%(count)d団体）がいずれのプロジェクトにも参画していません"
        "（実施主体又は共同設立法人の設立団体として参画する必要があります）"
    ) % {"members": quoted(listed(names)), "count": len(names)}
    return [IN_PROJECT.finding("vision.projects", message, items=names)]


def _check_consultation(subject: Subject) -> list[Finding]:
    found = consultation_finding(
        subject.filing.declaration.revision,
        "declaration",
        "declaration.revision.consulted_on",
        rule=CHANGE_CONSULTATION,
    )
    return [found] if found else []


def _check_consultation_record(subject: Subject) -> list[Finding]:
    return consultation_record_findings(
        subject.filing.declaration.revision,
        "declaration",
        rule=CONSULTATION_RECORD,
        has_record=subject.context.declaration_consultation_record if subject.context else None,
    )


_CHECKS = (
    _check_region_name,
    _check_area,
    _check_members,
    _check_aspiration,
    _check_fields,
    _check_local_government,
    _check_economic_organization,
    _check_economic_organization_definition,
    _check_multi_prefecture,
    _check_economic_coverage,
    _check_lg_code,
    _check_corporate_number,
    _check_activity_area,
    _check_in_project,
    _check_consultation,
    _check_consultation_record,
)


def check(filing: Filing, context: RuleContext) -> list[Finding]:
    """Every 第3 finding of ``filing``, in the order of ``RULES``."""
    subject = Subject(
        filing, context.master, local_government_area(filing.members, context.master), context
    )
    findings: list[Finding] = []
    for rule_check in _CHECKS:
        findings += rule_check(subject)
    return findings
