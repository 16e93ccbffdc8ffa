"""A revision laid out for the review page, in the order the document reads.

Plain data built from a loaded revision (prefetched rows, no further queries), each item
with its anchor (``filing.anchors``) and the findings that concern it, so the template
only places them.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from declarations.models import FieldChoices, MemberKindChoices
from filing.anchors import Anchor
from filing.data import Filing, MasterData, MemberData, MemberKind, PlanRef
from filing.diff import FilingDiff, diff_filings, plan_ref_text
from filing.findings import Finding
from filing.rules.declaration import lg_prefecture


def _anchor(path: str, label: str = "") -> Anchor:
    return Anchor(path, label)


@dataclass(frozen=True)
class MemberRow:
    number: int
    anchor: Anchor
    name: str
    key: str
    kind: str
    lg_code: str
    prefecture: str  # the prefecture of a prefecture or municipality member, when known
    area: str  # other_local_government: its area prefectures
    activity: str  # economic_organization: its activity prefectures
    multi_industry: bool | None  # economic_organization only
    findings: tuple[Finding, ...]
    corporate_number: str = ""  # 法人番号 of a non-government member (ADR 0123)


@dataclass(frozen=True)
class ProjectRow:
    number: int
    anchor: Anchor
    project: object
    implementers: tuple[str, ...]
    joint_body: tuple[str, ...] | None
    plan_references: tuple[str, ...]
    budget_lines: tuple[tuple[int, int], ...]
    budget_sum: int
    milestones: tuple[object, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Content:
    sections: dict[str, tuple[Finding, ...]] = field(default_factory=dict)
    anchors: dict[str, Anchor] = field(default_factory=dict)  # the section anchors by short name
    members: tuple[MemberRow, ...] = ()
    fields: tuple[str, ...] = ()
    projects: tuple[ProjectRow, ...] = ()
    aspiration_reference: str = ""
    roadmap_reference: str = ""


def _names(codes, master: MasterData) -> str:
    return "、".join(master.prefectures.get(code, code) for code in sorted(codes or ()))


def field_label(code: str, text: str) -> str:
    if code == FieldChoices.OTHER:
        return f"{FieldChoices.OTHER.label}（{text}）" if text else str(FieldChoices.OTHER.label)
    return str(FieldChoices(code).label)


def _findings(by_anchor, path) -> tuple[Finding, ...]:
    return tuple(by_anchor.get(path, ()))


DECLARATION_SECTIONS = {
    "revision": "declaration.revision",
    "region": "region",
    "aspiration": "declaration.aspiration",
    "fields": "declaration.fields",
    "members": "members",
}
VISION_SECTIONS = {
    "revision": "vision.revision",
    "aspiration": "vision.aspiration",
    "roadmap": "vision.roadmap",
    "verification": "vision.verified_on",
    "projects": "vision.projects",
}


def _sections(paths: dict[str, str], anchors, by_anchor):
    labels = {anchor.path: anchor for anchor in anchors}
    return (
        {name: _findings(by_anchor, path) for name, path in paths.items()},
        {name: labels.get(path, Anchor(path, path)) for name, path in paths.items()},
    )


def declaration_content(revision, master: MasterData, by_anchor, anchors) -> Content:
    members = []
    for index, member in enumerate(revision.members.all()):
        data = MemberData(
            key=member.key,
            name=member.name,
            kind=MemberKind(member.kind),
            lg_code=member.lg_code,
        )
        prefecture = lg_prefecture(data, master) if data.is_local_government else None
        economic = member.kind == MemberKindChoices.ECONOMIC_ORGANIZATION
        members.append(
            MemberRow(
                number=index + 1,
                anchor=_anchor(f"members[{index}]", member.name),
                name=member.name,
                key=member.key,
                kind=MemberKindChoices(member.kind).label,
                lg_code=member.lg_code,
                prefecture=master.prefectures.get(prefecture, "") if prefecture else "",
                area=_names(member.area_prefectures, master),
                activity=_names(member.activity_prefectures, master) if economic else "",
                multi_industry=member.multi_industry if economic else None,
                findings=_findings(by_anchor, f"members[{index}]"),
                corporate_number=member.corporate_number,
            )
        )
    sections, section_anchors = _sections(DECLARATION_SECTIONS, anchors, by_anchor)
    return Content(
        sections=sections,
        anchors=section_anchors,
        members=tuple(members),
        fields=tuple(field_label(f.code, f.text) for f in revision.fields.all()),
    )


def _plan_ref(data) -> str:
    if not data:
        return ""
    return plan_ref_text(
        PlanRef(data.get("plan", ""), data.get("section", ""), data.get("note", ""))
    )


def vision_content(revision, declaration, by_anchor, anchors) -> Content:
    names = {m.key: m.name for m in declaration.members.all()} if declaration is not None else {}
    projects = []
    for index, project in enumerate(revision.projects.all()):
        implementers = tuple(
            names.get(i.member_key, i.member_key)
            if i.member_key
            else _("%(name)s（構成団体以外）") % {"name": i.name}
            for i in project.implementers.all()
        )
        lines = tuple((line.fiscal_year, line.amount) for line in project.budget_lines.all())
        projects.append(
            ProjectRow(
                number=index + 1,
                anchor=_anchor(f"vision.projects[{index}]", project.name),
                project=project,
                implementers=implementers,
                joint_body=tuple(names.get(k, k) for k in project.joint_body_of)
                if project.joint_body_of is not None
                else None,
                plan_references=tuple(
                    plan_ref_text(PlanRef(r.plan, r.section, r.note))
                    for r in project.plan_references.all()
                ),
                budget_lines=lines,
                budget_sum=sum(amount for _, amount in lines),
                milestones=tuple(project.milestones.all()),
                findings=_findings(by_anchor, f"vision.projects[{index}]"),
            )
        )
    sections, section_anchors = _sections(VISION_SECTIONS, anchors, by_anchor)
    return Content(
        sections=sections,
        anchors=section_anchors,
        projects=tuple(projects),
        aspiration_reference=_plan_ref(revision.aspiration_plan_reference),
        roadmap_reference=_plan_ref(revision.roadmap_plan_reference),
    )


# ---------------------------------------------------------------- the diff, for display


@dataclass(frozen=True)
class AttributeChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class MemberDiffRow:
    name: str
    kind: str
    changes: tuple[AttributeChange, ...] = ()


def _member_labels():
    return {
        "key": _("キー"),
        "name": _("名称"),
        "kind": _("種別"),
        "lg_code": _("団体コード"),
        "area_prefectures": _("区域の都道府県"),
        "activity_prefectures": _("活動範囲の都道府県"),
        "multi_industry": _("構成員が複数の業種にわたる"),
        "corporate_number": _("法人番号"),
    }


def _member_value(member: MemberData, attribute: str, master: MasterData) -> str:
    value = getattr(member, attribute)
    if attribute == "kind":
        return str(MemberKindChoices(value).label)
    if attribute in ("area_prefectures", "activity_prefectures"):
        return _names(value, master) or "—"
    if attribute == "multi_industry":
        return _("はい") if value else _("いいえ")
    return str(value) or "—"


def _member_row(member: MemberData) -> MemberDiffRow:
    return MemberDiffRow(name=member.name, kind=str(MemberKindChoices(member.kind).label))


@dataclass(frozen=True)
class DiffView:
    """What the review page shows of ``filing.diff.FilingDiff`` for one document."""

    document: str
    members_added: tuple[MemberDiffRow, ...]
    members_removed: tuple[MemberDiffRow, ...]
    members_changed: tuple[MemberDiffRow, ...]
    fields_added: tuple[str, ...]
    fields_removed: tuple[str, ...]
    text_changes: tuple
    projects_added: tuple[str, ...]
    projects_removed: tuple[str, ...]
    projects_changed: tuple
    budget_by_fiscal_year: tuple
    diff: FilingDiff  # the one document's diff these rows show

    @property
    def is_empty(self) -> bool:
        return self.diff.is_empty


def diff_view(old: Filing, new: Filing, document: str, master: MasterData) -> DiffView:
    """What changed in ``document`` from ``old`` to ``new`` (``filing.diff.diff_filings`` of
    that document: a declaration's members, fields and texts; a vision's texts, projects and
    budgets), with labels for display."""
    diff = diff_filings(old, new, document=document)
    labels = _member_labels()
    if document == "declaration":
        return DiffView(
            document=document,
            diff=diff,
            members_added=tuple(_member_row(m) for m in diff.members_added),
            members_removed=tuple(_member_row(m) for m in diff.members_removed),
            members_changed=tuple(
                MemberDiffRow(
                    name=change.new.name,
                    kind=str(MemberKindChoices(change.new.kind).label),
                    changes=tuple(
                        AttributeChange(
                            labels.get(attribute, attribute),
                            _member_value(change.old, attribute, master),
                            _member_value(change.new, attribute, master),
                        )
                        for attribute in change.changed
                    ),
                )
                for change in diff.members_changed
            ),
            fields_added=tuple(field_label(f.code, f.text) for f in diff.fields_added),
            fields_removed=tuple(field_label(f.code, f.text) for f in diff.fields_removed),
            text_changes=diff.text_changes,
            projects_added=(),
            projects_removed=(),
            projects_changed=(),
            budget_by_fiscal_year=(),
        )
    return DiffView(
        document=document,
        diff=diff,
        members_added=(),
        members_removed=(),
        members_changed=(),
        fields_added=(),
        fields_removed=(),
        text_changes=diff.text_changes,
        projects_added=tuple(p.name or _("（名称未入力）") for p in diff.projects_added),
        projects_removed=tuple(p.name or _("（名称未入力）") for p in diff.projects_removed),
        projects_changed=diff.projects_changed,
        budget_by_fiscal_year=diff.budget_by_fiscal_year,
    )
