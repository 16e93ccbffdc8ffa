"""The one writer of a revision's rows (ADR 0080).

A declaration revision's fields (分野) and members, and a vision revision's projects
with their implementers, plan references, budget lines, milestones and targets, are written
here and nowhere else, from one input shape:

- fields as ``filing.data.FieldEntry`` and members as ``filing.data.MemberData``
  (the ``Filing``'s own rows);
- projects as ``ProjectRow``, which keeps what a lenient draft holds (a budget total or
  fiscal-year lines typed while "予算措置を伴う" is off) and the project's position.

Three callers: a change or an abolition reads the base revision's rows
(``declaration_rows``, ``project_rows``) and writes them into the new one; the bundle
import writes the ``Filing``'s rows; the draft save writes the editor's rows. Every
member's ``Organization`` comes from ``organization_for``, the one lookup.
"""

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from declarations.models import (
    DeclarationField,
    DeclarationRevision,
    Member,
    Organization,
)
from declarations.selectors import master_data
from filing import strategy
from filing.bundle.project_fields import ordered
from filing.data import (
    Better,
    BudgetData,
    FieldCode,
    FieldEntry,
    ImplementerData,
    MemberData,
    MemberKind,
    MilestoneData,
    PlanRef,
    ProjectData,
    TargetData,
)
from filing.targets import plain
from projects.models import (
    PROJECT_CHILDREN,
    BudgetLine,
    Implementer,
    Milestone,
    PlanReference,
    Project,
    ProjectTarget,
)
from visions.models import VisionRevision

LG_CODE_KINDS = frozenset({MemberKind.PREFECTURE, MemberKind.MUNICIPALITY})


@dataclass(frozen=True)
class ProjectRow:
    """One project as written (items ア–ク of 第4(2)③); ``position`` None means "its index"."""

    name: str = ""
    implementers: tuple[ImplementerData, ...] = ()  # members (by key) and outside bodies
    joint_body_of: tuple[str, ...] | None = None
    plan_references: tuple[PlanRef, ...] = ()
    content: str = ""
    has_budget: bool = False
    budget_total: int | None = None
    budget_lines: tuple[tuple[int, int], ...] = ()  # (年度, yen)
    effects: str = ""
    start: date | None = None
    end: date | None = None
    milestones: tuple[MilestoneData, ...] = ()
    other: str = ""
    targets: tuple[TargetData, ...] = ()
    fields: tuple[FieldCode, ...] = ()  # the project's own 分野 (ADR 0115)
    cluster_type: str = ""  # the national strategy's terms (ADR 0121)
    strategic_fields: tuple[str, ...] = ()
    position: int | None = None

    @classmethod
    def from_data(cls, data: ProjectData) -> "ProjectRow":
        """A ``Filing``'s project (a bundle's) as a row."""
        budget = data.budget
        return cls(
            name=data.name,
            implementers=data.implementers,
            joint_body_of=data.joint_body_of,
            plan_references=data.plan_references,
            content=data.content,
            has_budget=budget is not None,
            budget_total=budget.total if budget is not None else None,
            budget_lines=budget.by_fiscal_year if budget is not None else (),
            effects=data.effects,
            start=data.start,
            end=data.end,
            milestones=data.milestones,
            other=data.other,
            targets=data.targets,
            fields=data.fields,
            cluster_type=data.cluster_type,
            strategic_fields=data.strategic_fields,
        )

    def to_data(self) -> ProjectData:
        """The row as the rules read it (``filing_from_revisions``): a budget only when
        "予算措置を伴う" is on."""
        budget = BudgetData(self.budget_total, self.budget_lines) if self.has_budget else None
        return ProjectData(
            name=self.name,
            implementers=self.implementers,
            joint_body_of=self.joint_body_of,
            plan_references=self.plan_references,
            content=self.content,
            budget=budget,
            effects=self.effects,
            start=self.start,
            end=self.end,
            milestones=self.milestones,
            other=self.other,
            targets=self.targets,
            fields=self.fields,
            cluster_type=self.cluster_type,
            strategic_fields=self.strategic_fields,
        )


# ---------------------------------------------------------------- organizations


def organization_for(*, kind: str, name: str, lg_code: str = "") -> Organization:
    """The ``Organization`` a member row stands for: by 全国地方公共団体コード when it is a
    known one of the member's kind (a prefecture's or a municipality's), else by kind and
    name (created when new)."""
    if kind in LG_CODE_KINDS and lg_code:
        known = Organization.objects.filter(lg_code=lg_code).first()
        if known is not None:
            return known
        master = master_data()  # cached: no query per member
        known_codes = (
            master.prefecture_lg_codes if kind == MemberKind.PREFECTURE else master.municipalities
        )
        if lg_code in known_codes:
            organization, _ = Organization.objects.get_or_create(
                lg_code=lg_code, defaults={"name": name, "kind": kind}
            )
            return organization
    organization = Organization.objects.filter(kind=kind, name=name, lg_code="").first()
    return organization or Organization.objects.create(name=name, kind=kind)


