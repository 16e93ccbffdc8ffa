"""The mails of the verbs (送付, 差戻し, 受理, 公表): ``workflow.verbs`` calls one function per
move. Each mail names the region, says what is expected and links to the item (issue 13);
the wording is in ``templates/mail/``, the facts and the sending in ``reviews.notices``."""

from django.utils import timezone

from accounts.notifications import editor_addresses, reviewer_addresses
from reviews.notices import day, notice_send


def notify_submitted(revision, submission) -> None:
    """To the reviewers: 「審査してください」 with the admin review page, the 受付番号 and
    which submission of the revision it is (``reviews.Submission``)."""
    notice_send(
        "revision_submitted",
        revision,
        reviewer_addresses(),
        submitted_on=day(revision.submitted_at or timezone.now()),
        receipt_number=submission.receipt_number,
        sequence=submission.sequence,
    )


def notify_returned(revision, reason: str) -> None:
    """To the region's editors: 「修正して再送付してください（理由: …）」 with the staff page."""
    notice_send("revision_returned", revision, editor_addresses(revision.region), reason=reason)


def notify_accepted(revision, publish_on) -> None:
    """To the region's editors, when the publication is scheduled: 「対応は不要です」."""
    notice_send(
        "revision_accepted",
        revision,
        editor_addresses(revision.region),
        accepted_on=day(revision.accepted_at or timezone.now()),
        publish_on=day(publish_on),
    )


def notify_published(revision) -> None:
    """To the region's editors: published, with the day of 受理; 「対応は不要です」."""
    now = timezone.now()
    notice_send(
        "revision_published",
        revision,
        editor_addresses(revision.region),
        accepted_on=day(revision.accepted_at or now),
        published_on=day(revision.published_at or now),
    )
