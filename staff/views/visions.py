"""Staff pages of a region's overview and of its vision (連携ビジョン), and the bundle
import and export of the whole filing."""

import re

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import editor_required, staff_required
from declarations.lifecycle import FrozenRevisionError, Status
from declarations.models import DeclarationRevision
from declarations.services import DraftConflict, RevisionNotStarted
from filing.bundle import MAX_BUNDLE_BYTES, BundleError, dumps_bundle, parse_bundle
from filing.engine import check_filing
from projects.services import (
    ProjectLimitReached,
    project_add,
    vision_start_abolition,
    vision_start_change,
)
from staff.forms.visions import BundleUploadForm, VisionForm, vision_initial
from staff.views.declarations import (
    abolition_page,
    checklist,
    declaration_url,
    not_started,
    reopen_revision,
    start_revision,
    submit_revision,
)
from visions.models import VisionRevision
from visions.selectors import paired_declaration
from visions.services import vision_create, vision_draft_save
from workflow.adapter import (
    ImportRefused,
    declaration_revision_loaded,
    filing_from_revisions,
    filing_import,
    revisions_for_export,
    rule_context,
    vision_revision_loaded,
)

PENDING = (Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED)


# ---------------------------------------------------------------- the region overview


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
            "region_title": latest_declaration.region_name if latest_declaration else "",
            "role": request.staff_role,
            "declarations": declarations,
            "visions": visions,
            "latest_declaration": latest_declaration,
            "latest_vision": latest_vision,
            "upload_form": BundleUploadForm(),
            "max_bundle_mb": MAX_BUNDLE_BYTES // (1024 * 1024),
        },
    )


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
        filing = parse_bundle(content)
    except BundleError as error:
        messages.error(request, f"取り込めません: {error}")
        return redirect("staff:region", slug=slug)
    for model, field in ((DeclarationRevision, "declaration"), (VisionRevision, "vision")):
        latest = model.objects.filter(**{f"{field}__region": region}).order_by("-number").first()
        if latest is not None and latest.status in PENDING:
            messages.error(
                request,
                _("%(revision)s は「%(status)s」のため、いまは取り込めません。")
                % {"revision": latest, "status": latest.get_status_display()},
            )
            return redirect("staff:region", slug=slug)
    try:
        result = filing_import(filing, region=region)
    except (ImportRefused, IntegrityError) as error:
        message = str(error) if isinstance(error, ImportRefused) else _("取り込めませんでした。")
        messages.error(request, message)
        return redirect("staff:region", slug=slug)
    vision = f"、連携ビジョン 第{result.vision_revision.number}版" if result.vision_revision else ""
    messages.success(
        request,
        f"リージョン {result.region.slug} に連携宣言書 第{result.declaration_revision.number}版{vision}"
        "を作成中の版として保存しました。",
    )
    return redirect(declaration_url(result.declaration_revision))


@require_GET
@staff_required
def bundle_export(request, slug):
    """The region's latest revisions (or declaration revision ``?revision=N``) as a bundle."""
    region = request.staff_region
    number = request.GET.get("revision", "")
    if number and not re.fullmatch(r"[1-9]\d{0,8}", number):
        messages.error(request, f"リージョン {region.slug} に第{number[:20]}版はありません。")
        return redirect("staff:region", slug=slug)
    try:
        declaration_revision, vision_revision = revisions_for_export(
            region, int(number) if number else None
        )
    except DeclarationRevision.DoesNotExist:
        if number:
            messages.error(request, f"リージョン {region.slug} に第{number}版はありません。")
        else:
            messages.error(request, _("書き出す連携宣言書がまだありません。"))
        return redirect("staff:region", slug=slug)
    text = dumps_bundle(filing_from_revisions(declaration_revision, vision_revision))
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    filename = f"{region.slug}-declaration-{declaration_revision.number}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---------------------------------------------------------------- the vision pages


def _revision(region, number) -> VisionRevision:
    return get_object_or_404(
        VisionRevision.objects.select_related("vision__region"),
        vision__region=region,
        number=number,
    )


