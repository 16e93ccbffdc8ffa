"""What the three rules modules share: ``Rule`` (a rule's code, clause, severities and what
it checks, and the one way to make its findings) and small helpers over ``filing.data``.

Pure functions: no database, no Django (dependencies run project → vision → declaration →
common).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from filing.data import (
    FieldCode,
    MasterData,
    MemberData,
    PlanRef,
    RevisionInfo,
    RevisionKind,
    VisionData,
)
from filing.findings import Finding, Severity
from filing.i18n import gettext_lazy as _
from filing.rules.wording import clause_label, quoted

ERROR = (Severity.ERROR,)
WARNING = (Severity.WARNING,)


@dataclass(frozen=True, slots=True)
class Rule:
    """One 要綱 rule: its stable code, clause, possible severities and a Japanese summary."""

    code: str
    clause: str
    severities: tuple[Severity, ...]  # the first is the usual one
    description: str
    # The document a finding of this rule concerns: "declaration" (第3) or "vision" (第4).
    # members.in_project is a 第3(3) rule judged at the vision stage, so it is the vision's.
    document: str

    @property
    def severity_label(self) -> str:
        """As DESIGN.md writes it: "error", "warning / error", …"""
        return " / ".join(str(severity) for severity in self.severities)

    def finding(
        self,
        path: str,
        message: str,
        severity: Severity | None = None,
        items: tuple[str, ...] = (),
    ) -> Finding:
        """A finding of this rule; the message (in the active language, ADR 0127) is
        prefixed with the clause's label. ``items``: what a grouped finding lists
        (``Finding.items``)."""
        chosen = severity or self.severities[0]
        if chosen not in self.severities:
            raise ValueError(f"{self.code} cannot report {chosen}")
        return Finding(
            self.code,
            self.clause,
            chosen,
            f"{clause_label(self.clause)}: {message}",
            path,
            self.document,
            tuple(items),
        )


def is_blank(text: str | None) -> bool:
    return not (text or "").strip()


def cites_passage(reference: PlanRef | None) -> bool:
    """A citation of 広域地方計画等 names the plan and its passage (第4(2) なお書きの「参照箇所」,
    ③ウの「関連する箇所」): a plan's name alone cites nothing."""
    return (
        reference is not None and not is_blank(reference.plan) and not is_blank(reference.section)
    )


def member_label(member: MemberData) -> str:
    return quoted(member.name.strip() or member.key)


def prefecture_names(codes: Iterable[str], master: MasterData) -> str:
    """「北海道、青森県」 in JIS order."""
    return "、".join(master.prefectures.get(code, code) for code in sorted(codes))


FIELD_LABELS = {
    FieldCode.INDUSTRY: _("産業振興"),
    FieldCode.TOURISM: _("観光"),
    FieldCode.TRANSPORT: _("交通"),
    FieldCode.OTHER: _("その他"),
}


def member_usages(vision: VisionData) -> dict[str, str]:
    """Member key → JSON path of its first use in the projects (implementer or founder)."""
    usages: dict[str, str] = {}
    for index, project in enumerate(vision.projects):
        base = f"vision.projects[{index}]"
        for position, implementer in enumerate(project.implementers):
            if implementer.member is not None:
                usages.setdefault(implementer.member, f"{base}.implementers[{position}]")
        for position, key in enumerate(project.joint_body_of or ()):
            usages.setdefault(key, f"{base}.joint_body_of[{position}]")
    return usages


# change.consultation's message by document and by what of its revision needs the 協議.
_CONSULTATION_MESSAGES = {
    ("declaration", RevisionKind.ABOLISHED): _(
        "連携宣言の廃止について、リージョン構成団体における協議の日付が記載されていません"
    ),
    ("declaration", RevisionKind.CHANGED): _(
        "連携宣言の変更（軽微な変更を除く）について、リージョン構成団体における協議の日付が"
        "記載されていません"
    ),
    ("vision", RevisionKind.ABOLISHED): _(
        "連携ビジョンの廃止について、リージョン構成団体における協議の日付が記載されていません"
    ),
    ("vision", RevisionKind.CHANGED): _(
        "連携ビジョンの変更（軽微な変更を除く）について、リージョン構成団体における協議の日付が"
        "記載されていません"
    ),
    ("vision", RevisionKind.ESTABLISHED): _(
        "連携ビジョンの策定（第4(1)）について、リージョン構成団体における協議の日付が"
        "記載されていません"
    ),
}
# consultation.record's message by document.
_RECORD_MESSAGES = {
    "declaration": _(
        "連携宣言の協議の日が記載されていますが、協議の記録（議事録など）が添付されていません"
        "（種類「協議の記録」の添付ファイルとして添付してください）"
    ),
    "vision": _(
        "連携ビジョンの協議の日が記載されていますが、協議の記録（議事録など）が添付されていません"
        "（種類「協議の記録」の添付ファイルとして添付してください）"
    ),
}


def _needs_consultation(revision: RevisionInfo, establishment_needs_it: bool) -> bool:
    """Whether the revision needs the members' 協議: an abolition, a change that is not
    minor, an establishment when ``establishment_needs_it``."""
    if revision.kind == RevisionKind.CHANGED:
        return not revision.is_minor
    if revision.kind == RevisionKind.ESTABLISHED:
        return establishment_needs_it
    return revision.kind == RevisionKind.ABOLISHED


def consultation_finding(
    revision: RevisionInfo,
    document: str,
    path: str,
    *,
    rule: Rule,
    establishment_needs_it: bool = False,
) -> Finding | None:
    """``rule`` (change.consultation or its vision twin) for one revision (the declaration's
    or the vision's: ``document`` is ``"declaration"`` or ``"vision"``).

    ``establishment_needs_it``: a vision is by definition one whose 策定 went through the
    members' 協議 (第4(1)), so its establishment needs the date too; a declaration's does not.
    """
    if revision.consulted_on is not None:
        return None
    if not _needs_consultation(revision, establishment_needs_it):
        return None
    return rule.finding(path, str(_CONSULTATION_MESSAGES[document, revision.kind]))


def consultation_record_findings(
    revision: RevisionInfo,
    document: str,
    *,
    rule: Rule,
    has_record: bool | None,
) -> list[Finding]:
    """``rule`` (consultation.record or its vision twin, ADR 0120) for one revision whose
    協議 date is given: an attachment of kind 協議の記録 is there (``has_record``, told by
    the caller; ``None``: not known, nothing is said). The body that agreed
    (``consultation_body``) is recorded but not asked for: the 要綱 asks for the 協議, and
    the minutes name their meeting. ``document``: ``"declaration"`` or ``"vision"``, also
    the start of the path."""
    if revision.consulted_on is None or has_record is not False:
        return []
    return [rule.finding(f"{document}.attachments", str(_RECORD_MESSAGES[document]))]
