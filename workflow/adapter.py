"""A region's filing between the models and the plain ``Filing`` dataclasses.

``filing_from_revisions`` reads the models into a ``Filing`` (for the rule engine,
export and documents); ``filing_import`` writes a ``Filing`` as new draft
revisions, all or nothing. The rules themselves never see a model.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from declarations.lifecycle import Kind, Status
from declarations.models import (
    Declaration,
    DeclarationField,
    DeclarationRevision,
    Member,
    MemberKindChoices,
    Organization,
    Region,
)
from declarations.selectors import master_data
from declarations.services import region_create
from filing.data import (
    BudgetData,
    DeclarationData,
    FieldCode,
    FieldEntry,
    Filing,
    ImplementerData,
    MasterData,
    MemberData,
    MemberKind,
    MilestoneData,
    PlanRef,
    ProjectData,
    PublishedDeclaration,
    RevisionInfo,
    RevisionKind,
    RuleContext,
    VisionData,
)
from projects.models import BudgetLine, Implementer, Milestone, PlanReference, Project
from visions.models import Vision, VisionRevision


class ImportRefused(Exception):
    """The bundle is well-formed but cannot be saved where it was asked to go."""


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
                queryset=Project.objects.prefetch_related(
                    "implementers", "plan_references", "budget_lines", "milestones"
                ),
            )
        )
        .get(pk=pk)
    )


def _member_data(member: Member) -> MemberData:
    return MemberData(
        key=member.key,
        name=member.name,
        kind=MemberKind(member.kind),
        lg_code=member.lg_code,
        area_prefectures=tuple(member.area_prefectures or ()),
        activity_prefectures=tuple(member.activity_prefectures or ()),
        multi_industry=member.multi_industry,
    )


def _project_data(project: Project) -> ProjectData:
    budget = None
    if project.has_budget:
        budget = BudgetData(
            total=project.budget_total,
            by_fiscal_year=tuple(
                (line.fiscal_year, line.amount) for line in project.budget_lines.all()
            ),
        )
    return ProjectData(
        name=project.name,
        implementers=tuple(
            ImplementerData(member=i.member_key or None, name=i.name)
            for i in project.implementers.all()
        ),
        joint_body_of=tuple(project.joint_body_of) if project.joint_body_of is not None else None,
        plan_references=tuple(
            PlanRef(plan=r.plan, section=r.section, note=r.note)
            for r in project.plan_references.all()
        ),
        content=project.content,
        budget=budget,
        effects=project.effects,
        start=project.start,
        end=project.end,
        milestones=tuple(
            MilestoneData(date=m.date, target=m.target) for m in project.milestones.all()
        ),
        other=project.other,
    )


def filing_from_revisions(
    declaration_revision: DeclarationRevision, vision_revision: VisionRevision | None = None
) -> Filing:
    """The plain ``Filing`` of a declaration revision and, optionally, a vision revision (prefetched)."""
    declaration = DeclarationData(
        region_name=declaration_revision.region_name,
        area_note=declaration_revision.area_note,
        declared_on=declaration_revision.declared_on,
        aspiration=declaration_revision.aspiration,
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
        members=tuple(_member_data(m) for m in declaration_revision.members.all()),
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


def rule_context(region: Region | None = None, *, today=None) -> RuleContext:
    from django.conf import settings

    return RuleContext(
        master=master_data(),
        today=today or timezone.localdate(),
        verification_interval_months=getattr(settings, "VISION_VERIFICATION_INTERVAL_MONTHS", 12),
        current_declaration=published_declaration(region) if region is not None else None,
    )


# ---------------------------------------------------------------- writing


@dataclass(frozen=True)
class ImportResult:
    region: Region
    declaration_revision: DeclarationRevision
    vision_revision: VisionRevision | None


def _organization_for(member: MemberData, master: MasterData) -> Organization:
    if member.kind in (MemberKind.PREFECTURE, MemberKind.MUNICIPALITY) and member.lg_code:
        known = Organization.objects.filter(lg_code=member.lg_code).first()
        if known is not None:
            return known
        valid = member.lg_code in (
            master.prefecture_lg_codes
            if member.kind == MemberKind.PREFECTURE
            else master.municipalities
        )
        if valid:
            return Organization.objects.create(
                name=member.name, kind=member.kind, lg_code=member.lg_code
            )
    organization = Organization.objects.filter(
        kind=member.kind, name=member.name, lg_code=""
    ).first()
    return organization or Organization.objects.create(name=member.name, kind=member.kind)


def _write_declaration(revision: DeclarationRevision, filing: Filing) -> None:
    master = master_data()  # once per import, not once per member
    DeclarationField.objects.bulk_create(
        DeclarationField(revision=revision, code=entry.code, text=entry.text, position=index)
        for index, entry in enumerate(filing.declaration.fields)
    )
    Member.objects.bulk_create(
        Member(
            revision=revision,
            organization=_organization_for(member, master),
            key=member.key,
            name=member.name,
            kind=MemberKindChoices(member.kind),
            lg_code=member.lg_code,
            area_prefectures=list(member.area_prefectures),
            activity_prefectures=list(member.activity_prefectures),
            multi_industry=member.multi_industry,
            position=index,
        )
        for index, member in enumerate(filing.members)
    )


def _write_projects(revision: VisionRevision, vision: VisionData) -> None:
    for index, data in enumerate(vision.projects):
        project = Project.objects.create(
            revision=revision,
            position=index,
            name=data.name,
            joint_body_of=list(data.joint_body_of) if data.joint_body_of is not None else None,
            content=data.content,
            has_budget=data.budget is not None,
            budget_total=data.budget.total if data.budget is not None else None,
            effects=data.effects,
            start=data.start,
            end=data.end,
            other=data.other,
        )
        Implementer.objects.bulk_create(
            Implementer(project=project, position=i, member_key=item.member or "", name=item.name)
            for i, item in enumerate(data.implementers)
        )
        PlanReference.objects.bulk_create(
            PlanReference(
                project=project, position=i, plan=ref.plan, section=ref.section, note=ref.note
            )
            for i, ref in enumerate(data.plan_references)
        )
        if data.budget is not None:
            BudgetLine.objects.bulk_create(
                BudgetLine(project=project, fiscal_year=year, amount=amount)
                for year, amount in data.budget.by_fiscal_year
            )
        Milestone.objects.bulk_create(
            Milestone(project=project, position=i, date=m.date, target=m.target)
            for i, m in enumerate(data.milestones)
        )


def _next_number(queryset) -> int:
    last = queryset.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def filing_import(
    filing: Filing, *, region: Region | None = None, slug: str | None = None
) -> ImportResult:
    """Save ``filing`` as draft revisions: of a new region, or the next revisions of ``region``.

    All or nothing: any failure rolls the whole import back. A region that already
    has a revision in draft is refused (finish or delete that draft first).
    """
    if region is None:
        if slug and Region.objects.filter(slug=slug).exists():
            raise ImportRefused(
                f"識別名 {slug} のリージョンはすでにあります。既存のリージョンに取り込むには --region を使ってください。"
            )
        region = region_create(slug=slug)
    declaration, _ = Declaration.objects.get_or_create(region=region)
    if declaration.revisions.filter(status=Status.DRAFT).exists() or (
        VisionRevision.objects.filter(vision__region=region, status=Status.DRAFT).exists()
    ):
        raise ImportRefused(
            f"リージョン {region.slug} には作成中の版があります。先にその版を送付するか削除してください。"
        )
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
        reason=info.reason,
        region_name=filing.declaration.region_name,
        area_note=filing.declaration.area_note,
        declared_on=filing.declaration.declared_on,
        aspiration=filing.declaration.aspiration,
    )
    _write_declaration(declaration_revision, filing)
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
            reason=vinfo.reason,
            aspiration=filing.vision.aspiration,
            aspiration_plan_reference=_plan_ref_dict(filing.vision.aspiration_plan_reference),
            roadmap=filing.vision.roadmap,
            roadmap_plan_reference=_plan_ref_dict(filing.vision.roadmap_plan_reference),
            verified_on=filing.vision.verified_on,
        )
        _write_projects(vision_revision, filing.vision)
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
