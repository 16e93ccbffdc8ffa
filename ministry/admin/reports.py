"""The 検証 records in the admin (ADR 0105): reviewers read a verification and return it
(with a required comment) or accept it, which publishes it at once. A thin client of
``reports.services``; nothing else is changed here. The reminders sent are listed."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from declarations.lifecycle import Status
from declarations.services import TransitionNotAllowed
from reports.models import Assessment, Verification, VerificationReminder
from reports.services import CommentRequired, verification_accept, verification_return


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


@admin.register(Verification)
class VerificationAdmin(ReadOnlyAdmin):
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

    def get_urls(self):
        decide = self.admin_site.admin_view(require_POST(self.decide_view))
        return [
            path("<int:pk>/decide/", decide, name="reports_verification_decide"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        verification = self.get_object(request, object_id)
        user = request.user
        extra_context = {
            **(extra_context or {}),
            "may_decide": verification is not None
            and verification.status == Status.SUBMITTED
            and (
                user.has_perm("reports.return_verification")
                or user.has_perm("reports.accept_verification")
            ),
            "may_return": user.has_perm("reports.return_verification"),
            "may_accept": user.has_perm("reports.accept_verification"),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, pk):
        """差し戻す (``return`` with the comment) or 受理して公表 (``accept``)."""
        verification = get_object_or_404(
            Verification.objects.select_related("vision__region"), pk=pk
        )
        back = reverse("admin:reports_verification_change", args=[pk])
        decision = request.POST.get("decision")
        permission = {"return": "return_verification", "accept": "accept_verification"}.get(
            decision
        )
        if permission is None or not request.user.has_perm(f"reports.{permission}"):
            raise PermissionDenied
        comment = request.POST.get("comment", "")
        try:
            if decision == "return":
                verification_return(verification=verification, actor=request.user, comment=comment)
                messages.success(
                    request, _("%(label)s を差し戻しました。") % {"label": verification}
                )
            else:
                verification_accept(verification=verification, actor=request.user, comment=comment)
                messages.success(
                    request, _("%(label)s を受理し、公表しました。") % {"label": verification}
                )
        except (CommentRequired, TransitionNotAllowed) as error:
            messages.error(request, str(error))
        return redirect(back)


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
