"""The frozen PDFs in the admin: read-only, with the download link and the SHA-256; and, for
operators, the worker's making of them (「PDF の作成」, ADR 0102)."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from documents.builds import builds_retry
from documents.models import DocumentBuild, FrozenDocument
from ministry.admin.jobs import JobAdmin


@admin.register(FrozenDocument)
class FrozenDocumentAdmin(admin.ModelAdmin):
    list_display = [
        "region",
        "document",
        "revision_number",
        "kind",
        "submitted_at",
        "pages",
        "size",
        "sha256",
        "download",
    ]
    list_filter = ["document", "kind"]
    list_select_related = ["region"]
    search_fields = ["region__slug", "sha256"]
    fields = [
        "region",
        "document",
        "revision_number",
        "kind",
        "submitted_at",
        "pages",
        "size",
        "sha256",
        "file",
        "created_at",
        "download",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("PDF"))
    def download(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("開く"))


@admin.register(DocumentBuild)
class DocumentBuildAdmin(JobAdmin):
    """The making of each 送付's PDFs by the worker (ADR 0102), for operators (superusers):
    the status, attempts and last error; failed ones marked and counted above the list;
    「今すぐ再作成」 queues the chosen ones again (``documents.builds.builds_retry``)."""

    list_display = [
        "created_at", "region", "document", "revision_number", "submitted_at", "state",
        "attempts", "next_attempt_at", "done_at", "last_error_short",
    ]  # fmt: skip
    list_filter = ["status", "document"]
    list_select_related = ["region"]
    search_fields = ["region__slug"]
    date_hierarchy = "created_at"
    fields = [
        "region", "document", "revision_number", "submitted_at", "status", "attempts",
        "created_at", "next_attempt_at", "done_at", "last_error",
    ]  # fmt: skip
    readonly_fields = fields
    actions = ["make_now"]
    waiting_label = _("再作成待ち")
    failed_warning = ngettext_lazy(
        "作成に失敗した送付文書の PDF が %(count)d 件あります。原因を確かめてから「今すぐ再作成」を選んでください。",
        "作成に失敗した送付文書の PDF が %(count)d 件あります。原因を確かめてから「今すぐ再作成」を選んでください。",
        "count",
    )
    queued_message = ngettext_lazy(
        "%(count)d 件の PDF の作成を列に入れました。",
        "%(count)d 件の PDF の作成を列に入れました。",
        "count",
    )

    @admin.action(description=_("選んだ PDF を今すぐ再作成する"), permissions=["retry"])
    def make_now(self, request, queryset):
        self.retry(request, queryset, builds_retry)
