"""The 連携宣言書 as a PDF (第3(2), 第3(6)): built from a plain ``Filing`` and master data names.

``declaration_pdf`` serves any revision: a draft preview, the frozen copy of a submitted
revision, ``manage.py export_pdf``. A change (変更) or abolition (廃止) says so in its
title and lists what changed against the previous published revision.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from declarations.models import MemberKindChoices
from documents.render import DOCUMENT_STYLESHEET, DocumentMeta, render_pdf
from filing.data import Filing, MasterData, MemberData, MemberKind, RevisionKind
from filing.diff import diff_filings, field_text
from filing.rules.common import prefecture_names
from filing.rules.declaration import local_government_area

# The order members are listed in: local governments first, then the others (第3(3)).
KIND_ORDER = tuple(MemberKind)


@dataclass(frozen=True, slots=True)
class MemberRow:
    number: int  # the position in the whole list (1, 2, …), across the groups
    name: str
    note: str


@dataclass(frozen=True, slots=True)
class MemberGroup:
    kind: str
    label: str
    rows: tuple[MemberRow, ...]


@dataclass(frozen=True, slots=True)
class ChangeSummary:
    """What a change lists against the previous published revision (texts are item names)."""

    members_added: tuple[str, ...] = ()
    members_removed: tuple[str, ...] = ()
    members_changed: tuple[str, ...] = ()
    fields_added: tuple[str, ...] = ()
    fields_removed: tuple[str, ...] = ()
    items_changed: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.members_added,
                self.members_removed,
                self.members_changed,
                self.fields_added,
                self.fields_removed,
                self.items_changed,
            )
        )


def kind_label(kind: MemberKind) -> str:
    return str(MemberKindChoices(kind.value).label)


def member_note(member: MemberData, master: MasterData) -> str:
    """What the member list says beside a name: the prefecture, the area or activity area."""
    if member.kind == MemberKind.MUNICIPALITY:
        known = master.municipalities.get(member.lg_code)
        if known is not None and not member.name.startswith(master.prefectures[known[1]]):
            return master.prefectures[known[1]]
        return ""
    if member.kind == MemberKind.OTHER_LOCAL_GOVERNMENT and member.area_prefectures:
        return _("区域: %(area)s") % {"area": prefecture_names(member.area_prefectures, master)}
    if member.kind == MemberKind.ECONOMIC_ORGANIZATION and member.activity_prefectures:
        return _("主たる活動範囲: %(area)s") % {
            "area": prefecture_names(member.activity_prefectures, master)
        }
    return ""


def member_groups(members: tuple[MemberData, ...], master: MasterData) -> list[MemberGroup]:
    """The members grouped by kind, in the order of ``KIND_ORDER``, each group in filing order."""
    groups = []
    number = 0
    for kind in KIND_ORDER:
        rows = []
        for member in members:
            if member.kind == kind:
                number += 1
                rows.append(MemberRow(number, member.name, member_note(member, master)))
        if rows:
            groups.append(MemberGroup(kind=kind.value, label=kind_label(kind), rows=tuple(rows)))
    return groups


def representative_name(filing: Filing) -> str:
    """The name of the member chosen as 代表団体, or "" (none chosen, or no such member)."""
    key = filing.declaration.representative
    member = filing.member(key) if key else None
    return member.name if member is not None else ""


def area_prefectures(filing: Filing, master: MasterData) -> str:
    """「岡山県、広島県、香川県」: the prefectures of the local-government members (JIS order)."""
    area = local_government_area(filing.members, master)
    return prefecture_names(area.prefectures, master)


def field_labels(filing: Filing) -> list[str]:
    return [field_text(entry) for entry in filing.declaration.fields]


def declaration_changes(filing: Filing, previous: Filing | None) -> ChangeSummary | None:
    """What this revision changes in the declaration; ``None`` without a previous revision."""
    if previous is None:
        return None
    diff = diff_filings(previous, filing)
    return ChangeSummary(
        members_added=tuple(m.name for m in diff.members_added),
        members_removed=tuple(m.name for m in diff.members_removed),
        members_changed=tuple(change.new.name for change in diff.members_changed),
        fields_added=tuple(field_text(f) for f in diff.fields_added),
        fields_removed=tuple(field_text(f) for f in diff.fields_removed),
        items_changed=tuple(
            str(change.item)
            for change in diff.text_changes
            # every revision has its own date: a new 宣言日 is not a change of the content
            if change.path.startswith(("region.", "declaration."))
            and change.path != "declaration.declared_on"
        ),
    )


def title_parts(region_name: str, document: str, kind: RevisionKind) -> tuple[str, str]:
    """(「瀬戸内広域リージョン」, 「連携宣言書（変更）」): the title's two halves, which a
    heading keeps whole on a line each when they do not fit on one."""
    suffix = {RevisionKind.CHANGED: _("（変更）"), RevisionKind.ABOLISHED: _("（廃止）")}
    return region_name.strip() or _("（名称未記載）"), f"{document}{suffix.get(kind, '')}"


def document_title(region_name: str, document: str, kind: RevisionKind) -> str:
    """「瀬戸内広域リージョン　連携宣言書（変更）」."""
    return "　".join(title_parts(region_name, document, kind))


def declaration_context(
    filing: Filing,
    *,
    master: MasterData,
    meta: DocumentMeta,
    previous: Filing | None = None,
    previous_declared_on=None,
    consultation_records: tuple[str, ...] = (),
) -> dict:
    """``consultation_records``: the titles of the revision's 協議の記録 attachments (ADR 0120)."""
    declaration = filing.declaration
    info = declaration.revision
    return {
        "filing": filing,
        "declaration": declaration,
        "info": info,
        "meta": meta,
        "title": document_title(declaration.region_name, _("連携宣言書"), info.kind),
        "title_parts": title_parts(declaration.region_name, _("連携宣言書"), info.kind),
        "running_title": _("%(name)s　連携宣言書") % {"name": declaration.region_name},
        "is_change": info.kind == RevisionKind.CHANGED,
        "is_abolition": info.kind == RevisionKind.ABOLISHED,
        "area": area_prefectures(filing, master),
        "member_groups": member_groups(filing.members, master),
        "member_count": len(filing.members),
        "representative": representative_name(filing),
        "fields": field_labels(filing),
        "changes": declaration_changes(filing, previous)
        if info.kind != RevisionKind.ESTABLISHED
        else None,
        "previous_declared_on": previous_declared_on,
        "consultation_records": tuple(consultation_records),
        # 「協議の経過」: a change or an abolition, or whatever records a 協議 (ADR 0120)
        "show_consultation": info.kind != RevisionKind.ESTABLISHED
        or bool(info.consulted_on or info.consultation_body or consultation_records),
    }


def declaration_html(filing: Filing, **context) -> str:
    return render_to_string(
        "declarations/pdf/declaration.html", declaration_context(filing, **context)
    )


def declaration_pdf(filing: Filing, **context) -> bytes:
    """The 連携宣言書 of ``filing`` as PDF bytes (raises ``documents.render.PdfError``)."""
    meta = context["meta"]
    return render_pdf(
        declaration_html(filing, **context),
        created=meta.created,
        identifier=meta.identifier,
        stylesheet=DOCUMENT_STYLESHEET,
    )