# ---------------------------------------------------------------- declaration rows


def member_data(member: Member) -> MemberData:
    """A stored member as a row (what ``filing_from_revisions`` reads, too)."""
    return MemberData(
        key=member.key,
        name=member.name,
        kind=MemberKind(member.kind),
        lg_code=member.lg_code,
        area_prefectures=tuple(member.area_prefectures or ()),
        activity_prefectures=tuple(member.activity_prefectures or ()),
        multi_industry=member.multi_industry,
        corporate_number=member.corporate_number,
    )


def declaration_rows(
    revision: DeclarationRevision,
) -> tuple[tuple[FieldEntry, ...], tuple[MemberData, ...]]:
    """The fields and members of a stored revision, to write into another one."""
    fields = tuple(FieldEntry(code=FieldCode(f.code), text=f.text) for f in revision.fields.all())
    return fields, tuple(member_data(m) for m in revision.members.all())


def write_declaration_rows(
    revision: DeclarationRevision,
    *,
    fields: Iterable[FieldEntry],
    members: Iterable[MemberData],
    organizations_from: Iterable[Member] | None = None,
) -> None:
    """Replace the fields and members of the draft ``revision`` with these rows.

    A member keeps the organization of the member of ``organizations_from`` (default: the
    revision's own stored members) that has its key, kind, name and code; any other is
    looked up (``organization_for``).
    """
    previous = {
        m.key: m
        for m in (revision.members.all() if organizations_from is None else organizations_from)
    }
    rows = []
    for position, member in enumerate(members):
        same = previous.get(member.key)
        if same is not None and (same.kind, same.name, same.lg_code) == (
            member.kind,
            member.name,
            member.lg_code,
        ):
            organization_id = same.organization_id
        else:
            organization_id = organization_for(
                kind=member.kind, name=member.name, lg_code=member.lg_code
            ).pk
        rows.append(
            Member(
                revision=revision,
                organization_id=organization_id,
                key=member.key,
                name=member.name,
                kind=member.kind,
                lg_code=member.lg_code,
                area_prefectures=list(member.area_prefectures),
                activity_prefectures=list(member.activity_prefectures),
                multi_industry=member.multi_industry,
                corporate_number=member.corporate_number,
                position=position,
            )
        )
    revision.fields.all().delete()
    revision.members.all().delete()
    DeclarationField.objects.bulk_create(
        DeclarationField(revision=revision, code=entry.code, text=entry.text, position=position)
        for position, entry in enumerate(fields)
    )
    Member.objects.bulk_create(rows)


# ---------------------------------------------------------------- project rows


def target_data(target: ProjectTarget) -> TargetData:
    """A stored target as the rules read it (values by 年度, figures without trailing zeros)."""
    return TargetData(
        name=target.name,
        unit=target.unit,
        baseline_value=_figure(target.baseline_value),
        baseline_on=target.baseline_on,
        values=tuple(
            sorted((int(year), plain(Decimal(value))) for year, value in target.values.items())
        ),
        final_year=target.final_year,
        final_value=_figure(target.final_value),
        source=target.source,
        better=Better(target.better),
        key=target.key,
    )


def _figure(value) -> Decimal | None:
    return None if value is None else plain(Decimal(value))


def new_target_key(taken) -> str:
    """A key no target of the vision has had: 「t」 and 8 hex digits (ADR 0108)."""
    while True:
        key = f"t{secrets.token_hex(4)}"
        if key not in taken:
            return key


class TargetKeys:
    """The keys of the targets written into one revision (ADR 0108), like the members'
    keys (ADR 0043): a given key is only a hint, kept when it is a key of this vision's
    targets (any revision) that no other target of the revision holds; else the key of
    the vision's target with the same project name and 指標名 (a bundle's import carries no
    keys); else a new one, never used in the vision. Read once per write, and only when
    a target is written (one query)."""

    def __init__(self, revision: VisionRevision, *, keep_project: Project | None = None):
        self.revision, self.keep_project, self.loaded = revision, keep_project, False

    def load(self) -> None:
        revision, keep_project = self.revision, self.keep_project
        self.loaded = True
        self.known: dict[str, tuple[str, str]] = {}
        self.used: set[str] = set()
        rows = (
            ProjectTarget.objects.filter(project__revision__vision_id=revision.vision_id)
            .exclude(key="")
            .order_by("project__revision__number", "pk")
            .values_list("key", "project__name", "name", "project__revision_id", "project_id")
        )
        for key, project_name, name, revision_id, project_id in rows:
            self.known[key] = (project_name, name)  # the latest revision's names win
            if revision_id == revision.pk and project_id != getattr(keep_project, "pk", None):
                self.used.add(key)
        self.by_name: dict[tuple[str, str], list[str]] = {}
        for key, names in self.known.items():
            self.by_name.setdefault(names, []).append(key)

    def assign(self, project_name: str, targets: Sequence[TargetData]) -> list[str]:
        if not self.loaded:
            self.load()
        keys = []
        for target in targets:
            key = target.key if target.key in self.known and target.key not in self.used else ""
            if not key:
                free = [
                    k
                    for k in self.by_name.get((project_name, target.name), [])
                    if k not in self.used
                ]
                key = free[-1] if free else new_target_key(self.known.keys() | self.used)
            self.used.add(key)
            keys.append(key)
        return keys


