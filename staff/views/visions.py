"""Staff pages of a region's vision (連携ビジョン): the edit form of a draft, or the
revision read-only, with its projects and the 要綱 checklist. Starting, submitting,
reopening, changing and abolishing are ``staff.views.verbs``."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import editor_required, staff_required
from declarations.lifecycle import FrozenRevisionError, Status
from declarations.models import DeclarationRevision
from declarations.services import DraftConflict
from projects.services import ProjectLimitReached, project_add
from staff.anchors import is_about_project, project_url, revision_url, vision_href
from staff.forms.visions import VisionForm, vision_initial
from staff.views import saving
from staff.views.checklist import checklist
from staff.views.receipts import submissions_context
from staff.views.review_box import vision_review_context
from staff.views.verbs import document_revision, submit_saved
from visions.models import VisionRevision
from visions.selectors import paired_declaration
from visions.services import vision_draft_save
from workflow.adapter import (
    declaration_revision_loaded,
    vision_revision_loaded,
)
from workflow.verbs import revision_findings


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
    return revision_findings(revision, declaration=declaration, vision=loaded), declaration


def vision_form(request, revision) -> saving.Draft:
    """The vision form as ``staff.views.saving`` saves it (bound on the stored draft as read
    at each call)."""

    def editor_for(data):
        stored = VisionRevision.objects.get(pk=revision.pk)
        return VisionForm(data, kind=stored.kind, initial=vision_initial(stored))

    def save(form, version):
        vision_draft_save(
            revision=revision, version=version, draft=form.draft(), actor=request.user
        )

    return saving.Draft(
        scope=f"vision:{revision.pk}",
        editor_for=editor_for,
        save=save,
        current_version=lambda: VisionRevision.objects.values_list("version", flat=True).get(
            pk=revision.pk
        ),
    )


def _render_vision(request, revision, *, form=None, outcome=None, status=200):
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
            "findings": sum(1 for f in findings if is_about_project(f.path, index)),
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
        "conflict": outcome if outcome is not None and outcome.conflicted else None,
        "merge": outcome if outcome is not None and outcome.conflicts else None,
        "checklist": items,
        "declaration": declaration,
        "sync_findings": sync,
        "pending_declaration": pending_declaration,
        "crumbs": [{"label": _("連携ビジョン 第%(number)d版") % {"number": loaded.number}}],
        "version": outcome.version
        if outcome is not None
        else (
            request.POST.get("version") if form is not None and form.is_bound else loaded.version
        ),
        **submissions_context(loaded),
        **vision_review_context(loaded, projects),
    }
    context["base"] = saving.page_base(
        request, vision_form(request, loaded), form, context["version"], outcome
    )
    context["autosave_url"] = reverse(
        "staff:vision_autosave", kwargs={"slug": region.slug, "number": loaded.number}
    )
    return render(request, "staff/vision.html", context, status=status)


@require_POST
@editor_required
def vision_autosave(request, slug, number):
    """The autosave of the vision form (JSON, ``staff.views.saving.autosave``)."""
    revision = document_revision(request.staff_region, "vision", number)
    return saving.autosave(request, vision_form(request, revision))


@staff_required
def vision_detail(request, slug, number):
    """The vision revision: the edit form while it is a draft (for an editor), read-only
    otherwise; its projects; the 要綱 checklist beside it."""
    revision = document_revision(request.staff_region, "vision", number)
    if request.method != "POST":
        return _render_vision(request, revision)
    if not revision.is_editable:
        messages.error(request, str(FrozenRevisionError(revision)))
        return redirect(revision_url(revision))
    draft = vision_form(request, revision)
    try:
        outcome = saving.save_draft(request, draft)
        if not outcome.saved:
            saving.told(request, outcome)
            saving.not_submitted(request, asked="submit_draft" in request.POST)
            return _render_vision(request, revision, form=outcome.editor, outcome=outcome)
        saving.told(request, outcome)
        project = None
        if "add_project" in request.POST and revision.kind != "abolished":
            project = project_add(
                revision=revision, version=draft.current_version(), actor=request.user
            )
    except DraftConflict:  # a save between this one and the project's: nothing added
        messages.error(
            request,
            _(
                "下書きは保存しましたが、その直後に別の人が保存したため、プロジェクトは追加していません。"
                "内容を確かめてから、もう一度追加してください。"
            ),
        )
        return redirect(revision_url(revision, "projects"))
    except FrozenRevisionError as error:
        messages.error(request, str(error))
        return redirect(revision_url(revision))
    except ProjectLimitReached as error:
        messages.error(request, str(error))
        return redirect(revision_url(revision, "projects"))
    if project is not None:
        messages.success(
            request, _("保存して、プロジェクトを追加しました。内容を入力してください。")
        )
        return redirect(project_url(project))
    saving.draft_saved(request)
    if "submit_draft" in request.POST:  # 送付 saves what was typed first (ADR 0095)
        return redirect(
            submit_saved(request, document_revision(request.staff_region, "vision", number))
        )
    return redirect(revision_url(revision))