def vision_url(revision, anchor: str = "") -> str:
    url = reverse(
        "staff:vision", kwargs={"slug": revision.vision.region.slug, "number": revision.number}
    )
    return f"{url}#{anchor}" if anchor else url


_PROJECT_PATH = re.compile(r"\Avision\.projects\[(\d+)\](?:\.(\w+))?")
_MEMBER_PATH = re.compile(r"\Amembers\[(\d+)\]")
VISION_ANCHORS = {
    "vision.aspiration": "aspiration",
    "vision.aspiration_plan_reference": "aspiration",
    "vision.roadmap": "roadmap",
    "vision.roadmap_plan_reference": "roadmap",
    "vision.verified_on": "verification",
    "vision.revision.consulted_on": "revision-info",
    "vision.revision": "revision-info",
    "vision.projects": "projects",
}


def pending_declaration_revision(region):
    """The latest declaration revision when it is not the published one (a change under way)."""
    latest = (
        DeclarationRevision.objects.filter(declaration__region=region).order_by("-number").first()
    )
    return latest if latest is not None and latest.status != Status.PUBLISHED else None


def vision_findings(revision: VisionRevision, loaded: VisionRevision):
    """The findings a vision page shows: those about the vision, and every
    ``change.declaration_sync`` (also the ones that point at the declaration's fields).
    Returns (findings, the declaration revision read with it)."""
    declaration_revision = paired_declaration(revision)
    if declaration_revision is None:
        return [], None
    declaration = declaration_revision_loaded(declaration_revision.pk)
    findings = check_filing(
        filing_from_revisions(declaration, loaded), rule_context(revision.region)
    )
    shown = [f for f in findings if f.document == "vision"]
    return shown, declaration


def vision_href(path, *, projects, declaration, members) -> str:
    from staff.views.projects import PROJECT_ANCHORS, project_url

    match = _PROJECT_PATH.match(path)
    if match:
        index, item = int(match.group(1)), match.group(2) or ""
        if index < len(projects):
            anchor = PROJECT_ANCHORS.get(item.split("[")[0], "")
            return project_url(projects[index], anchor)
        return "#projects"
    match = _MEMBER_PATH.match(path)
    if match and declaration is not None:
        index = int(match.group(1))
        key = members[index].key if index < len(members) else ""
        return declaration_url(declaration, f"member-{key}" if key else "members")
    if path.startswith("declaration.fields") and declaration is not None:
        return declaration_url(declaration, "fields")
    for known in (path, path.split("[")[0]):
        if known in VISION_ANCHORS:
            return "#" + VISION_ANCHORS[known]
    return ""


def _render_vision(request, revision, *, form=None, conflict=None, status=200):
    region = request.staff_region
    loaded = vision_revision_loaded(revision.pk)
    projects = list(loaded.projects.all())
    can_edit = request.staff_role.can_edit and loaded.is_editable
    if can_edit and form is None:
        form = VisionForm(kind=loaded.kind, initial=vision_initial(loaded))
    findings, declaration = vision_findings(loaded, loaded)
    members = list(declaration.members.all()) if declaration is not None else []
    items = checklist(
        findings,
        lambda path: vision_href(path, projects=projects, declaration=declaration, members=members),
    )
    sync = [f for f in findings if f.code == "change.declaration_sync"]
    pending_declaration = pending_declaration_revision(region)
    member_names = {m.key: m.name or m.key for m in members}
    project_rows = [
        {
            "project": project,
            "implementers": [
                member_names.get(i.member_key, i.member_key) if i.member_key else i.name
                for i in project.implementers.all()
            ],
            "findings": sum(1 for f in findings if f.path.startswith(f"vision.projects[{index}]")),
        }
        for index, project in enumerate(projects)
    ]
    context = {
        "region": region,
        "role": request.staff_role,
        "revision": loaded,
        "projects": project_rows,
        "can_edit": can_edit,
        "form": form,
        "conflict": conflict,
        "checklist": items,
        "declaration": declaration,
        "sync_findings": sync,
        "pending_declaration": pending_declaration,
        "region_title": declaration.region_name if declaration is not None else "",
        "crumbs": [{"label": _("連携ビジョン 第%(number)d版") % {"number": loaded.number}}],
        "version": conflict.version
        if conflict
        else (
            request.POST.get("version") if form is not None and form.is_bound else loaded.version
        ),
    }
    return render(request, "staff/vision.html", context, status=status)


