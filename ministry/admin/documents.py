"""The frozen PDFs in the admin: read-only, with the download link and the SHA-256; and, for
operators, the worker's making of them (「PDF の作成」, ADR 0102)."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from documents.builds import builds_retry
from documents.models import DocumentBuild, FrozenDocument
from ministry.admin.accounts import SuperuserOnlyAdmin


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
class DocumentBuildAdmin(SuperuserOnlyAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_make_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    @admin.display(description=_("状態"), ordering="status")
    def state(self, build):
        if build.status == DocumentBuild.Status.FAILED:
            return format_html("<strong>✖ {}</strong>", build.get_status_display())
        if build.status == DocumentBuild.Status.PENDING and build.last_error:
            return format_html("<strong>{}</strong>", _("再作成待ち"))
        return build.get_status_display()

    @admin.display(description=_("最後のエラー"))
    def last_error_short(self, build):
        return build.last_error[:120]

    def changelist_view(self, request, extra_context=None):
        failed = DocumentBuild.objects.filter(status=DocumentBuild.Status.FAILED).count()
        if failed and request.method == "GET":
            self.message_user(
                request,
                ngettext(
                    "作成に失敗した送付文書の PDF が %(count)d 件あります。原因を確かめてから「今すぐ再作成」を選んでください。",
                    "作成に失敗した送付文書の PDF が %(count)d 件あります。原因を確かめてから「今すぐ再作成」を選んでください。",
                    failed,
                )
                % {"count": failed},
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("選んだ PDF を今すぐ再作成する"), permissions=["make"])
    def make_now(self, request, queryset):
        count = builds_retry(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d 件の PDF の作成を列に入れました。",
                "%(count)d 件の PDF の作成を列に入れました。",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
