"""Staff pages of one project of a vision revision (items ア–ク of 第4(2)③)."""

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import editor_required, staff_required
from declarations.lifecycle import FrozenRevisionError
from declarations.services import DraftConflict
from filing.amounts import UNITS
from filing.data import FieldCode, FieldEntry
from projects.models import PROJECT_CHILDREN, Project
from staff.anchors import is_about_project, project_href, project_url, revision_url
from staff.forms.bounds import TamperedForm
from staff.forms.projects import ROW_PREFIXES, ProjectEditor, posted_unit
from staff.views import saving
from staff.views.checklist import checklist
from staff.views.review_box import project_threads
from staff.views.visions import pending_declaration_revision, vision_findings
from support.selectors import project_matches
from visions.models import VisionRevision
from workflow.adapter import vision_revision_loaded
from workflow.drafts import project_delete as delete_project
from workflow.drafts import project_save


def _not_editable(revision) -> str:
    if revision.is_editable:
        return _("廃止の版では、プロジェクトは廃止する内容のまま変更できません。")
    return str(FrozenRevisionError(revision))


def _project(region, number, pk) -> Project:
    return get_object_or_404(
        Project.objects.select_related("revision__vision__region"),
        pk=pk,
        revision__number=number,
        revision__vision__region=region,
    )


BUDGET_UNIT_KEY = "staff_budget_unit"


def budget_unit(request) -> str:
    """The budget unit (円/千円) this user last chose, for every project (ADR 0097)."""
    unit = request.session.get(BUDGET_UNIT_KEY)
    return unit if unit in UNITS else "yen"


def remember_budget_unit(request, editor) -> None:
    request.session[BUDGET_UNIT_KEY] = editor.budget.unit_code


def project_form(request, project, members, declared_fields=()) -> saving.Draft:
    """The project form as ``staff.views.saving`` saves it (bound on the stored project as
    read at each call; the vision draft's ``version`` guards it)."""

    def editor_for(data):
        stored = (
            Project.objects.select_related("revision")
            .prefetch_related(*PROJECT_CHILDREN)
            .filter(pk=project.pk)
            .first()
        ) or project
        if data is not None:
            return ProjectEditor(
                stored, members=members, declared_fields=declared_fields, data=data
            )
        try:  # the stored values in the unit the page shows
            unit = posted_unit(request.POST) if request.method == "POST" else None
        except TamperedForm:
            unit = None
        return ProjectEditor(
            stored,
            members=members,
            declared_fields=declared_fields,
            unit=unit or budget_unit(request),
        )

    def save(editor, version):
        project_save(
            project=editor.project, version=version, draft=editor.draft(), actor=request.user
        )

    return saving.Draft(
        scope=f"project:{project.pk}",
        editor_for=editor_for,
        save=save,
        current_version=lambda: VisionRevision.objects.values_list("version", flat=True).get(
            pk=project.revision_id
        ),
    )


def declared_fields(declaration) -> tuple[FieldEntry, ...]:
    """The 分野 of the declaration the vision is read with (the project's choices)."""
    if declaration is None:
        return ()
    return tuple(FieldEntry(code=FieldCode(f.code), text=f.text) for f in declaration.fields.all())


def _declared(revision) -> tuple[list, tuple[FieldEntry, ...]]:
    """The members and the fields of the declaration the vision is read with."""
    _findings, declaration = vision_findings(revision, vision_revision_loaded(revision.pk))
    members = list(declaration.members.all()) if declaration is not None else []
    return members, declared_fields(declaration)


