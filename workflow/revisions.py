"""New revisions after the first: whether one may start, and the change (変更) and
abolition (廃止) that start as a copy of the published revision.

``may_start`` is the one "may a new revision start" check: the staff UI, the admin, the
bundle import (the staff upload and ``manage.py import_region``) and the change and
abolition services all ask it.
"""

from django.db import transaction

from declarations.lifecycle import Kind, Status
from declarations.models import Declaration, DeclarationRevision, Region
from declarations.services import RevisionNotStarted, revision_created
from visions.models import Vision, VisionRevision
from workflow.rows import declaration_rows, project_rows, write_declaration_rows, write_projects

DOCUMENTS = {
    "declaration": (DeclarationRevision, "declaration__region", "連携宣言書"),
    "vision": (VisionRevision, "vision__region", "連携ビジョン"),
}


def latest_of(region: Region, document: str):
    """The latest revision of the region's ``document`` ("declaration" or "vision"), or None."""
    model, lookup, _title = DOCUMENTS[document]
    return model.objects.filter(**{lookup: region}).order_by("-number").first()


def pending(region: Region, document: str):
    """Refuse (``RevisionNotStarted``) while the latest revision of ``document`` is being
    written or reviewed: in draft, submitted, returned, or accepted and waiting to be
    published. Returns that latest revision (None when there is none)."""
    latest = latest_of(region, document)
    if latest is None:
        return None
    title, number = DOCUMENTS[document][2], latest.number
    messages = {
        Status.DRAFT: f"{title}の第{number}版を作成中です。その版を編集してください。",
        Status.RETURNED: f"{title}の第{number}版が差し戻されています。その版の編集を再開してください。",
        Status.SUBMITTED: f"{title}の第{number}版を審査中です。審査が終わるまで新しい版は作れません。",
        Status.ACCEPTED: f"{title}の第{number}版は受理され、公表を待っています。公表の後に変更できます。",
    }
    if latest.status in messages:
        raise RevisionNotStarted(messages[Status(latest.status)], latest)
    return latest


def may_start(region: Region, document: str):
    """Whether a new revision of ``document`` may start in ``region``.

    Returns the latest revision, published (the base of a change or an abolition), or
    None when the document has none yet; raises ``RevisionNotStarted`` with the reason
    while a revision is pending (``pending``) or once an abolition was published.
    """
    latest = pending(region, document)
    if latest is not None and latest.kind == Kind.ABOLISHED:
        raise RevisionNotStarted(f"{DOCUMENTS[document][2]}は廃止されています。", latest)
    return latest


def successor_base(region: Region, document: str):
    """The published revision a change or an abolition starts from (``may_start``)."""
    base = may_start(region, document)
    if base is None:
        raise RevisionNotStarted(f"{DOCUMENTS[document][2]}はまだ作成されていません。")
    return base


@transaction.atomic
def declaration_successor(
    *, region: Region, actor, kind: Kind, reason: str = "", consulted_on=None
) -> DeclarationRevision:
    """変更 or 廃止 of the declaration: a new draft revision that starts as a copy of the
    latest published one (number + 1), with the kind, reason and 協議 date given."""
    declaration = Declaration.objects.select_for_update().filter(region=region).first()
    if declaration is None:
        raise RevisionNotStarted("連携宣言書はまだ作成されていません。")
    base = successor_base(region, "declaration")
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
    fields, members = declaration_rows(base)
    write_declaration_rows(
        revision, fields=fields, members=members, organizations_from=base.members.all()
    )
    _record(revision, base, kind, actor)
    return revision


@transaction.atomic
def vision_successor(
    *, region: Region, actor, kind: Kind, reason: str = "", consulted_on=None
) -> VisionRevision:
    """変更 or 廃止 of the vision: a new draft revision copied from the latest published one
    (number + 1) with its projects. It is read against the latest declaration revision."""
    vision = Vision.objects.select_for_update().filter(region=region).first()
    if vision is None:
        raise RevisionNotStarted("連携ビジョンはまだ作成されていません。")
    base = successor_base(region, "vision")
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
    write_projects(revision, project_rows(base))
    _record(revision, base, kind, actor)
    return revision


def _record(revision, base, kind: Kind, actor) -> None:
    what = "廃止" if kind == Kind.ABOLISHED else "変更"
    revision_created(
        revision=revision,
        actor=actor,
        comment=f"第{base.number}版をもとに{what}の版を作成しました。",
    )


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
