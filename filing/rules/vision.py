"""第4(2)①② and 第4(3) rules: the 連携ビジョン as a whole (要綱 第2, 第4).

Pure functions over ``filing.data`` data: no database. Nothing is checked
before a vision exists. The per-project rules of 第4(2)③ live in ``filing.rules.project``.
"""

import calendar
from dataclasses import replace
from datetime import date

from filing.data import Filing, PlanRef, RuleContext, VisionData
from filing.findings import Finding
from filing.i18n import gettext, gettext_lazy
from filing.rules.common import (
    ERROR,
    FIELD_LABELS,
    WARNING,
    Rule,
    cites_passage,
    consultation_finding,
    consultation_record_findings,
    is_blank,
    member_label,
    member_usages,
)
from filing.rules.declaration import CHANGE_CONSULTATION, CONSULTATION_RECORD
from filing.rules.wording import day, quoted

ASPIRATION = Rule(
    "vision.aspiration",
    "第4(2)①",
    ERROR,
    gettext_lazy(
        "中長期的な目指すべき姿が記載されているか、広域地方計画等の参照箇所で代えられていること"
        "（代えるには計画の名称と参照箇所の両方が要る）"
    ),
    document="vision",
)
ROADMAP = Rule(
    "vision.roadmap",
    "第4(2)②",
    ERROR,
    gettext_lazy(
        "目指すべき姿の実現に向けたロードマップの全体像が記載されているか、広域地方計画等の参照箇所で"
        "代えられていること（同じく計画の名称と参照箇所の両方が要る）"
    ),
    document="vision",
)
PROJECTS = Rule(
    "vision.projects",
    "第2",
    WARNING,
    gettext_lazy(
        "プロジェクトが2件以上あること（要綱は複数のプロジェクトに取り組むことを想定している）"
    ),
    document="vision",
)
DECLARATION_SYNC = Rule(
    "change.declaration_sync",
    "第3(5), 第4(3)",
    ERROR,
    gettext_lazy(
        "プロジェクトに参画する構成団体と連携宣言書の分野が、公表中の連携宣言書にあること"
        "（なければ先に連携宣言を変更する。公表中の連携宣言書がある場合のみ確認）。"
        "プロジェクトの分野は、連携宣言書（公表中のものがあればそれにも）で取り組む分野であること"
    ),
    document="vision",
)
VERIFICATION = Rule(
    "vision.verification",
    "第4(3)",
    WARNING,
    gettext_lazy(
        "最後の検証（記録がなければ連携ビジョンの最初の公表の日）から設定の間隔（既定12か月）を"
        "超えていないこと（公表されたことがなく検証の記録もない連携ビジョンは期限を過ぎない）"
    ),
    document="vision",
)

# change.consultation is declared in filing.rules.declaration; the vision revision's own
# consultation is the same rule, reported about the vision.
VISION_CHANGE_CONSULTATION = replace(CHANGE_CONSULTATION, document="vision")
# consultation.record likewise (ADR 0120).
VISION_CONSULTATION_RECORD = replace(CONSULTATION_RECORD, document="vision")

RULES = (
    ASPIRATION,
    ROADMAP,
    PROJECTS,
    VISION_CHANGE_CONSULTATION,
    VISION_CONSULTATION_RECORD,
    DECLARATION_SYNC,
    VERIFICATION,
)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month (1/31 + 1 → 2/28)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _missing_message(reference: PlanRef | None, *, bare: str, cited: str) -> str:
    """``bare`` when nothing replaces the text, ``cited`` (about %(plan)s) when a plan is
    named without its passage."""
    if reference is None or is_blank(reference.plan):
        return bare
    return cited % {"plan": quoted(reference.plan.strip())}


def _check_aspiration(filing: Filing, vision: VisionData, context: RuleContext) -> list[Finding]:
    reference = vision.aspiration_plan_reference
    if not is_blank(vision.aspiration) or cites_passage(reference):
        return []
    message = _missing_message(
        reference,
        bare=gettext(
            "連携ビジョンの目指すべき姿（中長期的な将来像）が記載されていません"
            "（広域地方計画等の参照箇所の記載で代えることもできます）"
        ),
        cited=gettext(
            "連携ビジョンの目指すべき姿（中長期的な将来像）が記載されていません"
            "（広域地方計画等%(plan)sの参照箇所が記載されていないため、代えることができません。"
            "計画の名称だけでは参照箇所になりません）"
        ),
    )
    return [ASPIRATION.finding("vision.aspiration", message)]


def _check_roadmap(filing: Filing, vision: VisionData, context: RuleContext) -> list[Finding]:
    reference = vision.roadmap_plan_reference
    if not is_blank(vision.roadmap) or cites_passage(reference):
        return []
    message = _missing_message(
        reference,
        bare=gettext(
            "目指すべき姿の実現に向けたロードマップが記載されていません"
            "（広域地方計画等の参照箇所の記載で代えることもできます）"
        ),
        cited=gettext(
            "目指すべき姿の実現に向けたロードマップが記載されていません"
            "（広域地方計画等%(plan)sの参照箇所が記載されていないため、代えることができません。"
            "計画の名称だけでは参照箇所になりません）"
        ),
    )
    return [ROADMAP.finding("vision.roadmap", message)]


