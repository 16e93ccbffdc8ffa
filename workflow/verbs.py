"""The verbs of a filing's lifecycle: one service per verb (STYLE.md §4).

Each is keyword-only, takes the ``actor``, runs in a transaction, and moves the
status only through ``declarations.services.revision_transition`` (which writes
the ``StatusChange`` audit row). Submitting runs every 要綱 rule and refuses with
all the findings at once (STYLE.md §3).
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from attachments.selectors import has_consultation_record
from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from declarations.services import revision_transition
from filing.bundle import filing_to_bundle
from filing.data import Filing
from filing.engine import check_filing
from filing.findings import Finding
from reviews.models import Review
from reviews.services import review_record, submission_record
from visions.models import VisionRevision
from visions.selectors import paired_declaration
from workflow.adapter import (
    declaration_revision_loaded,
    filing_from_revisions,
    rule_context,
    vision_revision_loaded,
)
from workflow.notices import (
    notify_accepted,
    notify_published,
    notify_returned,
    notify_submitted,
)
from workflow.signals import revision_submitted


class SubmissionRefused(Exception):
    """Submission refused; ``findings`` holds every error (and unacknowledged warning) at once."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        errors = sum(1 for f in findings if f.is_error)
        super().__init__(
            f"送付できません: エラー {errors} 件、未確認の警告 {len(findings) - errors} 件があります。"
        )


def revision_filing(revision, *, declaration=None, vision=None) -> Filing | None:
    """The ``Filing`` a revision is checked and sent as: a declaration alone, a vision with
    its paired declaration revision (``None`` when it has none). ``declaration`` / ``vision``
    as in ``revision_findings``."""
    if isinstance(revision, DeclarationRevision):
        return filing_from_revisions(declaration or declaration_revision_loaded(revision.pk))
    if declaration is None:
        paired = paired_declaration(revision)
        if paired is None:
            return None
        declaration = declaration_revision_loaded(paired.pk)
    return filing_from_revisions(declaration, vision or vision_revision_loaded(revision.pk))


def revision_findings(revision, *, declaration=None, vision=None) -> list[Finding]:
    """Every finding that concerns this revision's document, in rule order: the one place a
    revision's findings are computed (the reviewers' queue computes the same in bulk).

    ``declaration`` / ``vision``: the revisions already loaded with their rows
    (``declaration_revision_loaded`` / ``vision_revision_loaded``), when the caller has them.
    """
    filing = revision_filing(revision, declaration=declaration, vision=vision)
    if filing is None:
        return []
    # Only this revision's document is kept, so only its 協議の記録 is asked (ADR 0120).
    recorded = {f"{revision.document}_consultation_record": has_consultation_record(revision)}
    findings = check_filing(filing, rule_context(revision.region, **recorded))
    return [f for f in findings if f.document == revision.document]


@transaction.atomic
def revision_submit(*, revision, actor, acknowledged: set[tuple[str, str]] | None = None):
    """送付: freeze a draft revision and send it to the ministry for review.

    Refused while any error remains. When ``acknowledged`` is given (the staff UI),
    every warning must be in it as ``(code, path)``; ``None`` acknowledges all. Every verb
    records its moves at ``declarations.clock.now()`` (a loader dates a history with
    ``recorded_at``).
    """
    findings = revision_findings(revision)
    blocking = [f for f in findings if f.is_error]
    if acknowledged is not None:
        blocking += [f for f in findings if not f.is_error and (f.code, f.path) not in acknowledged]
    if blocking:
        raise SubmissionRefused(blocking)
    if isinstance(revision, VisionRevision) and not revision.declaration_revision_id:
        revision.declaration_revision = paired_declaration(revision)
        revision.save(update_fields=["declaration_revision"])
    change = revision_transition(revision=revision, new=Status.SUBMITTED, actor=actor)
    # The receipt (受付番号) and what was sent, for the region and for a later re-review.
    filing = revision_filing(revision)
    submission = submission_record(
        revision=revision,
        actor=actor,
        snapshot=filing_to_bundle(filing) if filing is not None else {},
    )
    revision_submitted.send(sender=type(revision), revision=revision)
    notify_submitted(revision, submission)
    return change


class CommentRequired(Exception):
    def __init__(self):
        super().__init__("差戻しにはコメントが必要です。")


@transaction.atomic
def revision_return(*, revision, actor, comment: str):
    """差戻し: send a submitted revision back to the region, with a required comment."""
    if not comment or not comment.strip():
        raise CommentRequired
    change = revision_transition(
        revision=revision, new=Status.RETURNED, actor=actor, comment=comment.strip()
    )
    review_record(
        revision=revision,
        decision=Review.Decision.RETURNED,
        reviewer=actor,
        comment=comment.strip(),
    )
    notify_returned(revision, comment.strip())
    return change


@transaction.atomic
def revision_reopen(*, revision, actor):
    """A returned revision becomes a draft again so that the region can fix it."""
    return revision_transition(revision=revision, new=Status.DRAFT, actor=actor)


@dataclass(frozen=True)
class Acceptance:
    """What 受理 did: published now, or scheduled for ``publish_on``."""

    change: object  # the StatusChange of the last move (accepted, or published)
    publish_on: date | None = None  # the day of a scheduled publication; None when published now

    @property
    def published(self) -> bool:
        return self.publish_on is None


@transaction.atomic
def revision_accept(*, revision, actor, comment: str = "", publish_on=None) -> Acceptance:
    """受理: accept a submitted revision; publish it now, or on ``publish_on`` when that day
    is still to come. The caller reads the outcome from the returned ``Acceptance``."""
    change = revision_transition(
        revision=revision, new=Status.ACCEPTED, actor=actor, comment=comment
    )
    scheduled = publish_on if publish_on is not None and publish_on > timezone.localdate() else None
    review_record(
        revision=revision,
        decision=Review.Decision.ACCEPTED,
        reviewer=actor,
        comment=comment,
        publish_on=scheduled,
    )
    if scheduled is not None:
        revision.publish_on = scheduled
        revision.save(update_fields=["publish_on"])
        notify_accepted(revision, scheduled)
        return Acceptance(change=change, publish_on=scheduled)
    return Acceptance(change=revision_publish(revision=revision, actor=actor))


@transaction.atomic
def revision_publish(*, revision, actor):
    """公表: an accepted revision becomes the public one."""
    change = revision_transition(revision=revision, new=Status.PUBLISHED, actor=actor)
    notify_published(revision)
    return change


def publish_due(*, today=None, actor=None) -> int:
    """Publish every accepted revision whose scheduled day has come; returns how many."""
    today = today or timezone.localdate()
    count = 0
    for model in (DeclarationRevision, VisionRevision):
        for revision in model.objects.filter(status=Status.ACCEPTED, publish_on__lte=today):
            revision_publish(revision=revision, actor=actor)
            count += 1
    return count
