"""A reviewer's pins and hides of the support measures matched to a project (ADR 0115), in
the admin: the history of decisions as a read-only list, and a page per project with every
published measure, what the rule says of it and a form to pin, hide or clear it with a note.

A thin client of ``support.match_services`` (each move a POST behind its permission) and
``support.selectors.project_match_review``; a refusal comes back with what was typed.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from projects.models import Project
from support.match_services import NOTE_MAX_LENGTH, MatchRefused, match_clear, match_hide, match_pin
from support.models import SupportMatchDecision, SupportMatchEvent, SupportMeasure
from support.selectors import project_declared_codes, project_match_review

VIEW_PERMISSION = "support.view_supportmatchdecision"
DECIDE_PERMISSION = "support.change_supportmatchdecision"
VERBS = {"pin": match_pin, "hide": match_hide, "clear": match_clear}


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("扱い"),
        choices=[
            ("pin", gettext_lazy("固定（先頭に表示）")),
            ("hide", gettext_lazy("非表示")),
            ("clear", gettext_lazy("解除（規則のとおり）")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("メモ"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("固定のメモは公開のページにも載ります。"),
    )


@admin.register(SupportMatchEvent)
class SupportMatchEventAdmin(admin.ModelAdmin):
    view_on_site = False
    actions = None
    list_display = ["at", "region", "project_name", "measure_name", "verb", "actor"]
    list_filter = ["verb", "region"]
    list_select_related = ["region", "actor"]
    search_fields = ["project_name", "measure_name", "note"]
    fields = ["at", "region", "project_name", "measure_name", "verb", "note", "actor"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SupportMatchDecision)
class SupportMatchDecisionAdmin(admin.ModelAdmin):
    view_on_site = False
    actions = None
    list_display = ["project_name", "region", "measure", "action", "note", "decided_by"]
    list_filter = ["action", "region"]
    list_select_related = ["region", "measure", "decided_by"]
    search_fields = ["project_name", "note", "measure__name"]
    fields = ["region", "project_name", "measure", "action", "note", "decided_by", "decided_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "project/<int:project_pk>/",
                wrap(self.project_view),
                name="support_supportmatchdecision_project",
            ),
            path(
                "project/<int:project_pk>/measure/<int:measure_pk>/",
                wrap(require_POST(self.decide_view)),
                name="support_supportmatchdecision_decide",
            ),
            *super().get_urls(),
        ]

    def _project(self, pk) -> Project:
        return get_object_or_404(Project.objects.select_related("revision__vision__region"), pk=pk)

    def project_view(self, request, project_pk, given=None, status=200):
        """Every published measure for one project: the rule's reasons and the decision."""
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        project = self._project(project_pk)
        rows = project_match_review(project, project_declared_codes(project))
        may_decide = request.user.has_perm(DECIDE_PERMISSION)
        for row in rows:
            row.form = (given or {}).get(row.measure.pk) or DecisionForm(
                prefix=f"m{row.measure.pk}",
                initial={
                    "action": row.decision.action if row.decision else "",
                    "note": row.decision.note if row.decision else "",
                },
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("国の支援措置の固定・非表示: %(name)s") % {"name": project.name},
            "project": project,
            "region": project.revision.vision.region,
            "rows": rows,
            "may_decide": may_decide,
        }
        return TemplateResponse(
            request, "admin/support/supportmatchdecision/project.html", context, status=status
        )

    def decide_view(self, request, project_pk, measure_pk):
        """固定・非表示・解除 of one measure under the project."""
        if not request.user.has_perm(DECIDE_PERMISSION):
            raise PermissionDenied
        project = self._project(project_pk)
        measure = get_object_or_404(SupportMeasure, pk=measure_pk)
        form = DecisionForm(request.POST, prefix=f"m{measure.pk}")
        if form.is_valid():
            action = form.cleaned_data["action"]
            try:
                VERBS[action](
                    region=project.revision.vision.region,
                    project_name=project.name,
                    measure=measure,
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
            except MatchRefused as refused:
                form.add_error(None, str(refused))
            else:
                done = {
                    "pin": _("「%(measure)s」をこのプロジェクトの先頭に固定しました。"),
                    "hide": _("「%(measure)s」をこのプロジェクトで非表示にしました。"),
                    "clear": _("「%(measure)s」の固定・非表示を解除しました。"),
                }[action]
                messages.success(request, done % {"measure": measure.name})
                url = reverse("admin:support_supportmatchdecision_project", args=[project.pk])
                return redirect(f"{url}#measure-{measure.pk}")
        request.method = "GET"
        return self.project_view(request, project_pk, given={measure.pk: form}, status=400)
