"""The outbox in the admin, for operators (superusers) only: every mail with its status,
attempts and last error; failed ones marked and counted; 「今すぐ再送」 queues the chosen
ones again (outbox.services.mails_retry). Nothing else can be changed here (ADR 0081)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ministry.admin.jobs import JobAdmin
from outbox.models import Mail
from outbox.services import mails_retry


@admin.register(Mail)
class MailAdmin(JobAdmin):
    waiting_label = _("再送待ち")
    failed_warning = ngettext_lazy(
        "送信に失敗したメールが %(count)d 通あります。原因を確かめてから「今すぐ再送」を選んでください。",
        "送信に失敗したメールが %(count)d 通あります。原因を確かめてから「今すぐ再送」を選んでください。",
        "count",
    )
    queued_message = ngettext_lazy(
        "%(count)d 通のメールを再送の列に入れました。",
        "%(count)d 通のメールを再送の列に入れました。",
        "count",
    )

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

    @admin.display(description=_("宛先"))
    def recipient_list(self, mail):
        return ", ".join(mail.recipients)

    @admin.action(description=_("選んだメールを今すぐ再送する"), permissions=["retry"])
    def retry_now(self, request, queryset):
        self.retry(request, queryset, mails_retry)