def _target_row(project: Project, position: int, target: TargetData, key: str) -> ProjectTarget:
    return ProjectTarget(
        project=project,
        position=position,
        key=key,
        name=target.name,
        unit=target.unit,
        baseline_value=target.baseline_value,
        baseline_on=target.baseline_on,
        values={str(year): str(value) for year, value in sorted(target.values)},
        final_year=target.final_year,
        final_value=target.final_value,
        source=target.source,
        better=str(target.better),
    )


def project_row(project: Project) -> ProjectRow:
    """A stored project (children prefetched or not) as a row, position included."""
    return ProjectRow(
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
        has_budget=project.has_budget,
        budget_total=project.budget_total,
        budget_lines=tuple((b.fiscal_year, b.amount) for b in project.budget_lines.all()),
        effects=project.effects,
        start=project.start,
        end=project.end,
        milestones=tuple(
            MilestoneData(date=m.date, target=m.target) for m in project.milestones.all()
        ),
        other=project.other,
        targets=tuple(target_data(t) for t in project.targets.all()),
        fields=ordered(project.fields or ()),
        cluster_type=project.cluster_type,
        strategic_fields=strategy.ordered(strategy.SECTOR, project.strategic_fields or ()),
        position=project.position,
    )


def project_rows(revision: VisionRevision) -> tuple[ProjectRow, ...]:
    """The projects of a stored vision revision, to write into another one."""
    projects = revision.projects.prefetch_related(*PROJECT_CHILDREN)
    return tuple(project_row(p) for p in projects)


def _project_fields(row: ProjectRow) -> dict:
    return {
        "name": row.name,
        "fields": [str(code) for code in ordered(row.fields)],
        "cluster_type": row.cluster_type,
        "strategic_fields": list(strategy.ordered(strategy.SECTOR, row.strategic_fields)),
        "joint_body_of": list(row.joint_body_of) if row.joint_body_of is not None else None,
        "content": row.content,
        "has_budget": row.has_budget,
        "budget_total": row.budget_total,
        "effects": row.effects,
        "start": row.start,
        "end": row.end,
        "other": row.other,
    }


def _write_children(project: Project, row: ProjectRow, keys: TargetKeys) -> None:
    Implementer.objects.bulk_create(
        Implementer(project=project, position=i, member_key=item.member or "", name=item.name)
        for i, item in enumerate(row.implementers)
    )
    PlanReference.objects.bulk_create(
        PlanReference(
            project=project, position=i, plan=ref.plan, section=ref.section, note=ref.note
        )
        for i, ref in enumerate(row.plan_references)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(project=project, fiscal_year=year, amount=amount)
        for year, amount in row.budget_lines
    )
    Milestone.objects.bulk_create(
        Milestone(project=project, position=i, date=m.date, target=m.target)
        for i, m in enumerate(row.milestones)
    )
    given = keys.assign(project.name, row.targets) if row.targets else []
    ProjectTarget.objects.bulk_create(
        _target_row(project, i, target, key)
        for i, (target, key) in enumerate(zip(row.targets, given, strict=True))
    )


def write_projects(revision: VisionRevision, projects: Sequence[ProjectRow]) -> list[Project]:
    """Add ``projects`` with all their rows to the draft ``revision``."""
    written = []
    keys = TargetKeys(revision)
    for index, row in enumerate(projects):
        project = Project.objects.create(
            revision=revision,
            position=index if row.position is None else row.position,
            **_project_fields(row),
        )
        _write_children(project, row, keys)
        written.append(project)
    return written


def write_project(project: Project, row: ProjectRow) -> Project:
    """Replace one project's items and rows with ``row`` (its position stays)."""
    keys = TargetKeys(project.revision, keep_project=project)
    if row.targets:
        keys.load()  # before the project's own targets go
    for name, value in _project_fields(row).items():
        setattr(project, name, value)
    project.save()
    for related in (
        project.implementers,
        project.plan_references,
        project.budget_lines,
        project.milestones,
        project.targets,
    ):
        related.all().delete()
    _write_children(project, row, keys)
    return project
