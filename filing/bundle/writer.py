"""A ``Filing`` into the canonical region bundle (key order as in DESIGN's example).

Every key is written except ``vision`` when there is none, ``representative`` when no
member is named, a project's ``targets`` when it has none (ADR 0104) and its ``fields``
when it names none (ADR 0115), a ``revision`` equal to
the default (established, not minor, no 協議 date, no reason), ``section``/``note``
of a plan reference when empty, and the member keys of other kinds.
``parse_bundle(filing_to_bundle(f)) == f`` for every ``f`` that ``parse_bundle``
returns, and ``dumps_bundle(parse_bundle(text)) == text`` for a canonical ``text``.
"""

import json
from datetime import date

from filing.bundle.attachments import put_attachments
from filing.bundle.keys import MEMBER_KIND_KEYS, OPTIONAL_MEMBER_KEYS
from filing.bundle.project_fields import project_fields_to_bundle
from filing.bundle.project_strategy import project_strategy_to_bundle
from filing.bundle.targets import targets_to_bundle
from filing.data import (
    FieldCode,
    FieldEntry,
    Filing,
    MemberData,
    PlanRef,
    ProjectData,
    RevisionInfo,
)


def filing_to_bundle(filing: Filing) -> dict:
    """The canonical bundle of ``filing`` (DESIGN's key order; see the module docstring)."""
    declaration = filing.declaration
    bundle: dict = {
        "region": {
            "name": declaration.region_name,
            # optional: written when the revision has one, so bundles without it stay the same
            **({"name_kana": declaration.region_name_kana} if declaration.region_name_kana else {}),
            **({"name_en": declaration.region_name_en} if declaration.region_name_en else {}),
            "area_note": declaration.area_note,
        },
        "declaration": {
            "declared_on": _iso(declaration.declared_on),
            "aspiration": declaration.aspiration,
            **({"aspiration_en": declaration.aspiration_en} if declaration.aspiration_en else {}),
            "fields": [_field_to_bundle(entry) for entry in declaration.fields],
        },
        "members": [_member_to_bundle(member) for member in filing.members],
    }
    if declaration.representative:
        bundle["declaration"]["representative"] = declaration.representative
    _put_revision(bundle["declaration"], declaration.revision)
    vision = filing.vision
    if vision is not None:
        bundle["vision"] = {
            "aspiration": vision.aspiration,
            "roadmap": vision.roadmap,
            "aspiration_plan_reference": _plan_ref_to_bundle(vision.aspiration_plan_reference),
            "roadmap_plan_reference": _plan_ref_to_bundle(vision.roadmap_plan_reference),
            "verified_on": _iso(vision.verified_on),
            "projects": [_project_to_bundle(project) for project in vision.projects],
        }
        _put_revision(bundle["vision"], vision.revision)
    return bundle


def dumps_bundle(filing: Filing, attachments=()) -> str:
    """The canonical bundle as text: UTF-8 friendly, indented by two, ending with a newline.
    ``attachments``: the listing to write in it (``filing.bundle.attachments``, ADR 0120)."""
    bundle = put_attachments(filing_to_bundle(filing), attachments)
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _field_to_bundle(entry: FieldEntry):
    if entry.code == FieldCode.OTHER:
        return {"other": entry.text}
    return str(entry.code)


def _put_revision(target: dict, revision: RevisionInfo) -> None:
    if revision != RevisionInfo():
        target["revision"] = {
            "kind": str(revision.kind),
            "is_minor": revision.is_minor,
            "consulted_on": _iso(revision.consulted_on),
            # optional (ADR 0120), so the bundles of revisions without it stay the same
            **(
                {"consultation_body": revision.consultation_body}
                if revision.consultation_body
                else {}
            ),
            "reason": revision.reason,
        }


def _member_to_bundle(member: MemberData) -> dict:
    data: dict = {"key": member.key, "name": member.name, "kind": str(member.kind)}
    for key in MEMBER_KIND_KEYS.get(member.kind, ()):
        value = getattr(member, key)
        if key in OPTIONAL_MEMBER_KEYS and not value:
            continue
        data[key] = list(value) if isinstance(value, tuple) else value
    return data


def _plan_ref_to_bundle(ref: PlanRef | None) -> dict | None:
    if ref is None:
        return None
    data = {"plan": ref.plan}
    if ref.section:
        data["section"] = ref.section
    if ref.note:
        data["note"] = ref.note
    return data


def _project_to_bundle(project: ProjectData) -> dict:
    budget = project.budget
    return {
        "name": project.name,
        # written when the project names some (ADR 0115), like its targets
        **project_fields_to_bundle(project.fields),
        # the national strategy's terms (ADR 0121), written when the project carries them
        **project_strategy_to_bundle(project.cluster_type, project.strategic_fields),
        "implementers": [
            {"member": item.member} if item.member is not None else {"name": item.name}
            for item in project.implementers
        ],
        "joint_body_of": None if project.joint_body_of is None else list(project.joint_body_of),
        "plan_references": [_plan_ref_to_bundle(ref) for ref in project.plan_references],
        "content": project.content,
        "budget": None
        if budget is None
        else {
            "total": budget.total,
            "by_fiscal_year": {str(year): amount for year, amount in sorted(budget.by_fiscal_year)},
        },
        "effects": project.effects,
        "period": {"start": _iso(project.start), "end": _iso(project.end)},
        "milestones": [
            {"date": _iso(milestone.date), "target": milestone.target}
            for milestone in project.milestones
        ],
        "other": project.other,
        # written when there are some, so the bundles of projects without targets stay the same
        **({"targets": targets_to_bundle(project.targets)} if project.targets else {}),
    }