@staff_required
def vision_detail(request, slug, number):
    """The vision revision: the edit form while it is a draft (for an editor), read-only
    otherwise; its projects; the 要綱 checklist beside it."""
    revision = _revision(request.staff_region, number)
    if request.method != "POST":
        return _render_vision(request, revision)
    if not revision.is_editable:
        messages.error(request, str(FrozenRevisionError(revision)))
        return redirect(vision_url(revision))
    form = VisionForm(request.POST, kind=revision.kind, initial=vision_initial(revision))
    if not form.is_valid():
        messages.error(
            request,
            _(
                "入力に誤りがあるため保存していません。エラーの欄を直してから、もう一度保存してください。"
            ),
        )
        return _render_vision(request, revision, form=form)
    try:
        vision_draft_save(
            revision=revision,
            version=request.POST.get("version"),
            draft=form.draft(),
            actor=request.user,
        )
        project = None
        if "add_project" in request.POST and revision.kind != "abolished":
            project = project_add(revision=revision, version=revision.version, actor=request.user)
    except DraftConflict:
        stored = vision_revision_loaded(revision.pk)
        messages.error(
            request,
            _(
                "この下書きは、あなたが開いた後に別の人が保存しました。あなたの入力はまだ保存していません。"
                "右に示す保存済みの内容と見比べ、必要なら直してから、もう一度保存してください（もう一度保存すると、あなたの入力で上書きします）。"
            ),
        )
        return _render_vision(request, revision, form=form, conflict=stored)
    except FrozenRevisionError as error:
        messages.error(request, str(error))
        return redirect(vision_url(revision))
    except ProjectLimitReached as error:
        messages.error(request, str(error))
        return redirect(vision_url(revision, "projects"))
    if project is not None:
        from staff.views.projects import project_url

        messages.success(
            request, _("保存して、プロジェクトを追加しました。内容を入力してください。")
        )
        return redirect(project_url(project))
    messages.success(request, _("下書きを保存しました。チェックリストを更新しました。"))
    return redirect(vision_url(revision))


@require_POST
@editor_required
def vision_new(request, slug):
    try:
        revision = vision_create(region=request.staff_region, actor=request.user)
    except RevisionNotStarted as error:
        not_started(request, error)
        return redirect("staff:region", slug=slug)
    except IntegrityError:
        messages.error(request, _("連携ビジョンはすでに作成されています。"))
        return redirect("staff:region", slug=slug)
    messages.success(request, _("連携ビジョン 第1版の作成を始めました。"))
    return redirect(vision_url(revision))


@require_POST
@editor_required
def vision_submit(request, slug, number):
    revision = _revision(request.staff_region, number)
    submit_revision(request, revision, document_label=_("連携ビジョン"))
    return redirect(vision_url(revision, "submit"))


@require_POST
@editor_required
def vision_reopen(request, slug, number):
    revision = _revision(request.staff_region, number)
    reopen_revision(request, revision)
    return redirect(vision_url(revision))


@require_POST
@editor_required
def vision_change(request, slug):
    """連携ビジョンの変更: a new draft pre-filled from the latest published revision."""
    return start_revision(
        request,
        slug,
        lambda: vision_start_change(region=request.staff_region, actor=request.user),
        success=_("公表中の版をもとに、連携ビジョン 第%(number)d版（変更）を作成しました。"),
        url_for=vision_url,
    )


@editor_required
def vision_abolish(request, slug):
    """連携ビジョンの廃止."""
    return abolition_page(
        request,
        slug,
        start_abolition=vision_start_abolition,
        document=_("連携ビジョン"),
        revision_title=_("連携ビジョン"),
        clause="第4(3)",
        url_name="staff:vision_abolish",
        url_for=vision_url,
    )
