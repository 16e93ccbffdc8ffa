"""A region's filing between the models and the plain ``Filing`` dataclasses.

``filing_from_revisions`` reads the models into a ``Filing`` (for the rule engine,
export and documents); ``filing_import`` writes a ``Filing`` as new draft
revisions, all or nothing. The rules themselves never see a model.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Min, Prefetch
from django.utils import timezone

from declarations.lifecycle import Kind, Status
from declarations.models import (
    Declaration,
    DeclarationRevision,
    Region,
)
from declarations.selectors import master_data
from declarations.services import RevisionNotStarted, region_create, revision_created
from filing.data import (
    DeclarationData,
    FieldCode,
    FieldEntry,
    Filing,
    MasterData,
    PlanRef,
    ProjectData,
    PublishedDeclaration,
    RevisionInfo,
    RevisionKind,
    RuleContext,
    VisionData,
)
from projects.models import PROJECT_CHILDREN, Project
from reports.selectors import last_verified_on as last_verification_day
from visions.models import Vision, VisionRevision
from workflow.revisions import may_start, no_open_draft
from workflow.rows import (
    ProjectRow,
    member_data,
    project_row,
    write_declaration_rows,
    write_projects,
)


class ImportRefused(RevisionNotStarted):
    """The bundle is well-formed but cannot be saved where it was asked to go: the slug is
    taken, or a new revision may not start there (``workflow.revisions.may_start``)."""


# ---------------------------------------------------------------- reading


def _plan_ref(data: dict | None) -> PlanRef | None:
    if not data:
        return None
    return PlanRef(
        plan=data.get("plan", ""), section=data.get("section", ""), note=data.get("note", "")
    )


def _plan_ref_dict(ref: PlanRef | None) -> dict | None:
    if ref is None:
        return None
    return {"plan": ref.plan, "section": ref.section, "note": ref.note}


def _revision_info(revision) -> RevisionInfo:
    return RevisionInfo(
        kind=RevisionKind(revision.kind),
        is_minor=revision.is_minor,
        consulted_on=revision.consulted_on,
        reason=revision.reason,
        consultation_body=revision.consultation_body,
    )


def declaration_revision_loaded(pk: int) -> DeclarationRevision:
    return (
        DeclarationRevision.objects.select_related("declaration__region")
        .prefetch_related("fields", "members")
        .get(pk=pk)
    )


def vision_revision_loaded(pk: int) -> VisionRevision:
    return (
        VisionRevision.objects.select_related("vision__region")
        .prefetch_related(
            Prefetch(
                "projects",
                queryset=Project.objects.prefetch_related(*PROJECT_CHILDREN),
            )
        )
        .get(pk=pk)
    )


def _project_data(project: Project) -> ProjectData:
    return project_row(project).to_data()


def filing_from_revisions(
    declaration_revision: DeclarationRevision, vision_revision: VisionRevision | None = None
) -> Filing:
    """The plain ``Filing`` of a declaration revision and, optionally, a vision revision (prefetched)."""
    declaration = DeclarationData(
        region_name=declaration_revision.region_name,
        region_name_kana=declaration_revision.region_name_kana,
        area_note=declaration_revision.area_note,
        declared_on=declaration_revision.declared_on,
        aspiration=declaration_revision.aspiration,
        region_name_en=declaration_revision.region_name_en,
        aspiration_en=declaration_revision.aspiration_en,
        representative=declaration_revision.representative,
        fields=tuple(
            FieldEntry(code=FieldCode(f.code), text=f.text)
            for f in declaration_revision.fields.all()
        ),
        revision=_revision_info(declaration_revision),
    )
    vision = None
    if vision_revision is not None:
        vision = VisionData(
            aspiration=vision_revision.aspiration,
            roadmap=vision_revision.roadmap,
            aspiration_plan_reference=_plan_ref(vision_revision.aspiration_plan_reference),
            roadmap_plan_reference=_plan_ref(vision_revision.roadmap_plan_reference),
            verified_on=vision_revision.verified_on,
            projects=tuple(_project_data(p) for p in vision_revision.projects.all()),
            revision=_revision_info(vision_revision),
        )
    return Filing(
        declaration=declaration,
        members=tuple(member_data(m) for m in declaration_revision.members.all()),
        vision=vision,
    )


def latest_revision(queryset, *, status: Status | None = None):
    if status is not None:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-number").first()


def published_declaration(region: Region) -> PublishedDeclaration | None:
    """What the current published declaration holds, for change.declaration_sync."""
    revision = latest_revision(
        DeclarationRevision.objects.filter(declaration__region=region), status=Status.PUBLISHED
    )
    if revision is None:
        return None
    return PublishedDeclaration(
        member_keys=frozenset(revision.members.values_list("key", flat=True)),
        fields=frozenset(
            FieldCode(code) for code in revision.fields.values_list("code", flat=True)
        ),
    )


def _published_visions(**lookups):
    return VisionRevision.objects.filter(
        status=Status.PUBLISHED, published_at__isnull=False, **lookups
    )


def vision_first_publication(region: Region) -> date | None:
    """The day the region's vision was first published (vision.verification counts from it
    when the vision was never verified); ``None`` while it never was."""
    first = _published_visions(vision__region=region).aggregate(first=Min("published_at"))
    return timezone.localdate(first["first"]) if first["first"] else None


def vision_first_publications(region_ids) -> dict[int, date]:
    """``vision_first_publication`` for many regions at once (one query): region id → day."""
    rows = (
        _published_visions(vision__region_id__in=set(region_ids))
        .values("vision__region_id")
        .annotate(first=Min("published_at"))
        .values_list("vision__region_id", "first")
    )
    return {region_id: timezone.localdate(first) for region_id, first in rows}


def verification_interval_months() -> int:
    """第4(3): months between a vision's verifications (settings, default 12)."""
    return settings.VISION_VERIFICATION_INTERVAL_MONTHS


