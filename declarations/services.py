"""Write use cases of the declarations app."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from declarations import clock
from declarations.lifecycle import TRANSITIONS, Kind, Status
from declarations.models import (
    Declaration,
    DeclarationRevision,
    Region,
    StatusChange,
)

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
    ``workflow.verbs`` call it after their own checks. The move is recorded at
    ``declarations.clock.now()`` (the present, or a loader's ``recorded_at``).
    """
    type(revision).objects.select_for_update().filter(pk=revision.pk).first()
    revision.refresh_from_db(fields=["status"])
    old = Status(revision.status)
    if (old, Status(new)) not in TRANSITIONS:
        raise TransitionNotAllowed(revision, new)
    now = clock.now()
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


# ---------------------------------------------------------------- drafts (the staff forms)
#
# Saving a draft is lenient (STYLE.md §3): these functions check nothing of the 要綱, only
# that the draft is still the one the editor opened. Each save bumps ``version`` with one
# ``UPDATE … WHERE version = N AND status = 'draft'`` and writes the child rows in the same
# transaction, so of two editors who opened version N the second is told, never overwritten.


class DraftConflict(Exception):
    """The draft was saved by someone else since the editor opened it."""

    def __init__(self, revision):
        self.revision = revision
        super().__init__(
            f"{revision} は、開いた後に別の人が保存しました。保存されている内容を確かめてください。"
        )


class RevisionNotStarted(Exception):
    """A new revision (establishment, change, abolition) cannot be started now."""

    def __init__(self, message: str, revision=None):
        self.revision = revision  # the revision in the way, if any
        super().__init__(message)


def draft_claim(revision, version, **fields) -> None:
    """Bump a draft's ``version`` from ``version`` (and write ``fields``) in one UPDATE.

    Raises ``DraftConflict`` when the stored version is another one, and
    ``FrozenRevisionError`` when the revision is no longer a draft. Call it inside the
    transaction that writes the child rows.
    """
    from django.db.models import F

    from declarations.lifecycle import FrozenRevisionError

    model = type(revision)
    try:
        version = int(version)
    except (TypeError, ValueError):
        version = -1
    updated = model.objects.filter(pk=revision.pk, version=version, status=Status.DRAFT).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not updated:
        stored = model.objects.filter(pk=revision.pk).values_list("status", flat=True).first()
        if stored != Status.DRAFT:
            if stored is not None:
                revision.status = stored
            raise FrozenRevisionError(revision)
        raise DraftConflict(revision)
    for name, value in fields.items():
        setattr(revision, name, value)
    revision.version = version + 1


def revision_created(*, revision, actor, comment: str) -> StatusChange:
    """The audit row of a new revision (from nothing to draft), beside the status moves."""
    return StatusChange.objects.create(
        region=revision.region,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        old="",
        new=Status.DRAFT,
        actor=actor,
        comment=comment,
    )


# ---------------------------------------------------------------- the first revision


@transaction.atomic
def declaration_create(*, region: Region, actor) -> DeclarationRevision:
    """連携宣言書の策定: the first revision of a region's declaration, an empty draft."""
    declaration, _ = Declaration.objects.get_or_create(region=region)
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if declaration.revisions.exists():
        raise RevisionNotStarted(
            "連携宣言書はすでに作成されています。",
            declaration.revisions.order_by("-number").first(),
        )
    revision = DeclarationRevision.objects.create(
        declaration=declaration, number=1, kind=Kind.ESTABLISHED
    )
    revision_created(revision=revision, actor=actor, comment="連携宣言書の作成を始めました。")
    return revision
