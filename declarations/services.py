"""Write use cases of the declarations app."""

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from declarations.lifecycle import TRANSITIONS, Kind, Status
from declarations.models import (
    Declaration,
    DeclarationField,
    DeclarationRevision,
    Member,
    Municipality,
    Organization,
    Prefecture,
    Region,
    StatusChange,
)

# The timestamp each arrival status records.
STAMPS = {
    Status.SUBMITTED: "submitted_at",
    Status.ACCEPTED: "accepted_at",
    Status.PUBLISHED: "published_at",
}


class TransitionNotAllowed(Exception):
    def __init__(self, revision, new):
        self.revision, self.new = revision, new
        super().__init__(
            f"{revision} は「{revision.get_status_display()}」から「{Status(new).label}」に移せません。"
        )


@transaction.atomic
def revision_transition(*, revision, new: Status, actor=None, comment: str = "") -> StatusChange:
    """Move a declaration or vision revision along the transition table, with an audit row.

    The only place that assigns ``status`` (STYLE.md §4); the verbs in
    ``workflow.verbs`` call it after their own checks.
    """
    type(revision).objects.select_for_update().filter(pk=revision.pk).first()
    revision.refresh_from_db(fields=["status"])
    old = Status(revision.status)
    if (old, Status(new)) not in TRANSITIONS:
        raise TransitionNotAllowed(revision, new)
    now = timezone.now()
    revision.status = new
    update_fields = ["status", "updated_at"]
    if new in STAMPS:
        setattr(revision, STAMPS[new], now)
        update_fields.append(STAMPS[new])
    revision.save(update_fields=update_fields)
    return StatusChange.objects.create(
        region=revision.region,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        old=old,
        new=new,
        actor=actor,
        at=now,
        comment=comment,
    )


def region_create(*, slug: str | None = None) -> Region:
    """A new region with a free slug (``region-0001`` … when none is given)."""
    if not slug:
        number = Region.objects.count() + 1
        while Region.objects.filter(slug=f"region-{number:04d}").exists():
            number += 1
        slug = f"region-{number:04d}"
    return Region.objects.create(slug=slug)


# ---------------------------------------------------------------- drafts (the staff forms)
#
# Saving a draft is lenient (STYLE.md §3): these functions check nothing of the 要綱, only
# that the draft is still the one the editor opened. Each save bumps ``version`` with one
# ``UPDATE … WHERE version = N AND status = 'draft'`` and writes the child rows in the same
# transaction, so of two editors who opened version N the second is told, never overwritten.


class DraftConflict(Exception):
    """The draft was saved by someone else since the editor opened it."""

    def __init__(self, revision):
        self.revision = revision
        super().__init__(
            f"{revision} は、開いた後に別の人が保存しました。保存されている内容を確かめてください。"
        )


class RevisionNotStarted(Exception):
    """A new revision (establishment, change, abolition) cannot be started now."""

    def __init__(self, message: str, revision=None):
        self.revision = revision  # the revision in the way, if any
        super().__init__(message)


def draft_claim(revision, version, **fields) -> None:
    """Bump a draft's ``version`` from ``version`` (and write ``fields``) in one UPDATE.

    Raises ``DraftConflict`` when the stored version is another one, and
    ``FrozenRevisionError`` when the revision is no longer a draft. Call it inside the
    transaction that writes the child rows.
    """
    from django.db.models import F

    from declarations.lifecycle import FrozenRevisionError

    model = type(revision)
    try:
        version = int(version)
    except (TypeError, ValueError):
        version = -1
    updated = model.objects.filter(pk=revision.pk, version=version, status=Status.DRAFT).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not updated:
        stored = model.objects.filter(pk=revision.pk).values_list("status", flat=True).first()
        if stored != Status.DRAFT:
            if stored is not None:
                revision.status = stored
            raise FrozenRevisionError(revision)
        raise DraftConflict(revision)
    for name, value in fields.items():
        setattr(revision, name, value)
    revision.version = version + 1


def revision_created(*, revision, actor, comment: str) -> StatusChange:
    """The audit row of a new revision (from nothing to draft), beside the status moves."""
    return StatusChange.objects.create(
        region=revision.region,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        old="",
        new=Status.DRAFT,
        actor=actor,
        comment=comment,
    )