def rule_context(
    region: Region | None = None,
    *,
    today=None,
    master: MasterData | None = None,
    published: PublishedDeclaration | None = None,
    vision_first_published_on: date | None = None,
    last_verified_on: date | None = None,
    declaration_consultation_record: bool | None = None,
    vision_consultation_record: bool | None = None,
) -> RuleContext:
    """The one builder of the rules' context: master data, today, the verification interval,
    what the region's published declaration holds, when its vision was first published and
    last verified (its latest published 検証 record, ADR 0105) (``published`` /
    ``vision_first_published_on`` / ``last_verified_on`` when the caller has already loaded
    them in bulk, else read for ``region``). ``…_consultation_record``: whether that
    document's revision has a 協議の記録 attachment (consultation.record, ADR 0120), when
    the caller knows (``attachments.selectors.consultation_recorded``)."""
    if region is not None:
        if published is None:
            published = published_declaration(region)
        if vision_first_published_on is None:
            vision_first_published_on = vision_first_publication(region)
        if last_verified_on is None:
            last_verified_on = last_verification_day(region)
    return RuleContext(
        master=master or master_data(),
        today=today or timezone.localdate(),
        verification_interval_months=verification_interval_months(),
        current_declaration=published,
        vision_first_published_on=vision_first_published_on,
        last_verified_on=last_verified_on,
        declaration_consultation_record=declaration_consultation_record,
        vision_consultation_record=vision_consultation_record,
    )


# ---------------------------------------------------------------- writing


@dataclass(frozen=True)
class ImportResult:
    region: Region
    declaration_revision: DeclarationRevision
    vision_revision: VisionRevision | None


def _next_number(queryset) -> int:
    last = queryset.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def _imported_comment(source: str) -> str:
    # A file name from the command line may hold undecodable bytes (lone surrogates).
    name = source.encode("utf-8", "backslashreplace").decode("utf-8")[:200]
    return f"バンドル（{name}）から取り込みました。" if name else "バンドルから取り込みました。"


