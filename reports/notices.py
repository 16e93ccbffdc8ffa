"""The mails about a 検証 record (ADR 0105), like the revisions' (``reviews.notices``): each
names the region, says what is expected and links to the page where it is done. The wording
is in ``templates/mail/verification_*.txt``; mails go through the outbox (ADR 0081)."""

from django.conf import settings
from django.urls import reverse

from accounts.notifications import editor_addresses, notice_mail, reviewer_addresses
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


def send(name: str, context, recipients):
    """Render ``templates/mail/<name>`` with ``context`` (a dict or a callable giving one)
    and queue one mail per language of the recipients (``accounts.notifications.notice_mail``,
    ADR 0126). Returns the first ``Mail`` (the language of record's when someone reads it),
    ``None`` when there is no recipient."""
    mails = notice_mail(name, context, recipients)
    return mails[0] if mails else None


def notify_submitted(verification) -> None:
    """To the reviewers: 「審査してください」 with the admin page of the verification."""
    send(
        "verification_submitted",
        lambda: {
            **verification_facts(verification),
            "submitted_on": day(verification.submitted_at),
        },
        reviewer_addresses(),
    )


def notify_returned(verification, reason: str) -> None:
    """To the region's editors: 「修正して再送付してください（理由: …）」."""
    send(
        "verification_returned",
        lambda: {**verification_facts(verification), "reason": reason},
        editor_addresses(verification.region),
    )


def notify_published(verification) -> None:
    """To the region's editors: published; 「対応は不要です」 (or the change it offers)."""
    send(
        "verification_published",
        lambda: {
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