def successor_base(revisions, *, document: str):
    """The published revision a change or an abolition starts from, or ``RevisionNotStarted``.

    Only the latest revision counts: a change cannot start while a draft, a submitted,
    returned or accepted revision waits, nor after an abolition was published.
    """
    latest = revisions.order_by("-number").first()
    if latest is None:
        raise RevisionNotStarted(f"{document}はまだ作成されていません。")
    number = latest.number
    messages = {
        Status.DRAFT: f"{document}の第{number}版を作成中です。その版を編集してください。",
        Status.RETURNED: f"{document}の第{number}版が差し戻されています。その版の編集を再開してください。",
        Status.SUBMITTED: f"{document}の第{number}版を審査中です。審査が終わるまで新しい版は作れません。",
        Status.ACCEPTED: f"{document}の第{number}版は受理され、公表を待っています。公表の後に変更できます。",
    }
    if latest.status in messages:
        raise RevisionNotStarted(messages[Status(latest.status)], latest)
    if latest.kind == Kind.ABOLISHED:
        raise RevisionNotStarted(f"{document}は廃止されています。", latest)
    return latest


# ---------------------------------------------------------------- declaration drafts

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
LG_CODE_KINDS = frozenset({"prefecture", "municipality"})


@dataclass(frozen=True)
class MemberEntry:
    """One member row as the editor left it (a blank ``key`` asks for a new one)."""

    kind: str
    name: str = ""
    key: str = ""
    lg_code: str = ""
    area_prefectures: tuple[str, ...] = ()
    activity_prefectures: tuple[str, ...] = ()
    multi_industry: bool = False


@dataclass(frozen=True)
class DeclarationDraft:
    """What the declaration form holds; ``fields`` as (code, text) in the order to keep."""

    region_name: str = ""
    area_note: str = ""
    declared_on: date | None = None
    aspiration: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    members: tuple[MemberEntry, ...] = ()
    is_minor: bool = False
    consulted_on: date | None = None
    reason: str = ""


def organization_for(*, kind: str, name: str, lg_code: str = "") -> Organization:
    """The ``Organization`` a member row stands for: by 全国地方公共団体コード when it is a
    known one of the member's kind, else by kind and name (created when new)."""
    if kind in LG_CODE_KINDS and lg_code:
        known = Organization.objects.filter(lg_code=lg_code).first()
        if known is not None:
            return known
        master = Prefecture if kind == "prefecture" else Municipality
        if master.objects.filter(lg_code=lg_code).exists():
            organization, _ = Organization.objects.get_or_create(
                lg_code=lg_code, defaults={"name": name, "kind": kind}
            )
            return organization
    organization = Organization.objects.filter(kind=kind, name=name, lg_code="").first()
    return organization or Organization.objects.create(name=name, kind=kind)


def _new_key(entry: MemberEntry, taken: set[str]) -> str:
    prefix = MEMBER_KEY_PREFIXES.get(entry.kind, "member")
    if entry.kind in LG_CODE_KINDS and entry.lg_code.isdigit() and len(entry.lg_code) == 6:
        candidate = f"{prefix}{entry.lg_code}"
        if candidate not in taken:
            return candidate
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def _member_rows(revision: DeclarationRevision, entries) -> list[Member]:
    """Member rows for ``entries``: a row keeps its key (and organization) when the key is one
    of this revision's members and no earlier row claimed it; any other key, blank, forged or
    repeated, gets a new key never used in this region's declaration."""
    stored = {member.key: member for member in revision.members.all()}
    taken = set(
        Member.objects.filter(revision__declaration_id=revision.declaration_id).values_list(
            "key", flat=True
        )
    )
    claimed: set[str] = set()
    rows = []
    for position, entry in enumerate(entries):
        previous = stored.get(entry.key) if entry.key not in claimed else None
        if previous is not None:
            key = entry.key
        else:
            key = _new_key(entry, taken)
            taken.add(key)
        claimed.add(key)
        is_lg = entry.kind in LG_CODE_KINDS
        lg_code = entry.lg_code if is_lg else ""
        if previous is not None and (previous.kind, previous.name, previous.lg_code) == (
            entry.kind,
            entry.name,
            lg_code,
        ):
            organization = previous.organization
        else:
            organization = organization_for(kind=entry.kind, name=entry.name, lg_code=lg_code)
        rows.append(
            Member(
                revision=revision,
                organization=organization,
                key=key,
                name=entry.name,
                kind=entry.kind,
                lg_code=lg_code,
                area_prefectures=list(entry.area_prefectures)
                if entry.kind == "other_local_government"
                else [],
                activity_prefectures=list(entry.activity_prefectures)
                if entry.kind == "economic_organization"
                else [],
                multi_industry=entry.multi_industry
                if entry.kind == "economic_organization"
                else False,
                position=position,
            )
        )
    return rows


