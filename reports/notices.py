"""The mails about a 検証 record (ADR 0105), like the revisions' (``reviews.notices``): each
names the region, says what is expected and links to the page where it is done. The wording
is in ``templates/mail/verification_*.txt``; mails go through the outbox (ADR 0081)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.notifications import editor_addresses, reviewer_addresses
from outbox.services import mail_enqueue
from reviews.notices import day
from web.links import absolute_url


def verification_facts(verification) -> dict:
    region = verification.region
    return {
        "label": verification.label,
        "region": verification.region_title or region.slug,
        "number": verification.number,
        "portal": settings.PORTAL_NAME,
        "review_url": absolute_url(
            reverse("admin:reports_verification_change", args=[verification.pk])
        ),
        "staff_url": absolute_url(verification.get_absolute_url()),
    }


def send(name: str, context: dict, recipients):
    """Render ``templates/mail/<name>`` with ``context`` and queue the mail (the ``Mail``
    row, or ``None`` when there is no recipient)."""
    context = {"portal": settings.PORTAL_NAME, **context}
    # in Japanese, the language of record, whatever the page that made the move (ADR 0124)
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"mail/{name}_subject.txt", context).split())
        body = render_to_string(f"mail/{name}.txt", context)
    return mail_enqueue(subject, body, recipients)


def notify_submitted(verification) -> None:
    """To the reviewers: 「審査してください」 with the admin page of the verification."""
    send(
        "verification_submitted",
        {**verification_facts(verification), "submitted_on": day(verification.submitted_at)},
        reviewer_addresses(),
    )


def notify_returned(verification, reason: str) -> None:
    """To the region's editors: 「修正して再送付してください（理由: …）」."""
    send(
        "verification_returned",
        {**verification_facts(verification), "reason": reason},
        editor_addresses(verification.region),
    )


def notify_published(verification) -> None:
    """To the region's editors: published; 「対応は不要です」 (or the change it offers)."""
    send(
        "verification_published",
        {
            **verification_facts(verification),
            "published_on": day(verification.published_at),
            "offers_change": verification.offers_change,
        },
        editor_addresses(verification.region),
    )


def notify_reminder(*, vision_revision, due_on, overdue: bool, recipients):
    """To the region's editors: the vision's verification falls due on ``due_on`` (or is
    overdue since): 「検証を行い、検証の記録を送付してください」."""
    region = vision_revision.vision.region
    return send(
        "verification_overdue" if overdue else "verification_due_soon",
        {
            "region": vision_revision.region_title or region.slug,
            "due_on": day(due_on),
            "staff_url": absolute_url(reverse("staff:verifications", args=[region.slug])),
        },
        recipients,
    )
