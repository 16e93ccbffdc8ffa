"""E-mail to reviewers and to a region's editors, through Django's mail (MAILERS)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from accounts.access import region_editors
from accounts.models import REVIEWER_GROUP


def reviewer_addresses() -> list[str]:
    users = (
        get_user_model()
        .objects.filter(groups__name=REVIEWER_GROUP, is_active=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def editor_addresses(region) -> list[str]:
    return sorted(set(region_editors(region).exclude(email="").values_list("email", flat=True)))


def send_after_commit(subject: str, body: str, recipients: list[str]) -> None:
    """Send once the surrounding transaction has committed (nothing is sent for a rolled-back move)."""
    if not recipients:
        return
    subject = f"[{settings.PORTAL_NAME}] {subject}"
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
