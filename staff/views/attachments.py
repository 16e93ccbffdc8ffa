"""The attachments of a revision or a project on its staff page (ADR 0118): added and
removed by their own POST (the revision's form and its unsaved input are not touched),
downloaded by the region's staff. Refusals are messages that name the file."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import editor_required, staff_required
from attachments.downloads import attachment_response
from attachments.models import AttachmentKind
from attachments.selectors import attached_to, staff_attachment
from attachments.services import AttachmentError, attachment_add, attachment_remove
from attachments.targets import owning_revision
from declarations.lifecycle import FrozenRevisionError
from declarations.models import DeclarationRevision
from filing.evidence import ATTACHMENT_LABELS
from projects.models import Project
from staff.anchors import project_url, revision_url
from visions.models import VisionRevision

MAX_ID = 2**31 - 1
ANCHOR = "attachments"


def _revision(region, document: str, number: int):
    if document == "vision":
        return get_object_or_404(VisionRevision, vision__region=region, number=number)
    return get_object_or_404(DeclarationRevision, declaration__region=region, number=number)


def _back(target) -> str:
    if isinstance(target, Project):
        return project_url(target, ANCHOR)
    return revision_url(target, ANCHOR)


def _add(request, target):
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("添付するファイルを選んでください。"))
        return redirect(_back(target))
    kind = request.POST.get("kind", AttachmentKind.REFERENCE)
    try:
        attachment = attachment_add(
            target=target,
            upload=upload,
            actor=request.user,
            title=request.POST.get("title", ""),
            kind=kind if kind in AttachmentKind.values else "",
            is_public=request.POST.get("is_public") == "1",
        )
    except (AttachmentError, FrozenRevisionError) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("「%(name)s」を添付しました。") % {"name": attachment.original_name}
        )
    return redirect(_back(target))


@require_POST
@editor_required
def revision_attachment_add(request, slug, document, number):
    return _add(request, _revision(request.staff_region, document, number))


@require_POST
@editor_required
def project_attachment_add(request, slug, number, pk):
    project = get_object_or_404(
        Project, pk=pk, revision__number=number, revision__vision__region=request.staff_region
    )
    return _add(request, project)


def _attachment(request, pk):
    if not 0 < pk <= MAX_ID:
        raise Http404
    attachment = staff_attachment(request.staff_region, pk)
    if attachment is None or attachment.target is None:
        raise Http404(_("添付ファイルが見つかりません。"))
    return attachment


@require_GET
@staff_required
def attachment_download(request, slug, pk):
    return attachment_response(_attachment(request, pk))


@require_POST
@editor_required
def attachment_remove_view(request, slug, pk):
    attachment = _attachment(request, pk)
    target = attachment.target
    if request.POST.get("remove") != str(attachment.pk):  # the form's own button, not any POST
        messages.error(request, _("削除する添付ファイルを確かめられませんでした。"))
        return redirect(_back(target))
    try:
        attachment_remove(attachment=attachment, actor=request.user)
    except FrozenRevisionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("「%(name)s」を削除しました。") % {"name": attachment.original_name}
        )
    return redirect(_back(target))


def box_context(request, target) -> dict:
    """What staff/includes/attachments.html shows for ``target`` (the template tag)."""
    revision = owning_revision(target)
    region = revision.region
    role = getattr(request, "staff_role", None)
    if isinstance(target, Project):
        add_url = reverse(
            "staff:project_attachment_add", args=[region.slug, revision.number, target.pk]
        )
    else:
        add_url = reverse(
            f"staff:{revision.document}_attachment_add", args=[region.slug, revision.number]
        )
    return {
        "attachments": list(attached_to(target).select_related("uploaded_by")),
        "can_edit": bool(role and role.can_edit) and revision.is_editable,
        "add_url": add_url,
        "region": region,
        "kinds": AttachmentKind.choices,
        "labels": ATTACHMENT_LABELS,
        "max_mb": f"{settings.ATTACHMENT_MAX_BYTES / (1024 * 1024):g}",
        "revision_max_mb": f"{settings.ATTACHMENT_MAX_REVISION_BYTES / (1024 * 1024):g}",
    }