def _render_project(request, project, *, editor=None, outcome=None):
    region = request.staff_region
    revision = vision_revision_loaded(project.revision_id)
    projects = list(revision.projects.all())
    current = next((p for p in projects if p.pk == project.pk), None)
    if current is None:  # deleted meanwhile
        messages.error(request, _("このプロジェクトは削除されました。"))
        return redirect(revision_url(revision))
    index = projects.index(current)
    findings, declaration = vision_findings(revision, revision)
    members = list(declaration.members.all()) if declaration is not None else []
    fields = declared_fields(declaration)
    can_edit = request.staff_role.can_edit and revision.is_editable and revision.kind != "abolished"
    if can_edit and editor is None:
        editor = ProjectEditor(
            current, members=members, declared_fields=fields, unit=budget_unit(request)
        )
    own = [f for f in findings if is_about_project(f.path, index)]
    member_names = {m.key: m.name or m.key for m in members}
    context = {
        "region": region,
        "role": request.staff_role,
        "revision": revision,
        "project": current,
        "index": index,
        "members": members,
        "member_names": member_names,
        "declaration": declaration,
        "declaration_url": revision_url(declaration) if declaration is not None else "",
        "can_edit": can_edit,
        "editor": editor,
        "conflict": outcome if outcome is not None and outcome.conflicted else None,
        "merge": outcome if outcome is not None and outcome.conflicts else None,
        "checklist": checklist(own, project_href),
        "project_threads": project_threads(revision, projects, current),
        "pending_declaration": pending_declaration_revision(region) if can_edit else None,
        "crumbs": [
            {
                "label": _("連携ビジョン 第%(number)d版") % {"number": revision.number},
                "url": revision_url(revision),
            },
            {"label": _("プロジェクト %(number)d") % {"number": index + 1}},
        ],
        "version": outcome.version
        if outcome is not None
        else (
            request.POST.get("version")
            if editor is not None and editor.is_bound
            else revision.version
        ),
        "budget_sum": editor.budget_sum()
        if editor is not None
        else sum(b.amount for b in current.budget_lines.all()),
        "budget_total": editor.budget_total() if editor is not None else current.budget_total,
        # 「このプロジェクトに関連する国の支援措置」 as saved (ADR 0115): published measures
        "support_matches": project_matches(current, [str(entry.code) for entry in fields]),
    }
    context["base"] = saving.page_base(
        request,
        project_form(request, current, members, fields),
        editor,
        context["version"],
        outcome,
    )
    context["autosave_url"] = reverse(
        "staff:project_autosave",
        kwargs={"slug": region.slug, "number": revision.number, "pk": current.pk},
    )
    return render(request, "staff/project.html", context)


@require_POST
@editor_required
def project_autosave(request, slug, number, pk):
    """The autosave of the project form (JSON, ``staff.views.saving.autosave``)."""
    project = _project(request.staff_region, number, pk)
    revision = project.revision
    if not revision.is_editable or revision.kind == "abolished":
        return saving.refused(409, _not_editable(revision))
    return saving.autosave(request, project_form(request, project, *_declared(revision)))


@staff_required
def project_detail(request, slug, number, pk):
    """One project: the edit form while the vision is a draft (for an editor), read-only otherwise."""
    project = _project(request.staff_region, number, pk)
    if request.method != "POST":
        return _render_project(request, project)
    revision = project.revision
    if not revision.is_editable or revision.kind == "abolished":
        messages.error(request, _not_editable(revision))
        return redirect(project_url(project))
    members, fields = _declared(revision)
    post = request.POST
    if "budget_refresh" in post or "budget_unit_to" in post:  # the budget grid re-laid out
        editor = ProjectEditor(
            project,
            members=members,
            declared_fields=fields,
            data=post,
            switch_to=post.get("budget_unit_to"),
        )
        remember_budget_unit(request, editor)
        return _render_project(request, project, editor=editor)
    if "add" in post:
        prefix = post["add"] if post["add"] in ROW_PREFIXES else None
        editor = ProjectEditor(
            project, members=members, declared_fields=fields, data=post, add=prefix
        )
        saving.row_not_added(request, asked=prefix is not None, added=editor.focus)
        return _render_project(request, project, editor=editor)
    try:
        outcome = saving.save_draft(request, project_form(request, project, members, fields))
    except FrozenRevisionError as error:
        messages.error(request, str(error))
        return redirect(project_url(project))
    except IntegrityError:
        saving.not_saved_integrity(request)
        editor = ProjectEditor(project, members=members, declared_fields=fields, data=post)
        return _render_project(request, project, editor=editor)
    editor = outcome.editor
    if not outcome.saved:
        saving.told(request, outcome, subject=_("このプロジェクト"))
        return _render_project(request, project, editor=editor, outcome=outcome)
    remember_budget_unit(request, editor)
    messages.success(request, _("プロジェクトを保存しました。チェックリストを更新しました。"))
    saving.told(request, outcome)
    return redirect(project_url(project))


@require_POST
@editor_required
def project_delete(request, slug, number, pk):
    project = _project(request.staff_region, number, pk)
    revision = project.revision
    if not revision.is_editable or revision.kind == "abolished":
        messages.error(request, _not_editable(revision))
        return redirect(revision_url(revision))
    if not request.POST.get("confirm"):
        messages.error(request, _("削除してよいことを確認するチェックを付けてください。"))
        return redirect(project_url(project, "delete"))
    try:
        delete_project(project=project, version=request.POST.get("version"), actor=request.user)
    except DraftConflict:
        messages.error(
            request,
            _(
                "この連携ビジョンは、あなたが開いた後に別の人が保存しました。内容を確かめてから、もう一度削除してください。"
            ),
        )
        return redirect(project_url(project))
    except FrozenRevisionError as error:
        messages.error(request, str(error))
        return redirect(revision_url(revision))
    messages.success(request, _("プロジェクトを削除しました。"))
    return redirect(revision_url(revision, "projects"))