def _check_projects(filing: Filing, vision: VisionData, context: RuleContext) -> list[Finding]:
    count = len(vision.projects)
    if count >= 2:
        return []
    message = gettext(
        "プロジェクトが%(count)d件です（要綱は複数のプロジェクトに連携して取り組むことを想定しています）"
    ) % {"count": count}
    return [PROJECTS.finding("vision.projects", message)]


def _check_consultation(filing: Filing, vision: VisionData, context: RuleContext) -> list[Finding]:
    found = consultation_finding(
        vision.revision,
        "vision",
        "vision.revision.consulted_on",
        establishment_needs_it=True,
        rule=VISION_CHANGE_CONSULTATION,
    )
    return [found] if found else []


def _check_consultation_record(
    filing: Filing, vision: VisionData, context: RuleContext
) -> list[Finding]:
    return consultation_record_findings(
        vision.revision,
        "vision",
        rule=VISION_CONSULTATION_RECORD,
        has_record=context.vision_consultation_record,
    )


def _check_declaration_sync(
    filing: Filing, vision: VisionData, context: RuleContext
) -> list[Finding]:
    published = context.current_declaration
    if published is None:
        return []
    members = {member.key: member for member in filing.members}
    absent_member = gettext(
        "プロジェクトに参画する構成団体%(member)sが公表中の連携宣言書の構成団体にありません"
        "（先に連携宣言を変更する必要があります）"
    )
    findings = [
        DECLARATION_SYNC.finding(path, absent_member % {"member": member_label(members[key])})
        for key, path in member_usages(vision).items()
        if key in members and key not in published.member_keys
    ]
    absent_field = gettext(
        "分野%(field)sが公表中の連携宣言書にありません（先に連携宣言を変更する必要があります）"
    )
    findings += [
        DECLARATION_SYNC.finding(
            f"declaration.fields[{index}]",
            absent_field % {"field": quoted(FIELD_LABELS[entry.code])},
        )
        for index, entry in enumerate(filing.declaration.fields)
        if entry.code not in published.fields
    ]
    return findings


def _check_project_fields(
    filing: Filing, vision: VisionData, context: RuleContext
) -> list[Finding]:
    """A project's own field (ADR 0115) is one the declaration declares: the one it is filed
    with and, when there is one, the published one (第3(5), 第4(3): change the declaration
    first). Checked for bundles too, since a bundle carries its declaration."""
    declared = {entry.code for entry in filing.declaration.fields}
    published = context.current_declaration
    findings = []
    for index, project in enumerate(vision.projects):
        for position, code in enumerate(project.fields):
            if code not in declared:
                message = gettext(
                    "プロジェクトの分野%(field)sが連携宣言書の分野にありません"
                    "（先に連携宣言を変更して分野に加えるか、プロジェクトの分野から外してください）"
                )
            elif published is not None and code not in published.fields:
                message = gettext(
                    "プロジェクトの分野%(field)sが公表中の連携宣言書の分野にありません"
                    "（先に連携宣言を変更して分野に加えるか、プロジェクトの分野から外してください）"
                )
            else:
                continue
            findings.append(
                DECLARATION_SYNC.finding(
                    f"vision.projects[{index}].fields[{position}]",
                    message % {"field": quoted(FIELD_LABELS[code])},
                )
            )
    return findings


def last_verification(verified_on: date | None, recorded_on: date | None) -> date | None:
    """The vision's last verification: the later of the revision's ``verified_on`` (the
    field of the vision form, kept for the data filed before 検証 records existed) and the
    latest published 検証 record's day (``RuleContext.last_verified_on``, ADR 0105)."""
    days = [day for day in (verified_on, recorded_on) if day is not None]
    return max(days, default=None)


def verification_due(
    verified_on: date | None, first_published_on: date | None, months: int
) -> tuple[date, date] | None:
    """``(since, due)`` of vision.verification: counted from the last verification or, when
    the vision was never verified, from its first publication; ``None`` for a vision that
    was neither (never published, or a bundle, which carries no publication): never overdue.
    The staff dashboard and the reviewers' overview use this too.
    """
    since = verified_on or first_published_on
    if since is None:
        return None
    return since, add_months(since, months)


def _check_verification(filing: Filing, vision: VisionData, context: RuleContext) -> list[Finding]:
    months = context.verification_interval_months
    verified_on = last_verification(vision.verified_on, context.last_verified_on)
    found = verification_due(verified_on, context.vision_first_published_on, months)
    if found is None or context.today <= found[1]:
        return []
    since = found[0]
    if verified_on is not None:
        message = gettext("連携ビジョンの検証が%(since)sから%(months)dか月を超えて行われていません")
    else:
        message = gettext(
            "連携ビジョンの検証の記録がなく、最初の公表の日（%(since)s）から%(months)dか月を超えています"
        )
    names = {"since": day(since), "months": months}
    return [VERIFICATION.finding("vision.verified_on", message % names)]


_CHECKS = (
    _check_aspiration,
    _check_roadmap,
    _check_projects,
    _check_consultation,
    _check_consultation_record,
    _check_declaration_sync,
    _check_project_fields,
    _check_verification,
)


def check(filing: Filing, context: RuleContext) -> list[Finding]:
    """Every finding about the vision as a whole; none before a vision exists."""
    if filing.vision is None:
        return []
    findings: list[Finding] = []
    for rule_check in _CHECKS:
        findings += rule_check(filing, filing.vision, context)
    return findings
