"""Write use cases of the declarations app."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from declarations.lifecycle import TRANSITIONS, Status
from declarations.models import Region, StatusChange

# The timestamp each arrival status records.
STAMPS = {
    Status.SUBMITTED: "submitted_at",
    Status.ACCEPTED: "accepted_at",
    Status.PUBLISHED: "published_at",
}


class TransitionNotAllowed(Exception):
    def __init__(self, revision, new):
        self.revision, self.new = revision, new
        super().__init__(
            f"{revision} は「{revision.get_status_display()}」から「{Status(new).label}」に移せません。"
        )


@transaction.atomic
def revision_transition(*, revision, new: Status, actor=None, comment: str = "") -> StatusChange:
    """Move a declaration or vision revision along the transition table, with an audit row.

    The only place that assigns ``status`` (STYLE.md §4); the verbs in
    ``region_portal.services`` call it after their own checks.
    """
    type(revision).objects.select_for_update().filter(pk=revision.pk).first()
    revision.refresh_from_db(fields=["status"])
    old = Status(revision.status)
    if (old, Status(new)) not in TRANSITIONS:
        raise TransitionNotAllowed(revision, new)
    now = timezone.now()
    revision.status = new
    update_fields = ["status", "updated_at"]
    if new in STAMPS:
        setattr(revision, STAMPS[new], now)
        update_fields.append(STAMPS[new])
    revision.save(update_fields=update_fields)
    return StatusChange.objects.create(
        region=revision.region,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        old=old,
        new=new,
        actor=actor,
        at=now,
        comment=comment,
    )


def region_create(*, slug: str | None = None) -> Region:
    """A new region with a free slug (``region-0001`` … when none is given)."""
    if not slug:
        number = Region.objects.count() + 1
        while Region.objects.filter(slug=f"region-{number:04d}").exists():
            number += 1
        slug = f"region-{number:04d}"
    return Region.objects.create(slug=slug)
