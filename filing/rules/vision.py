"""第4(2)①② and 第4(3) rules: the 連携ビジョン as a whole (要綱 第2, 第4).

Pure functions over ``filing.data`` data: no database. Nothing is checked
before a vision exists. The per-project rules of 第4(2)③ live in ``filing.rules.project``.
"""

import calendar
from datetime import date

from filing.data import Filing, PlanRef, RuleContext, VisionData
from filing.findings import Finding
from filing.rules.declaration import (
    CHANGE_CONSULTATION,
    ERROR,
    FIELD_LABELS,
    WARNING,
    Rule,
    consultation_finding,
    is_blank,
    japanese_date,
    member_label,
    member_usages,
    quoted,
)

ASPIRATION = Rule(
    "vision.aspiration",
    "第4(2)①",
    ERROR,
    "中長期的な目指すべき姿が記載されているか、広域地方計画等の参照箇所で代えられていること",
)
ROADMAP = Rule(
    "vision.roadmap",
    "第4(2)②",
    ERROR,
    "目指すべき姿の実現に向けたロードマップの全体像が記載されているか、広域地方計画等の参照箇所で"
    "代えられていること",
)
PROJECTS = Rule(
    "vision.projects",
    "第2",
    WARNING,
    "プロジェクトが2件以上あること（要綱は複数のプロジェクトに取り組むことを想定している）",
)
DECLARATION_SYNC = Rule(
    "change.declaration_sync",
    "第3(5), 第4(3)",
    ERROR,
    "プロジェクトに参画する構成団体と連携宣言書の分野が、公表中の連携宣言書にあること"
    "（なければ先に連携宣言を変更する。公表中の連携宣言書がある場合のみ確認）",
)
VERIFICATION = Rule(
    "vision.verification",
    "第4(3)",
    WARNING,
    "最後の検証（記録がなければ連携宣言の日）から設定の間隔（既定12か月）を超えていないこと",
)

# change.consultation is declared in filing.rules.declaration and also applies to the vision revision.
RULES = (ASPIRATION, ROADMAP, PROJECTS, CHANGE_CONSULTATION, DECLARATION_SYNC, VERIFICATION)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month (1/31 + 1 → 2/28)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _has_plan_reference(reference: PlanRef | None) -> bool:
    return reference is not None and not is_blank(reference.plan)


def _check_aspiration(filing: Filing, vision: VisionData, context: RuleContext) -> list[Finding]:
    if not is_blank(vision.aspiration) or _has_plan_reference(vision.aspiration_plan_reference):
        return []
    message = (
        "連携ビジョンの目指すべき姿（中長期的な将来像）が記載されていません"
        "（広域地方計画等の参照箇所の記載で代えることもできます）"
    )
    return [ASPIRATION.finding("vision.aspiration", message)]


def _check_roadmap(filing: Filing, vision: VisionData, context: RuleContext) -> list[Finding]:
    if not is_blank(vision.roadmap) or _has_plan_reference(vision.roadmap_plan_reference):
        return []
    message = (
        "目指すべき姿の実現に向けたロードマップが記載されていません"
        "（広域地方計画等の参照箇所の記載で代えることもできます）"
    )
    return [ROADMAP.finding("vision.roadmap", message)]


def _check_projects(filing: Filing, vision: VisionData, context: RuleContext) -> list[Finding]:
    count = len(vision.projects)
    if count >= 2:
        return []
    message = f"プロジェクトが{count}件です（要綱は複数のプロジェクトに連携して取り組むことを想定しています）"
    return [PROJECTS.finding("vision.projects", message)]


def _check_consultation(filing: Filing, vision: VisionData, context: RuleContext) -> list[Finding]:
    found = consultation_finding(
        vision.revision, "連携ビジョン", "vision.revision.consulted_on", establishment_needs_it=True
    )
    return [found] if found else []


def _check_declaration_sync(
    filing: Filing, vision: VisionData, context: RuleContext
) -> list[Finding]:
    published = context.current_declaration
    if published is None:
        return []
    members = {member.key: member for member in filing.members}
    findings = [
        DECLARATION_SYNC.finding(
            path,
            f"プロジェクトに参画する構成団体{member_label(members[key])}が公表中の連携宣言書の"
            "構成団体にありません（先に連携宣言を変更する必要があります）",
        )
        for key, path in member_usages(vision).items()
        if key in members and key not in published.member_keys
    ]
    findings += [
        DECLARATION_SYNC.finding(
            f"declaration.fields[{index}]",
            f"分野{quoted(FIELD_LABELS[entry.code])}が公表中の連携宣言書にありません"
            "（先に連携宣言を変更する必要があります）",
        )
        for index, entry in enumerate(filing.declaration.fields)
        if entry.code not in published.fields
    ]
    return findings


def _check_verification(filing: Filing, vision: VisionData, context: RuleContext) -> list[Finding]:
    since = vision.verified_on or filing.declaration.declared_on
    months = context.verification_interval_months
    if since is None or context.today <= add_months(since, months):
        return []
    if vision.verified_on is not None:
        message = (
            f"連携ビジョンの検証が{japanese_date(since)}から{months}か月を超えて行われていません"
        )
    else:
        message = (
            f"連携ビジョンの検証の記録がなく、連携宣言の日（{japanese_date(since)}）から"
            f"{months}か月を超えています"
        )
    return [VERIFICATION.finding("vision.verified_on", message)]


_CHECKS = (
    _check_aspiration,
    _check_roadmap,
    _check_projects,
    _check_consultation,
    _check_declaration_sync,
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
