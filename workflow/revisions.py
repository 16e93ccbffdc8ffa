"""New revisions after the first: whether one may start, and the change (変更) and
abolition (廃止) that start as a copy of the published revision.

``may_start`` is the one "may a new revision start" check: the staff UI, the admin, the
bundle import (the staff upload and ``manage.py import_region``) and the change and
abolition services all ask it.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from attachments.services import attachments_carry
from declarations.lifecycle import CONTACT_FIELDS, Kind, Status
from declarations.models import Declaration, Region
from declarations.services import RevisionNotStarted, declaration_create, revision_created
from projects.models import PROJECT_CHILDREN
from visions.models import Vision
from visions.services import vision_create
from workflow.registry import document_kind
from workflow.rows import declaration_rows, project_row, write_declaration_rows, write_projects

# 策定: the service that starts each document's first revision.
FIRST = {"declaration": declaration_create, "vision": vision_create}


def latest_of(region: Region, document: str):
    """The latest revision of the region's ``document`` ("declaration" or "vision"), or None."""
    return document_kind(document).revisions_of(region).order_by("-number").first()


def _refusal(latest, document: str) -> str:
    """Why no new revision of ``document`` may start beside ``latest`` ("" when one may)."""
    facts = {"title": document_kind(document).label, "number": latest.number}
    messages = {
        Status.DRAFT: _("%(title)sの第%(number)s版を作成中です。その版を編集してください。"),
        Status.RETURNED: _(
            "%(title)sの第%(number)s版が差し戻されています。その版の編集を再開してください。"
        ),
        Status.SUBMITTED: _(
            "%(title)sの第%(number)s版を審査中です。審査が終わるまで新しい版は作れません。"
        ),
        Status.ACCEPTED: _(
            "%(title)sの第%(number)s版は受理され、公表を待っています。公表の後に変更できます。"
        ),
    }
    if latest.status in messages:
        return messages[Status(latest.status)] % facts
    if latest.kind == Kind.ABOLISHED:
        return _("%(title)sは廃止されています。") % facts
    return ""


def may_start(region: Region, document: str):
    """Whether a new revision of ``document`` ("declaration" or "vision") may start in
    ``region``: the one check of the staff UI, the admin, the bundle import and the change
    and abolition services.

    Returns the latest revision, published (the base of a change or an abolition), or
    None when the document has none yet. Raises ``RevisionNotStarted`` with the reason
    while the latest revision is in draft, returned, submitted, or accepted and waiting to
    be published, and once an abolition was published.
    """
    latest = latest_of(region, document)
    if latest is not None and (reason := _refusal(latest, document)):
        raise RevisionNotStarted(reason, latest)
    return latest


def no_open_draft(region: Region, document: str) -> None:
    """Refuse (as ``may_start`` does) while ``document`` has a draft: a bundle that leaves
    the document out is not written beside a draft of it."""
    latest = latest_of(region, document)
    if latest is not None and latest.status == Status.DRAFT:
        raise RevisionNotStarted(_refusal(latest, document), latest)


def successor_base(region: Region, document: str):
    """The published revision a change or an abolition starts from (``may_start``)."""
    base = may_start(region, document)
    if base is None:
        raise RevisionNotStarted(
            _("%(title)sはまだ作成されていません。") % {"title": document_kind(document).label}
        )
    return base


def _copy_declaration_rows(base, revision) -> dict:
    fields, members = declaration_rows(base)
    write_declaration_rows(
        revision, fields=fields, members=members, organizations_from=base.members.all()
    )
    return {}


def _copy_projects(base, revision) -> dict:
    """Copy the projects; returns each base project's pk → its copy (for the attachments)."""
    projects = list(base.projects.prefetch_related(*PROJECT_CHILDREN))
    written = write_projects(revision, [project_row(project) for project in projects])
    return {project.pk: copy for project, copy in zip(projects, written, strict=True)}


# document → (its model, the revision's own fields a successor copies, its rows' copy)
SUCCESSION = {
    "declaration": (
        Declaration,
        (
            "region_name",
            "region_name_kana",
            "region_name_en",
            "area_note",
            "declared_on",
            "aspiration",
            "aspiration_en",
            "representative",
            *CONTACT_FIELDS,
        ),
        _copy_declaration_rows,
    ),
    "vision": (
        Vision,
        (
            "aspiration",
            "aspiration_plan_reference",
            "roadmap",
            "roadmap_plan_reference",
            "verified_on",
            "verification_note",
            *CONTACT_FIELDS,
        ),
        _copy_projects,
    ),
}


@transaction.atomic
def revision_successor(
    *,
    region: Region,
    document: str,
    actor,
    kind: Kind,
    reason: str = "",
    consulted_on=None,
    consultation_body: str = "",
):
    """変更 or 廃止 of ``document``: a new draft revision (number + 1) that starts as a copy of
    the latest published one, its rows included (``workflow.rows``) and its attachments
    (``attachments.services.attachments_carry``), with the kind, reason and 協議 date given. A vision's is read against the latest declaration revision."""
    parent_model, fields, copy_rows = SUCCESSION[document]
    parent = parent_model.objects.select_for_update().filter(region=region).first()
    if parent is None:
        raise RevisionNotStarted(
            _("%(title)sはまだ作成されていません。") % {"title": document_kind(document).label}
        )
    base = successor_base(region, document)
    revision = document_kind(document).model.objects.create(
        **{document: parent},
        number=base.number + 1,
        kind=kind,
        reason=reason,
        consulted_on=consulted_on,
        consultation_body=consultation_body,
        **{name: getattr(base, name) for name in fields},
    )
    copies = copy_rows(base, revision)
    # The attachments come along as a starting copy the editor keeps or drops (ADR 0119).
    attachments_carry(base=base, revision=revision, projects=copies, actor=actor)
    what = "廃止" if kind == Kind.ABOLISHED else "変更"
    revision_created(
        revision=revision,
        actor=actor,
        comment=f"第{base.number}版をもとに{what}の版を作成しました。",
    )
    return revision


def revision_start_change(*, region: Region, document: str, actor):
    """変更 (第3(5), 第4(3)): a draft of ``document`` pre-filled from the latest published revision."""
    return revision_successor(region=region, document=document, actor=actor, kind=Kind.CHANGED)


def revision_start_abolition(
    *, region: Region, document: str, actor, reason: str, consulted_on=None, consultation_body=""
):
    """廃止 (第3(5), 第4(3)): a draft of ``document`` that records the reason and the 協議 date."""
    return revision_successor(
        region=region,
        document=document,
        actor=actor,
        kind=Kind.ABOLISHED,
        reason=reason,
        consulted_on=consulted_on,
        consultation_body=consultation_body,
    )


def revision_start(*, region: Region, document: str, actor):
    """策定: the first revision of ``document``, an empty draft."""
    return FIRST[document](region=region, actor=actor)
