"""The one HTTP answer of every attachment download (staff, reviewers, public; ADR 0118):
always a download (``Content-Disposition: attachment`` with the RFC 5987 ``filename*``), the
media type told by content at upload, ``nosniff``, and ``private, no-store`` unless the
attachment is public. Never the storage's own URL."""

from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from attachments.models import Attachment, SentAttachment


def attachment_response(
    attachment: Attachment | SentAttachment, *, cache_control: str = "private, no-store"
):
    try:
        handle = attachment.file.open("rb")
    except OSError as error:
        raise Http404(_("添付ファイルを読み出せませんでした。")) from error
    response = FileResponse(handle, content_type=attachment.media_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    response["Content-Length"] = str(attachment.size)
    return response
