"""The frozen PDFs in the admin: read-only, with the download link and the SHA-256."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from documents.models import FrozenDocument


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
