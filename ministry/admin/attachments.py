"""The attachments in the admin (ADR 0118): reviewers read those of the revisions sent to
them (never what a draft added) and download each as an attachment; nobody adds, changes or
deletes one here (the region's staff do, on a draft, through ``attachments.services``). What
each 送付 sent is listed beside them (「送付した添付ファイル」, ADR 0119)."""

from django.contrib import admin
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from attachments.downloads import attachment_response
from attachments.models import Attachment, SentAttachment
from attachments.selectors import reviewer_attachment, reviewer_queryset

MAX_ID = 2**31 - 1


class _DownloadOnlyAdmin(admin.ModelAdmin):
    """Read-only rows with a download link: nobody adds, changes or deletes one here.
    ``download_name`` is the admin URL's name, ``find(pk)`` the row to send (or None)."""

    download_name = ""
    list_filter = ["kind", "is_public"]
    list_select_related = ["region"]
    search_fields = ["region__slug", "title", "original_name", "sha256"]

    def find(self, pk):
        raise NotImplementedError

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("ダウンロード"))
    def download(self, obj):
        url = reverse(f"admin:{self.download_name}", args=[obj.pk])
        return format_html('<a href="{}" download>{}</a>', url, obj.original_name)

    def get_urls(self):
        return [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name=self.download_name,
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        if not self.has_view_permission(request) or not 0 < pk <= MAX_ID:
            raise Http404
        found = self.find(pk)
        if found is None:
            raise Http404(_("添付ファイルが見つかりません。"))
        return attachment_response(found)


@admin.register(Attachment)
class AttachmentAdmin(_DownloadOnlyAdmin):
    download_name = "attachments_attachment_download"
    list_display = ["title", "region", "kind", "is_public", "original_name", "size", "download"]
    fields = [
        "region", "content_type", "object_id", "title", "kind", "is_public", "original_name",
        "media_type", "size", "sha256", "uploaded_at", "download",
    ]  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request):
        return reviewer_queryset().select_related("region", "content_type")

    def find(self, pk):
        return reviewer_attachment(pk)


@admin.register(SentAttachment)
class SentAttachmentAdmin(_DownloadOnlyAdmin):
    """What each 送付 sent (ADR 0119): the record the 送付書 lists, with a download of the file
    as it was sent, also after a reopened draft dropped the attachment. Reviewers read it with
    the permission that lets them read the attachments (``attachments.view_attachment``)."""

    download_name = "attachments_sentattachment_download"
    list_display = [
        "title", "region", "project_name", "kind", "is_public", "original_name", "size",
        "submitted_at", "download",
    ]  # fmt: skip
    fields = [
        "region", "content_type", "object_id", "submitted_at", "position", "project_name",
        "title", "kind", "is_public", "original_name", "media_type", "size", "sha256",
        "download",
    ]  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("region", "content_type")

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.has_perm("attachments.view_attachment")

    def find(self, pk):
        return SentAttachment.objects.filter(pk=pk).first()
