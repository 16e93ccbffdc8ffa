"""Who is told: the addresses of the reviewers and of a region's editors. The mail itself
goes through the outbox (``outbox.services.mail_enqueue``, ADR 0081)."""

from django.contrib.auth import get_user_model

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
