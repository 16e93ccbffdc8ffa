"""The outbox in the admin, for operators (superusers) only: every mail with its status,
attempts and last error; failed ones marked and counted; 「今すぐ再送」 queues the chosen
ones again (outbox.services.mails_retry). Nothing else can be changed here (ADR 0081)."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ministry.admin.accounts import SuperuserOnlyAdmin
from outbox.models import Mail
from outbox.services import mails_retry


@admin.register(Mail)
class MailAdmin(SuperuserOnlyAdmin):
    list_display = [
        "created_at", "subject", "recipient_list", "state", "attempts", "next_attempt_at",
        "sent_at", "last_error_short",
    ]  # fmt: skip
    list_filter = ["status"]
    search_fields = ["subject", "recipients"]
    date_hierarchy = "created_at"
    fields = [
        "subject", "recipient_list", "status", "attempts", "created_at", "next_attempt_at",
        "sent_at", "last_error", "body",
    ]  # fmt: skip
    readonly_fields = fields
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    @admin.display(description=_("宛先"))
    def recipient_list(self, mail):
        return ", ".join(mail.recipients)

    @admin.display(description=_("状態"), ordering="status")
    def state(self, mail):
        if mail.status == Mail.Status.FAILED:
            return format_html("<strong>✖ {}</strong>", mail.get_status_display())
        if mail.status == Mail.Status.PENDING and mail.last_error:
            return format_html("<strong>{}</strong>", _("再送待ち"))
        return mail.get_status_display()

    @admin.display(description=_("最後のエラー"))
    def last_error_short(self, mail):
        return mail.last_error[:120]

    def changelist_view(self, request, extra_context=None):
        failed = Mail.objects.filter(status=Mail.Status.FAILED).count()
        if failed and request.method == "GET":
            self.message_user(
                request,
                ngettext(
                    "送信に失敗したメールが %(count)d 通あります。原因を確かめてから「今すぐ再送」を選んでください。",
                    "送信に失敗したメールが %(count)d 通あります。原因を確かめてから「今すぐ再送」を選んでください。",
                    failed,
                )
                % {"count": failed},
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("選んだメールを今すぐ再送する"), permissions=["retry"])
    def retry_now(self, request, queryset):
        count = mails_retry(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d 通のメールを再送の列に入れました。",
                "%(count)d 通のメールを再送の列に入れました。",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