@transaction.atomic
def filing_import(
    filing: Filing,
    *,
    region: Region | None = None,
    slug: str | None = None,
    actor=None,
    source: str = "",
) -> ImportResult:
    """Save ``filing`` as draft revisions: of a new region, or the next revisions of ``region``.

    Each revision gets its creation row in the audit trail (``revision_created``): by
    ``actor`` (the staff user who uploaded it; ``None`` for ``import_region``), naming the
    bundle ``source`` (its file name, or 「標準入力」) when given.

    All or nothing: any failure rolls the whole import back. Refused
    (``ImportRefused``, a ``RevisionNotStarted``) when a new revision may not start now
    (``workflow.revisions.may_start``) for a document it writes: while a revision of it
    is in draft, returned, submitted or accepted, or once it was abolished; and while a
    vision it leaves out has a draft (as before).
    """
    if region is None:
        if slug and Region.objects.filter(slug=slug).exists():
            raise ImportRefused(
                f"識別名 {slug} のリージョンはすでにあります。既存のリージョンに取り込むには --region を使ってください。"
            )
        region = region_create(slug=slug)
    declaration, _ = Declaration.objects.get_or_create(region=region)
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    try:
        may_start(region, "declaration")
        (may_start if filing.vision is not None else no_open_draft)(region, "vision")
    except RevisionNotStarted as error:
        raise ImportRefused(str(error), error.revision) from error
    info = filing.declaration.revision
    kind = info.kind
    if declaration.revisions.exists() and kind == RevisionKind.ESTABLISHED:
        kind = RevisionKind.CHANGED
    declaration_revision = DeclarationRevision.objects.create(
        declaration=declaration,
        number=_next_number(declaration.revisions),
        kind=Kind(kind),
        is_minor=info.is_minor,
        consulted_on=info.consulted_on,
        consultation_body=info.consultation_body,
        reason=info.reason,
        region_name=filing.declaration.region_name,
        region_name_kana=filing.declaration.region_name_kana,
        area_note=filing.declaration.area_note,
        declared_on=filing.declaration.declared_on,
        aspiration=filing.declaration.aspiration,
        region_name_en=filing.declaration.region_name_en,
        aspiration_en=filing.declaration.aspiration_en,
        representative=filing.declaration.representative,
    )
    write_declaration_rows(
        declaration_revision, fields=filing.declaration.fields, members=filing.members
    )
    comment = _imported_comment(source)
    revision_created(revision=declaration_revision, actor=actor, comment=comment)
    vision_revision = None
    if filing.vision is not None:
        vision, _ = Vision.objects.get_or_create(region=region)
        vinfo = filing.vision.revision
        vkind = vinfo.kind
        if vision.revisions.exists() and vkind == RevisionKind.ESTABLISHED:
            vkind = RevisionKind.CHANGED
        vision_revision = VisionRevision.objects.create(
            vision=vision,
            number=_next_number(vision.revisions),
            declaration_revision=declaration_revision,
            kind=Kind(vkind),
            is_minor=vinfo.is_minor,
            consulted_on=vinfo.consulted_on,
            consultation_body=vinfo.consultation_body,
            reason=vinfo.reason,
            aspiration=filing.vision.aspiration,
            aspiration_plan_reference=_plan_ref_dict(filing.vision.aspiration_plan_reference),
            roadmap=filing.vision.roadmap,
            roadmap_plan_reference=_plan_ref_dict(filing.vision.roadmap_plan_reference),
            verified_on=filing.vision.verified_on,
        )
        write_projects(
            vision_revision, [ProjectRow.from_data(data) for data in filing.vision.projects]
        )
        revision_created(revision=vision_revision, actor=actor, comment=comment)
    return ImportResult(
        region=region, declaration_revision=declaration_revision, vision_revision=vision_revision
    )


def revisions_for_export(
    region: Region, number: int | None = None
) -> tuple[DeclarationRevision, VisionRevision | None]:
    """The declaration revision ``number`` (default: the latest) and the latest vision revision written against it
    (or, for the latest declaration revision, the latest vision revision)."""
    revisions = DeclarationRevision.objects.filter(declaration__region=region)
    revision = revisions.filter(number=number).first() if number else latest_revision(revisions)
    if revision is None:
        raise DeclarationRevision.DoesNotExist
    visions = VisionRevision.objects.filter(vision__region=region)
    is_latest = (
        revision.number == revisions.order_by("-number").values_list("number", flat=True).first()
    )
    vision = latest_revision(
        visions if is_latest else visions.filter(declaration_revision=revision)
    )
    return (
        declaration_revision_loaded(revision.pk),
        vision_revision_loaded(vision.pk) if vision is not None else None,
    )
