"""An attachment of a published revision marked 公表する (ADR 0118): served only while the
revision it hangs on is published; a private one, or one of a draft, submitted or accepted
revision, is 404 here. Never the storage's own URL."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from attachments.downloads import attachment_response
from attachments.selectors import public_attachment
from public.cache import PUBLIC_MAX_AGE
from public.selectors.region import is_slug

MAX_ID = 2**31 - 1


@require_safe
def attachment_download(request, slug: str, pk: int):
    if not is_slug(slug) or not 0 < pk <= MAX_ID:
        raise Http404
    attachment = public_attachment(slug, pk)
    if attachment is None:
        raise Http404(_("公表されている添付ファイルが見つかりません。"))
    return attachment_response(attachment, cache_control=f"public, max-age={PUBLIC_MAX_AGE}")
