"""Write use cases of the visions app: the vision drafts of the staff forms.

A change or an abolition of a vision copies its projects too: ``workflow.revisions``
(the one writer of a revision's rows is ``workflow.rows``).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from declarations.lifecycle import COVER_FIELDS, Kind
from declarations.models import Region
from declarations.services import RevisionNotStarted, draft_claim, revision_created
from visions.models import Vision, VisionRevision


@dataclass(frozen=True)
class VisionDraft:
    """What the vision form holds. A plan reference is {"plan", "section", "note"} or None."""

    aspiration: str = ""
    aspiration_plan_reference: dict | None = None
    roadmap: str = ""
    roadmap_plan_reference: dict | None = None
    verified_on: date | None = None
    verification_note: str = ""
    is_minor: bool = False
    consulted_on: date | None = None
    consultation_body: str = ""
    reason: str = ""
    cover: dict = field(default_factory=dict)  # the 送付書's fields given (lifecycle.COVER_FIELDS)


@transaction.atomic
def vision_create(*, region: Region, actor) -> VisionRevision:
    """連携ビジョンの策定: the first revision of a region's vision, an empty draft.

    It is read against the region's latest declaration revision until it is submitted
    (``visions.selectors.paired_declaration``).
    """
    if not hasattr(region, "declaration") or not region.declaration.revisions.exists():
        raise RevisionNotStarted("先に連携宣言書を作成してください。")
    vision, _ = Vision.objects.get_or_create(region=region)
    vision = Vision.objects.select_for_update().get(pk=vision.pk)
    if vision.revisions.exists():
        raise RevisionNotStarted(
            "連携ビジョンはすでに作成されています。", vision.revisions.order_by("-number").first()
        )
    revision = VisionRevision.objects.create(vision=vision, number=1, kind=Kind.ESTABLISHED)
    revision_created(revision=revision, actor=actor, comment="連携ビジョンの作成を始めました。")
    return revision


@transaction.atomic
def vision_draft_save(
    *, revision: VisionRevision, version, draft: VisionDraft, actor=None
) -> VisionRevision:
    """Save the vision form into the draft ``revision`` opened at ``version``.

    An abolition keeps its content: only its reason and 協議 date are written.
    """
    # 策定 too (第4(1)); the body that agreed beside the date (ADR 0120)
    fields = {"consulted_on": draft.consulted_on, "consultation_body": draft.consultation_body}
    if revision.kind != Kind.ESTABLISHED:
        fields["reason"] = draft.reason
    if revision.kind == Kind.CHANGED:
        fields["is_minor"] = draft.is_minor
    if revision.kind != Kind.ABOLISHED:
        fields |= {
            "aspiration": draft.aspiration,
            "aspiration_plan_reference": draft.aspiration_plan_reference,
            "roadmap": draft.roadmap,
            "roadmap_plan_reference": draft.roadmap_plan_reference,
            "verified_on": draft.verified_on,
            "verification_note": draft.verification_note,
        }
    fields |= {name: draft.cover[name] for name in COVER_FIELDS if name in draft.cover}
    draft_claim(revision, version, **fields)
    return revision
