"""The reports about a published vision in the admin: the 検証 records (ADR 0105) and the
yearly results (実績, ADR 0108). Reviewers read a report and return it (with a required
comment) or accept it, which publishes it at once: a thin client of ``reports.services`` and
``reports.result_services``; nothing else is changed here. The reminders sent are listed."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from declarations.services import TransitionNotAllowed
from filing.formatting import nendo
from filing.targets import format_value
from reports.models import (
    Assessment,
    ResultReminder,
    TargetResult,
    Verification,
    VerificationReminder,
)
from reports.result_services import result_accept, result_return
from reports.selectors import current_published_vision, result_targets
from reports.services import CommentRequired, verification_accept, verification_return
from reviews.selectors import status_changes_of


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AssessmentInline(admin.TabularInline):
    model = Assessment
    fields = ["project", "rating", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DecisionAdmin(ReadOnlyAdmin):
    """A report reviewers decide on: 「差し戻す」 (``return_verb``, a comment required) or
    「受理して公表」 (``accept_verb``), each behind its permission, posted to the
    ``<pk>/decide/`` view. The data stay read-only; the change page shows the audit rows."""

    return_permission = accept_permission = ""
    returned_message = gettext_lazy("%(label)s を差し戻しました。")
    accepted_message = gettext_lazy("%(label)s を受理し、公表しました。")

    def return_verb(self, obj, *, actor, comment):
        raise NotImplementedError

    def accept_verb(self, obj, *, actor, comment):
        raise NotImplementedError

    def _url_name(self, verb: str) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{verb}"

    def get_urls(self):
        decide = self.admin_site.admin_view(require_POST(self.decide_view))
        return [
            path("<int:pk>/decide/", decide, name=self._url_name("decide")),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        user = request.user
        may_return = user.has_perm(self.return_permission)
        may_accept = user.has_perm(self.accept_permission)
        extra_context = {
            **(extra_context or {}),
            "may_decide": obj is not None
            and obj.status == Status.SUBMITTED
            and (may_return or may_accept),
            "may_return": may_return,
            "may_accept": may_accept,
            "decide_url": reverse(f"admin:{self._url_name('decide')}", args=[obj.pk])
            if obj is not None
            else "",
            "history": list(status_changes_of(obj)) if obj is not None else [],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, pk):
        """差し戻す (``return`` with the comment) or 受理して公表 (``accept``)."""
        obj = get_object_or_404(self.model.objects.select_related("vision__region"), pk=pk)
        back = reverse(f"admin:{self._url_name('change')}", args=[pk])
        decision = request.POST.get("decision")
        permission = {"return": self.return_permission, "accept": self.accept_permission}.get(
            decision
        )
        if permission is None or not request.user.has_perm(permission):
            raise PermissionDenied
        comment = request.POST.get("comment", "")
        try:
            if decision == "return":
                self.return_verb(obj, actor=request.user, comment=comment)
                messages.success(request, self.returned_message % {"label": obj})
            else:
                self.accept_verb(obj, actor=request.user, comment=comment)
                messages.success(request, self.accepted_message % {"label": obj})
        except (CommentRequired, TransitionNotAllowed) as error:
            messages.error(request, str(error))
        return redirect(back)


@admin.register(Verification)
class VerificationAdmin(DecisionAdmin):
    change_form_template = "admin/reports/verification/change_form.html"
    view_on_site = False
    list_display = [
        "__str__", "status", "period_start", "period_end", "verified_on", "conclusion",
        "submitted_at", "published_at",
    ]  # fmt: skip
    list_filter = ["status", "conclusion"]
    list_select_related = ["vision__region", "vision_revision__declaration_revision"]
    search_fields = ["vision__region__slug", "summary"]
    fields = [
        "vision_revision", "number", "status", "period_start", "period_end", "verified_on",
        "conclusion", "consulted_on", "summary", "change_revision", "submitted_at",
        "accepted_at", "published_at",
    ]  # fmt: skip
    readonly_fields = fields
    inlines = [AssessmentInline]
    return_permission = "reports.return_verification"
    accept_permission = "reports.accept_verification"

    def return_verb(self, obj, *, actor, comment):
        verification_return(verification=obj, actor=actor, comment=comment)

    def accept_verb(self, obj, *, actor, comment):
        verification_accept(verification=obj, actor=actor, comment=comment)


@admin.register(VerificationReminder)
class VerificationReminderAdmin(ReadOnlyAdmin):
    list_display = ["sent_at", "vision", "due_on", "kind", "recipient_list", "mail"]
    list_filter = ["kind"]
    list_select_related = ["vision__region", "mail"]
    fields = ["vision", "due_on", "kind", "sent_at", "recipient_list", "mail"]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("宛先"))
    def recipient_list(self, reminder):
        return ", ".join(reminder.recipients) or _("（メールアドレスのある編集者がいません）")


# ---------------------------------------------------------------- yearly results (ADR 0108)


def region_names():
    """The name each region's latest published declaration gives it (a subquery)."""
    return Subquery(
        DeclarationRevision.objects.filter(
            declaration__region=OuterRef("vision__region"), status=Status.PUBLISHED
        )
        .order_by("-number")
        .values("region_name")[:1]
    )


def with_unit(value, unit: str) -> str:
    return f"{format_value(value)}{unit}" if value is not None else _("（未記入）")


