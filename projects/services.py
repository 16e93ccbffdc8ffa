"""Write use cases of the projects app: the project forms of a vision draft, and the
change (変更) and abolition (廃止) of a vision, whose copy includes its projects."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Max, Prefetch

from declarations.lifecycle import Kind
from declarations.models import Region
from declarations.services import RevisionNotStarted, draft_claim, revision_created, successor_base
from projects.models import BudgetLine, Implementer, Milestone, PlanReference, Project
from visions.models import Vision, VisionRevision

MAX_PROJECTS = 200  # DESIGN.md, the region bundle's limit


class ProjectLimitReached(Exception):
    def __init__(self):
        super().__init__(f"プロジェクトは {MAX_PROJECTS} 件までです。")


@dataclass(frozen=True)
class ProjectDraft:
    """What the project form holds (items ア–ク of 第4(2)③)."""

    name: str = ""
    member_implementers: tuple[str, ...] = ()  # member keys, in the members' order
    outside_implementers: tuple[str, ...] = ()  # names of bodies that are not members
    joint_body_of: tuple[str, ...] | None = None
    plan_references: tuple[tuple[str, str, str], ...] = ()  # (plan, section, note)
    content: str = ""
    has_budget: bool = False
    budget_total: int | None = None
    budget_lines: tuple[tuple[int, int], ...] = ()  # (年度, yen)
    effects: str = ""
    start: date | None = None
    end: date | None = None
    milestones: tuple[tuple[date | None, str], ...] = field(default=())
    other: str = ""


def _write_children(project: Project, draft: ProjectDraft) -> None:
    implementers = [
        Implementer(project=project, member_key=key) for key in draft.member_implementers
    ]
    implementers += [Implementer(project=project, name=name) for name in draft.outside_implementers]
    for position, implementer in enumerate(implementers):
        implementer.position = position
    Implementer.objects.bulk_create(implementers)
    PlanReference.objects.bulk_create(
        PlanReference(project=project, position=i, plan=plan, section=section, note=note)
        for i, (plan, section, note) in enumerate(draft.plan_references)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(project=project, fiscal_year=year, amount=amount)
        for year, amount in draft.budget_lines
    )
    Milestone.objects.bulk_create(
        Milestone(project=project, position=i, date=day, target=target)
        for i, (day, target) in enumerate(draft.milestones)
    )


@transaction.atomic
def project_add(*, revision: VisionRevision, version, actor=None) -> Project:
    """A new, empty project at the end of the vision draft opened at ``version``."""
    draft_claim(revision, version)
    if revision.projects.count() >= MAX_PROJECTS:
        raise ProjectLimitReached
    last = revision.projects.aggregate(last=Max("position"))["last"]
    return Project.objects.create(revision=revision, position=0 if last is None else last + 1)


@transaction.atomic
def project_save(*, project: Project, version, draft: ProjectDraft, actor=None) -> Project:
    """Save the project form; the vision draft's ``version`` guards it like the vision form."""
    draft_claim(project.revision, version)
    for name in (
        "name",
        "content",
        "has_budget",
        "budget_total",
        "effects",
        "start",
        "end",
        "other",
    ):
        setattr(project, name, getattr(draft, name))
    project.joint_body_of = list(draft.joint_body_of) if draft.joint_body_of else None
    project.save()
    for related in (
        project.implementers,
        project.plan_references,
        project.budget_lines,
        project.milestones,
    ):
        related.all().delete()
    _write_children(project, draft)
    return project


@transaction.atomic
def project_delete(*, project: Project, version, actor=None) -> None:
    draft_claim(project.revision, version)
    project.delete()


def _copy_projects(source: VisionRevision, target: VisionRevision) -> None:
    projects = source.projects.prefetch_related(
        "implementers", "plan_references", "budget_lines", "milestones"
    )
    for old in projects:
        new = Project.objects.create(
            revision=target,
            position=old.position,
            name=old.name,
            joint_body_of=list(old.joint_body_of) if old.joint_body_of is not None else None,
            content=old.content,
            has_budget=old.has_budget,
            budget_total=old.budget_total,
            effects=old.effects,
            start=old.start,
            end=old.end,
            other=old.other,
        )
        Implementer.objects.bulk_create(
            Implementer(project=new, position=i.position, member_key=i.member_key, name=i.name)
            for i in old.implementers.all()
        )
        PlanReference.objects.bulk_create(
            PlanReference(
                project=new, position=r.position, plan=r.plan, section=r.section, note=r.note
            )
            for r in old.plan_references.all()
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(project=new, fiscal_year=b.fiscal_year, amount=b.amount)
            for b in old.budget_lines.all()
        )
        Milestone.objects.bulk_create(
            Milestone(project=new, position=m.position, date=m.date, target=m.target)
            for m in old.milestones.all()
        )


@transaction.atomic
def vision_successor(
    *, region: Region, actor, kind: Kind, reason: str = "", consulted_on=None
) -> VisionRevision:
    """変更 or 廃止 of the vision: a new draft revision copied from the latest published one
    (number + 1) with its projects. It is read against the latest declaration revision."""
    vision = Vision.objects.select_for_update().filter(region=region).first()
    if vision is None:
        raise RevisionNotStarted("連携ビジョンはまだ作成されていません。")
    base = successor_base(vision.revisions, document="連携ビジョン")
    revision = VisionRevision.objects.create(
        vision=vision,
        number=base.number + 1,
        kind=kind,
        reason=reason,
        consulted_on=consulted_on,
        aspiration=base.aspiration,
        aspiration_plan_reference=base.aspiration_plan_reference,
        roadmap=base.roadmap,
        roadmap_plan_reference=base.roadmap_plan_reference,
        verified_on=base.verified_on,
        verification_note=base.verification_note,
    )
    _copy_projects(base, revision)
    what = "廃止" if kind == Kind.ABOLISHED else "変更"
    revision_created(
        revision=revision,
        actor=actor,
        comment=f"第{base.number}版をもとに{what}の版を作成しました。",
    )
    return revision


def vision_start_change(*, region: Region, actor) -> VisionRevision:
    """連携ビジョンの変更 (第4(3)): a draft pre-filled from the latest published revision."""
    return vision_successor(region=region, actor=actor, kind=Kind.CHANGED)


def vision_start_abolition(
    *, region: Region, actor, reason: str, consulted_on=None
) -> VisionRevision:
    """連携ビジョンの廃止 (第4(3)): a draft that records the reason and the 協議 date."""
    return vision_successor(
        region=region, actor=actor, kind=Kind.ABOLISHED, reason=reason, consulted_on=consulted_on
    )


def projects_loaded(revision: VisionRevision):
    """The revision's projects with every child row (five queries, whatever the count)."""
    return list(
        revision.projects.prefetch_related(
            Prefetch("implementers"), "plan_references", "budget_lines", "milestones"
        )
    )
