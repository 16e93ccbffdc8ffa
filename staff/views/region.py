"""Staff pages of a region as a whole: the overview of its declaration and vision, and the
bundle import and export of the whole filing (as ``import_region`` / ``export_region``)."""

import re

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import editor_required, staff_required
from declarations.models import DeclarationRevision
from declarations.services import RevisionNotStarted
from filing.bundle import MAX_BUNDLE_BYTES, BundleError, dumps_bundle, parse_bundle_listing
from staff.anchors import revision_url
from staff.forms.visions import BundleUploadForm
from visions.models import VisionRevision
from workflow.adapter import (
    ImportRefused,
    filing_from_revisions,
    filing_import,
    revisions_for_export,
)
from workflow.revisions import may_start


@require_GET
@staff_required
def region_overview(request, slug):
    """Every revision of the region's declaration and vision, and what can be done next."""
    region = request.staff_region
    declarations = list(
        DeclarationRevision.objects.filter(declaration__region=region).order_by("-number")
    )
    visions = list(VisionRevision.objects.filter(vision__region=region).order_by("-number"))
    latest_declaration = declarations[0] if declarations else None
    latest_vision = visions[0] if visions else None
    return render(
        request,
        "staff/region.html",
        {
            "region": request.staff_region,
            "role": request.staff_role,
            "declarations": declarations,
            "visions": visions,
            "latest_declaration": latest_declaration,
            "latest_vision": latest_vision,
            # 変更・廃止 may start only where the one check says so (workflow.revisions).
            "may_succeed": {
                document: latest is not None and _may_start(request.staff_region, document)
                for document, latest in (
                    ("declaration", latest_declaration),
                    ("vision", latest_vision),
                )
            },
            "upload_form": BundleUploadForm(),
            "max_bundle_mb": MAX_BUNDLE_BYTES // (1024 * 1024),
        },
    )


def _may_start(region, document: str) -> bool:
    try:
        may_start(region, document)
    except RevisionNotStarted:
        return False
    return True


@require_POST
@editor_required
def bundle_import(request, slug):
    """Import a region bundle as new draft revisions, with the messages of ``import_region``."""
    region = request.staff_region
    form = BundleUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("取り込むバンドルのファイルを選んでください。"))
        return redirect("staff:region", slug=slug)
    upload = form.cleaned_data["bundle"]
    try:
        content = upload.read(MAX_BUNDLE_BYTES + 1)
        filing, listing = parse_bundle_listing(content)
    except BundleError as error:
        messages.error(request, _("取り込めません: %(error)s") % {"error": error})
        return redirect("staff:region", slug=slug)
    try:
        result = filing_import(filing, region=region, actor=request.user, source=upload.name)
    except (ImportRefused, IntegrityError) as error:
        message = str(error) if isinstance(error, ImportRefused) else _("取り込めませんでした。")
        messages.error(request, message)
        return redirect("staff:region", slug=slug)
    facts = {"slug": result.region.slug, "number": result.declaration_revision.number}
    if result.vision_revision:
        message = _(
            "リージョン %(slug)s に連携宣言書 第%(number)s版、連携ビジョン 第%(vision)s版"
            "を作成中の版として保存しました。"
        ) % {**facts, "vision": result.vision_revision.number}
    else:
        message = (
            _("リージョン %(slug)s に連携宣言書 第%(number)s版を作成中の版として保存しました。")
            % facts
        )
    messages.success(request, message)
    if listing:
        # The files do not come with an upload (ADR 0120): the editor attaches them again.
        messages.warning(
            request,
            _(
                "バンドルが挙げる添付ファイル %(count)s 件は取り込んでいません。"
                "必要なものは各版の「添付ファイル」から添付してください。"
            )
            % {"count": len(listing)},
        )
    return redirect(revision_url(result.declaration_revision))


@require_GET
@staff_required
def bundle_export(request, slug):
    """The region's latest revisions (or declaration revision ``?revision=N``) as a bundle."""
    region = request.staff_region
    number = request.GET.get("revision", "")
    if number and not re.fullmatch(r"[1-9]\d{0,8}", number):
        messages.error(
            request,
            _("リージョン %(slug)s に第%(number)s版はありません。")
            % {"slug": region.slug, "number": number[:20]},
        )
        return redirect("staff:region", slug=slug)
    try:
        declaration_revision, vision_revision = revisions_for_export(
            region, int(number) if number else None
        )
    except DeclarationRevision.DoesNotExist:
        if number:
            messages.error(
                request,
                _("リージョン %(slug)s に第%(number)s版はありません。")
                % {"slug": region.slug, "number": number},
            )
        else:
            messages.error(request, _("書き出す連携宣言書がまだありません。"))
        return redirect("staff:region", slug=slug)
    text = dumps_bundle(filing_from_revisions(declaration_revision, vision_revision))
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    filename = f"{region.slug}-declaration-{declaration_revision.number}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
