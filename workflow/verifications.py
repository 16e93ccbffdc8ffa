"""The 検証 records across documents (ADR 0105): starting the vision change a verification
concludes, and the reminders before a verification falls due.

Here rather than in ``reports`` because both need the workflow: the change is a
``workflow.revisions`` verb, and the due day counts from the vision's first publication
(``workflow.adapter``) as the rule vision.verification does.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.notifications import editor_addresses
from declarations import clock
from declarations.lifecycle import Kind, Status
from declarations.services import RevisionNotStarted
from filing.rules.vision import last_verification, verification_due
from reports import notices
from reports.models import Conclusion, VerificationReminder
from reports.selectors import last_verifications
from visions.models import VisionRevision
from workflow.adapter import verification_interval_months, vision_first_publications
from workflow.revisions import revision_start_change


@transaction.atomic
def verification_start_change(*, verification, actor):
    """変更を始める from a published verification concluding 変更: the vision change
    (``revision_start_change``), linked to the verification (``change_revision``) and
    with the verification named as its reason."""
    type(verification).objects.select_for_update().filter(pk=verification.pk).first()
    verification.refresh_from_db(fields=["status", "conclusion", "change_revision"])
    if verification.status != Status.PUBLISHED or verification.conclusion != Conclusion.CHANGE:
        raise RevisionNotStarted("結論が「変更」で公表された検証からだけ、変更を始められます。")
    if verification.change_revision_id is not None:
        raise RevisionNotStarted(
            "この検証からはすでに変更を始めています。", verification.change_revision
        )
    revision = revision_start_change(region=verification.region, document="vision", actor=actor)
    if not revision.reason:
        revision.reason = (
            f"第{verification.number}回の検証（{verification.verified_on:%Y-%m-%d}）の結論による変更。"
            f"{verification.summary}"
        )[:20_000]
        revision.save(update_fields=["reason"])
    verification.change_revision = revision
    verification.save(update_fields=["change_revision"])
    return revision


# ---------------------------------------------------------------- reminders


@dataclass(frozen=True)
class DueVerification:
    revision: VisionRevision  # the region's published vision revision
    due_on: date
    overdue: bool


def verifications_due(*, today: date | None = None, days: int | None = None):
    """The published visions whose verification falls due within ``days`` (setting
    ``VERIFICATION_REMINDER_DAYS``) or is overdue, counted as the rule vision.verification
    counts (last verification, else first publication). A fixed number of queries."""
    today = today or timezone.localdate()
    days = settings.VERIFICATION_REMINDER_DAYS if days is None else days
    months = verification_interval_months()
    latest: dict[int, VisionRevision] = {}
    for revision in (
        VisionRevision.objects.filter(status=Status.PUBLISHED)
        .select_related("vision__region", "declaration_revision")
        .order_by("vision_id", "number")
    ):
        latest[revision.vision.region_id] = revision
    latest = {pk: r for pk, r in latest.items() if r.kind != Kind.ABOLISHED}
    first = vision_first_publications(latest)
    recorded = last_verifications(latest)
    due = []
    for region_id, revision in latest.items():
        found = verification_due(
            last_verification(revision.verified_on, recorded.get(region_id)),
            first.get(region_id),
            months,
        )
        if found is None or found[1] - timedelta(days=days) > today:
            continue
        due.append(DueVerification(revision, found[1], overdue=today > found[1]))
    return due


def reminder_send(due: DueVerification) -> VerificationReminder | None:
    """Mail the region's editors about one due verification, once per vision, due day and
    kind (the ``VerificationReminder`` row); ``None`` when that reminder was already sent."""
    kind = VerificationReminder.Kind.OVERDUE if due.overdue else VerificationReminder.Kind.DUE_SOON
    vision = due.revision.vision
    if VerificationReminder.objects.filter(vision=vision, due_on=due.due_on, kind=kind).exists():
        return None
    recipients = editor_addresses(vision.region)
    try:
        with transaction.atomic():  # the mail and its row together, or neither
            mail = notices.notify_reminder(
                vision_revision=due.revision,
                due_on=due.due_on,
                overdue=due.overdue,
                recipients=recipients,
            )
            reminder = VerificationReminder.objects.create(
                vision=vision,
                due_on=due.due_on,
                kind=kind,
                sent_at=clock.now(),
                recipients=recipients,
                mail=mail,
            )
    except IntegrityError:  # sent by a command running at the same moment
        return None
    return reminder


def reminders_send(*, today: date | None = None) -> list[VerificationReminder]:
    """The daily reminders (``manage.py remind_verifications``): each due one sent once."""
    sent = []
    for due in verifications_due(today=today):
        reminder = reminder_send(due)
        if reminder is not None:
            sent.append(reminder)
    return sent