@admin.register(TargetResult)
class TargetResultAdmin(DecisionAdmin):
    """実績: reviewers list the submitted results (filter by status, region, 年度), read one
    beside its target's value for that 年度 with its evidence and audit rows, and return or
    accept it (``reports.result_services``); accepting publishes the figure at once."""

    change_form_template = "admin/reports/targetresult/change_form.html"
    view_on_site = False
    list_display = [
        "region_display", "project_name", "target_display", "year_display", "figure",
        "status", "submitted_at",
    ]  # fmt: skip
    list_display_links = ["target_display"]
    list_filter = ["status", "vision__region", "fiscal_year"]
    list_select_related = ["vision__region"]
    search_fields = ["vision__region__slug", "project_name", "target_name"]
    ordering = ["-submitted_at", "pk"]
    fields = [
        "region_display", "project_name", "target_display", "year_display", "figure",
        "year_target", "comment", "evidence", "number", "supersedes", "status",
        "submitted_at", "accepted_at", "published_at",
    ]  # fmt: skip
    readonly_fields = fields
    return_permission = "reports.return_targetresult"
    accept_permission = "reports.accept_targetresult"
    returned_message = gettext_lazy(
        "%(label)s を差し戻しました。リージョンの編集者に知らせました。"
    )
    accepted_message = gettext_lazy("%(label)s を受理し、公表しました。")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(region_name=region_names())

    def get_urls(self):
        evidence = self.admin_site.admin_view(require_safe(self.evidence_view))
        return [
            path("<int:pk>/evidence/", evidence, name=self._url_name("evidence")),
            *super().get_urls(),
        ]

    def return_verb(self, obj, *, actor, comment):
        result_return(result=obj, actor=actor, comment=comment)

    def accept_verb(self, obj, *, actor, comment):
        result_accept(result=obj, actor=actor, comment=comment)

    @admin.display(description=gettext_lazy("リージョン"), ordering="vision__region__slug")
    def region_display(self, result):
        return getattr(result, "region_name", "") or result.vision.region.slug

    @admin.display(description=gettext_lazy("指標"), ordering="target_name")
    def target_display(self, result):
        return f"{result.target_name}（{result.unit}）" if result.unit else result.target_name

    @admin.display(description=gettext_lazy("年度"), ordering="fiscal_year")
    def year_display(self, result):
        return nendo(result.fiscal_year)

    @admin.display(description=gettext_lazy("実績値"))
    def figure(self, result):
        return with_unit(result.value, result.unit)

    @admin.display(description=gettext_lazy("この年度の目標"))
    def year_target(self, result):
        """The published vision's target of the same key: its value for the 年度, the final
        target and the baseline, to read the result against."""
        entry = result_targets(current_published_vision(result.region)).get(result.target_key)
        if entry is None:
            return _("（公表中の連携ビジョンに、この目標はありません）")
        target = entry.target
        values = {year: value for year, value in target.value_list()}
        parts = [
            _("%(nendo)sの目標 %(value)s")
            % {
                "nendo": nendo(result.fiscal_year),
                "value": with_unit(values[result.fiscal_year], target.unit)
                if result.fiscal_year in values
                else _("（この年度の目標値はありません）"),
            }
        ]
        if target.final_year is not None:
            parts.append(
                _("最終目標 %(nendo)s %(value)s")
                % {
                    "nendo": nendo(target.final_year),
                    "value": with_unit(target.final_value, target.unit),
                }
            )
        if target.baseline_value is not None:
            parts.append(
                _("基準値 %(value)s") % {"value": with_unit(target.baseline_value, target.unit)}
            )
        parts.append(str(target.get_better_display()))
        return "、".join(parts)

    @admin.display(description=gettext_lazy("根拠"))
    def evidence(self, result):
        links = []
        if result.evidence_url:
            links.append(
                format_html(
                    '<a href="{}" rel="noopener noreferrer">{}</a>',
                    result.evidence_url,
                    result.evidence_url,
                )
            )
        if result.evidence_file:
            links.append(
                format_html(
                    '<a href="{}">{}</a>',
                    reverse(f"admin:{self._url_name('evidence')}", args=[result.pk]),
                    _("根拠のファイルをダウンロード（%(name)s）")
                    % {"name": result.evidence_file.name.rsplit("/", 1)[-1]},
                )
            )
        return format_html("<br>".join(["{}"] * len(links)), *links) if links else _("（なし）")

    def evidence_view(self, request, pk):
        """The evidence file, to those who may view the result: as an attachment, never
        rendered by the browser (it was uploaded by a region)."""
        result = get_object_or_404(TargetResult, pk=pk)
        if not self.has_view_permission(request, result):
            raise PermissionDenied
        if not result.evidence_file:
            raise Http404
        try:
            handle = result.evidence_file.open("rb")
        except OSError:
            raise Http404 from None
        name = result.evidence_file.name.rsplit("/", 1)[-1]
        response = FileResponse(handle, as_attachment=True, filename=name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


@admin.register(ResultReminder)
class ResultReminderAdmin(ReadOnlyAdmin):
    list_display = ["sent_at", "vision", "year_display", "missing_list", "recipient_list", "mail"]
    list_filter = ["fiscal_year"]
    list_select_related = ["vision__region", "mail"]
    fields = ["vision", "year_display", "missing_list", "sent_at", "recipient_list", "mail"]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("年度"), ordering="fiscal_year")
    def year_display(self, reminder):
        return nendo(reminder.fiscal_year)

    @admin.display(description=gettext_lazy("実績のない目標"))
    def missing_list(self, reminder):
        return "、".join(reminder.missing)

    @admin.display(description=gettext_lazy("宛先"))
    def recipient_list(self, reminder):
        return ", ".join(reminder.recipients) or _("（メールアドレスのある編集者がいません）")
