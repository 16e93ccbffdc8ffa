"""Read-only queries of the visions app.

Public pages read visions only through the ``published_*``/``current_*`` functions,
which return nothing but published revisions (STYLE.md §6).
"""

from django.db.models import Exists, OuterRef

from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from visions.models import VisionRevision


def published_vision_revisions():
    """Every published vision revision, of every region."""
    return VisionRevision.objects.filter(status=Status.PUBLISHED)


def current_vision_revisions():
    """Per region, the latest published vision revision."""
    later = published_vision_revisions().filter(
        vision=OuterRef("vision"), number__gt=OuterRef("number")
    )
    return published_vision_revisions().filter(~Exists(later)).select_related("vision__region")


def published_vision_revisions_of(region_id: int):
    """A region's published vision revisions, oldest first."""
    return published_vision_revisions().filter(vision__region_id=region_id).order_by("number")


def paired_declaration(vision_revision: VisionRevision) -> DeclarationRevision | None:
    """The declaration revision a vision revision is read against: the one it was submitted
    with, or else the region's latest declaration revision (members and fields loaded)."""
    if vision_revision.declaration_revision_id:
        return vision_revision.declaration_revision
    return (
        DeclarationRevision.objects.filter(declaration__region_id=vision_revision.vision.region_id)
        .select_related("declaration__region")
        .prefetch_related("fields", "members")
        .order_by("-number")
        .first()
    )
