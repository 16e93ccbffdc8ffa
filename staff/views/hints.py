"""Hints across the two documents, shown where they matter (ADR 0099).

A member added in a declaration change (変更) must also take part in a project of the vision
(``members.in_project``, 要綱 第3(3)); the error appears only on the vision. So the
declaration page says it at once, naming the new members, with a way to the vision change.
A hint, not a finding: nothing here blocks the declaration.
"""

from dataclasses import dataclass

from declarations.lifecycle import Kind, Status
from declarations.models import DeclarationRevision
from declarations.services import RevisionNotStarted
from filing.rules.declaration import IN_PROJECT
from projects.models import Implementer, Project
from workflow.revisions import may_start

EDITABLE = {Status.DRAFT, Status.RETURNED}


@dataclass(frozen=True)
class VisionHint:
    """New members in no project of the vision, and the way to the vision: its open
    revision (``vision``), a button to start its change or its first revision
    (``start``: "change" or "new"), or why neither may be done now (``refusal``)."""

    names: list[str]
    code: str = IN_PROJECT.code
    clause: str = IN_PROJECT.clause
    vision: object = None
    start: str = ""
    refusal: str = ""


def _taking_part(vision_revision) -> set[str]:
    """The member keys that take part in a project of ``vision_revision`` (two queries)."""
    if vision_revision is None:
        return set()
    keys = set(
        Implementer.objects.filter(project__revision=vision_revision)
        .exclude(member_key="")
        .values_list("member_key", flat=True)
    )
    for founders in Project.objects.filter(revision=vision_revision).values_list(
        "joint_body_of", flat=True
    ):
        keys.update(founders or ())
    return keys


def vision_hint(revision, members) -> VisionHint | None:
    """The hint for a declaration change whose members include some that the published
    declaration lacks and that no project of the region's latest vision revision has."""
    if revision.kind != Kind.CHANGED or revision.status == Status.PUBLISHED:
        return None
    base = (
        DeclarationRevision.objects.filter(
            declaration_id=revision.declaration_id, status=Status.PUBLISHED
        )
        .exclude(pk=revision.pk)
        .order_by("-number")
        .first()
    )
    known = set(base.members.values_list("key", flat=True)) if base is not None else set()
    added = [member for member in members if member.key not in known]
    if not added:
        return None
    try:
        vision, refusal = may_start(revision.declaration.region, "vision"), None
    except RevisionNotStarted as refused:
        vision, refusal = refused.revision, refused
    taking_part = _taking_part(vision)
    names = [m.name or m.key for m in added if m.key not in taking_part]
    if not names:
        return None
    if refusal is None:
        return VisionHint(names, start="change" if vision is not None else "new")
    if vision is not None and vision.status in EDITABLE:
        return VisionHint(names, vision=vision)
    return VisionHint(names, refusal=str(refusal))
