"""Saving the editor's drafts whose rows ``workflow.rows`` writes: the declaration form
(its fields and members) and the project form; deleting a project with its attachments.

Saving a draft is lenient (STYLE.md §3): nothing of the 要綱 is checked, only that the
draft is still the one the editor opened (``declarations.services.draft_claim``, which
bumps ``version`` in the same transaction as the rows).
"""

from dataclasses import dataclass, field, replace
from datetime import date

from django.db import transaction

from attachments.services import project_attachments_remove
from declarations.lifecycle import COVER_FIELDS, Kind
from declarations.models import DeclarationRevision, Member
from declarations.services import draft_claim
from filing.data import CORPORATE_NUMBER_KINDS, FieldEntry, MemberData, MemberKind
from filing.kana import normalize_reading, suggest_reading
from projects.models import Project
from projects.services import project_delete as project_row_delete
from workflow.rows import LG_CODE_KINDS, ProjectRow, write_declaration_rows, write_project

MEMBER_KEY_PREFIXES = {
    "prefecture": "pref",
    "municipality": "city",
    "other_local_government": "union",
    "economic_organization": "keizai",
    "company": "company",
    "university": "univ",
    "research_institute": "lab",
    "financial_institution": "bank",
    "other": "member",
}


@dataclass(frozen=True)
class DeclarationDraft:
    """What the declaration form holds. ``members`` are the editor's rows: a key is only a
    hint (a blank one asks for a new key, see ``editor_members``)."""

    region_name: str = ""
    # よみがな as typed (folded to hiragana on save; blank: suggested from the name, ADR
    # 0087); None leaves it as it is
    region_name_kana: str | None = None
    area_note: str = ""
    declared_on: date | None = None
    aspiration: str = ""
    # the optional English name and summary (ADR 0124); None leaves them as they are
    region_name_en: str | None = None
    aspiration_en: str | None = None
    fields: tuple[FieldEntry, ...] = ()
    members: tuple[MemberData, ...] = ()
    is_minor: bool = False
    consulted_on: date | None = None
    consultation_body: str = ""
    reason: str = ""
    # a member key (代表団体), kept only if that member stays; None leaves it as it is
    representative: str | None = None
    cover: dict = field(default_factory=dict)  # the 送付書's fields given (lifecycle.COVER_FIELDS)


def _new_key(member: MemberData, taken: set[str]) -> str:
    prefix = MEMBER_KEY_PREFIXES.get(member.kind, "member")
    if member.kind in LG_CODE_KINDS and member.lg_code.isdigit() and len(member.lg_code) == 6:
        candidate = f"{prefix}{member.lg_code}"
        if candidate not in taken:
            return candidate
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def editor_members(revision: DeclarationRevision, members) -> list[MemberData]:
    """The editor's member rows as they are written: a row keeps its key when the key is one
    of this revision's members and no earlier row claimed it; any other key, blank, forged
    or repeated, gets a new key never used in this region's declaration. A value that does
    not belong to the row's kind (a code, prefectures, 複数業種) is dropped."""
    stored = set(revision.members.values_list("key", flat=True))
    taken = set(
        Member.objects.filter(revision__declaration_id=revision.declaration_id).values_list(
            "key", flat=True
        )
    )
    claimed: set[str] = set()
    rows = []
    for member in members:
        if member.key in stored and member.key not in claimed:
            key = member.key
        else:
            key = _new_key(member, taken)
            taken.add(key)
        claimed.add(key)
        union = member.kind == MemberKind.OTHER_LOCAL_GOVERNMENT
        economic = member.kind == MemberKind.ECONOMIC_ORGANIZATION
        rows.append(
            MemberData(
                key=key,
                name=member.name,
                kind=MemberKind(member.kind),
                lg_code=member.lg_code if member.kind in LG_CODE_KINDS else "",
                area_prefectures=tuple(member.area_prefectures) if union else (),
                activity_prefectures=tuple(member.activity_prefectures) if economic else (),
                multi_industry=member.multi_industry if economic else False,
                corporate_number=member.corporate_number
                if member.kind in CORPORATE_NUMBER_KINDS
                else "",
            )
        )
    return rows


@transaction.atomic
def declaration_draft_save(
    *, revision: DeclarationRevision, version, draft: DeclarationDraft, actor=None
) -> DeclarationRevision:
    """Save the declaration form into the draft ``revision`` opened at ``version``.

    Writes the revision's own fields, its fields (分野) and members, all or nothing.
    An abolition keeps its content: only its reason and 協議 date are written.
    """
    cover = {name: draft.cover[name] for name in COVER_FIELDS if name in draft.cover}
    fields = {
        "consulted_on": draft.consulted_on,
        "consultation_body": draft.consultation_body,
        "reason": draft.reason,
    }
    if revision.kind == Kind.CHANGED:
        fields["is_minor"] = draft.is_minor
    if revision.kind == Kind.ABOLISHED:
        draft_claim(revision, version, **fields, **cover)
        return revision
    if revision.kind == Kind.ESTABLISHED:
        fields = {}
    members = editor_members(revision, draft.members)
    kana = revision.region_name_kana if draft.region_name_kana is None else draft.region_name_kana
    fields |= {
        "region_name": draft.region_name,
        "region_name_kana": normalize_reading(kana) or suggest_reading(draft.region_name),
        "area_note": draft.area_note,
        "declared_on": draft.declared_on,
        "aspiration": draft.aspiration,
        **{
            name: value
            for name in ("region_name_en", "aspiration_en")
            if (value := getattr(draft, name)) is not None
        },
        **cover,
    }
    representative = (
        revision.representative if draft.representative is None else draft.representative
    )
    # a member removed in the same save stops being the representative
    fields["representative"] = (
        representative if representative in {member.key for member in members} else ""
    )
    draft_claim(revision, version, **fields)
    write_declaration_rows(revision, fields=draft.fields, members=members)
    return revision


@transaction.atomic
def project_save(*, project: Project, version, draft: ProjectRow, actor=None) -> Project:
    """Save the project form; the vision draft's ``version`` guards it like the vision form."""
    draft_claim(project.revision, version)
    return write_project(project, replace(draft, joint_body_of=draft.joint_body_of or None))


@transaction.atomic
def project_delete(*, project: Project, version, actor) -> None:
    """Delete a project from the vision draft opened at ``version``, and its attachments
    with it (an event each; the stored files once the deletion has committed, ADR 0119), so
    that no attachment is left without its target. A conflict or a frozen revision rolls
    back both."""
    project_attachments_remove(project=project, actor=actor)
    project_row_delete(project=project, version=version, actor=actor)
