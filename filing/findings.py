"""What a rule reports. Shared by every app's ``rules.py``, the CLI, forms, admin and API."""

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # blocks submission
    WARNING = "warning"  # shown to staff and reviewers; needs no fix


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # stable rule code of DESIGN.md, e.g. "members.multi_prefecture"
    clause: str  # the 要綱 clause, e.g. "第3(3)ア"
    severity: Severity
    # In the language of the check (Japanese unless a request chose another, ADR 0127);
    # starts with the clause's label and names the offending item.
    message: str
    path: str  # JSON path into the region bundle, e.g. "vision.projects[2].period"
    # "declaration" or "vision": the document whose submission the finding concerns
    # (Rule.document). Not part of the bundle-facing dict (as_dict).
    document: str = field(default="declaration", compare=False)
    # The items a grouped finding is about, for a page to list (members.in_project: the
    # names of the members in no project). The message names them too; not in as_dict.
    items: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["document"]
        del data["items"]
        data["severity"] = str(self.severity)
        return data


def has_errors(findings) -> bool:
    return any(finding.is_error for finding in findings)