@transaction.atomic
def declaration_create(*, region: Region, actor) -> DeclarationRevision:
    """連携宣言書の策定: the first revision of a region's declaration, an empty draft."""
    declaration, _ = Declaration.objects.get_or_create(region=region)
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if declaration.revisions.exists():
        raise RevisionNotStarted(
            "連携宣言書はすでに作成されています。",
            declaration.revisions.order_by("-number").first(),
        )
    revision = DeclarationRevision.objects.create(
        declaration=declaration, number=1, kind=Kind.ESTABLISHED
    )
    revision_created(revision=revision, actor=actor, comment="連携宣言書の作成を始めました。")
    return revision


@transaction.atomic
def declaration_draft_save(
    *, revision: DeclarationRevision, version, draft: DeclarationDraft, actor=None
) -> DeclarationRevision:
    """Save the declaration form into the draft ``revision`` opened at ``version``.

    Writes the revision's own fields, its fields (分野) and members, all or nothing.
    An abolition keeps its content: only its reason and 協議 date are written.
    """
    fields = {"consulted_on": draft.consulted_on, "reason": draft.reason}
    if revision.kind == Kind.CHANGED:
        fields["is_minor"] = draft.is_minor
    if revision.kind == Kind.ABOLISHED:
        draft_claim(revision, version, **fields)
        return revision
    if revision.kind == Kind.ESTABLISHED:
        fields = {}
    fields |= {
        "region_name": draft.region_name,
        "area_note": draft.area_note,
        "declared_on": draft.declared_on,
        "aspiration": draft.aspiration,
    }
    draft_claim(revision, version, **fields)
    members = _member_rows(revision, draft.members)
    revision.fields.all().delete()
    revision.members.all().delete()
    DeclarationField.objects.bulk_create(
        DeclarationField(revision=revision, code=code, text=text, position=position)
        for position, (code, text) in enumerate(draft.fields)
    )
    Member.objects.bulk_create(members)
    return revision


def _copy_declaration(source: DeclarationRevision, target: DeclarationRevision) -> None:
    DeclarationField.objects.bulk_create(
        DeclarationField(revision=target, code=f.code, text=f.text, position=f.position)
        for f in source.fields.all()
    )
    Member.objects.bulk_create(
        Member(
            revision=target,
            organization_id=m.organization_id,
            key=m.key,
            name=m.name,
            kind=m.kind,
            lg_code=m.lg_code,
            area_prefectures=list(m.area_prefectures or []),
            activity_prefectures=list(m.activity_prefectures or []),
            multi_industry=m.multi_industry,
            position=m.position,
        )
        for m in source.members.all()
    )


@transaction.atomic
def declaration_successor(
    *, region: Region, actor, kind: Kind, reason: str = "", consulted_on=None
) -> DeclarationRevision:
    """変更 or 廃止 of the declaration: a new draft revision that starts as a copy of the
    latest published one (number + 1), with the kind, reason and 協議 date given."""
    declaration = Declaration.objects.select_for_update().filter(region=region).first()
    if declaration is None:
        raise RevisionNotStarted("連携宣言書はまだ作成されていません。")
    base = successor_base(declaration.revisions, document="連携宣言書")
    revision = DeclarationRevision.objects.create(
        declaration=declaration,
        number=base.number + 1,
        kind=kind,
        reason=reason,
        consulted_on=consulted_on,
        region_name=base.region_name,
        area_note=base.area_note,
        declared_on=base.declared_on,
        aspiration=base.aspiration,
    )
    _copy_declaration(base, revision)
    what = "廃止" if kind == Kind.ABOLISHED else "変更"
    revision_created(
        revision=revision,
        actor=actor,
        comment=f"第{base.number}版をもとに{what}の版を作成しました。",
    )
    return revision


def declaration_start_change(*, region: Region, actor) -> DeclarationRevision:
    """連携宣言の変更 (第3(5)): a draft pre-filled from the latest published revision."""
    return declaration_successor(region=region, actor=actor, kind=Kind.CHANGED)


def declaration_start_abolition(
    *, region: Region, actor, reason: str, consulted_on=None
) -> DeclarationRevision:
    """連携宣言の廃止 (第3(5)): a draft that records the reason and the 協議 date."""
    return declaration_successor(
        region=region, actor=actor, kind=Kind.ABOLISHED, reason=reason, consulted_on=consulted_on
    )
