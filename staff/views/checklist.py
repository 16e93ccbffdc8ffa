"""The 要綱 checklist beside every staff form: the findings grouped by their top clause
(第2, 第3, 第4), each with a link to its field (``staff.anchors``)."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from filing.findings import Finding

CLAUSE_TITLES = {
    "第2": _("第2 広域リージョン連携（複数のプロジェクト）"),  # i18n: not text (the key)
    "第3": _("第3 広域リージョン連携宣言"),  # i18n: not text (the key)
    "第4": _("第4 広域リージョン連携ビジョン"),  # i18n: not text (the key)
}


@dataclass
class ChecklistItem:
    finding: Finding
    href: str = ""  # where the field is: "#id_region_name" or another page's URL with an anchor

    @property
    def ack_value(self) -> str:
        return f"{self.finding.code}|{self.finding.path}"


@dataclass
class ChecklistGroup:
    clause: str
    title: str
    items: list[ChecklistItem] = field(default_factory=list)


@dataclass
class Checklist:
    groups: list[ChecklistGroup]
    errors: int
    warnings: int

    @property
    def warning_items(self) -> list[ChecklistItem]:
        return [i for g in self.groups for i in g.items if not i.finding.is_error]

    @property
    def is_clear(self) -> bool:
        return not self.errors and not self.warnings


def top_clause(finding: Finding) -> str:
    """第2, 第3 or 第4: the top clause a finding is listed under. A rule of two clauses
    (change.consultation, 第3(5) and 第4(3)) goes where its path is: 第4 for the vision."""
    clauses = re.findall(r"第\d+", finding.clause)  # i18n: not text
    if not clauses:
        return finding.clause
    if finding.path.startswith("vision") and "第4" in clauses:  # i18n: not text
        return "第4"  # i18n: not text
    return clauses[0]


def checklist(findings, href_of) -> Checklist:
    """The findings grouped by their top clause, each with ``href_of(path)`` as its link."""
    groups: dict[str, ChecklistGroup] = {}
    for finding in findings:
        clause = top_clause(finding)
        group = groups.setdefault(clause, ChecklistGroup(clause, CLAUSE_TITLES.get(clause, clause)))
        group.items.append(ChecklistItem(finding, href_of(finding.path) or ""))
    ordered = sorted(groups.values(), key=lambda g: int(re.sub(r"\D", "", g.clause) or 0))
    errors = sum(1 for f in findings if f.is_error)
    return Checklist(ordered, errors, len(findings) - errors)
