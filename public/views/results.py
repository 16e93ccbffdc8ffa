"""The evidence file of a published result (実績, ADR 0108), served only while that result is
the published figure of the region's current vision: never the storage's own URL, so an
unpublished (draft, submitted, returned) result's or an unaccepted correction's file is
never reachable from the public side."""

import os

from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from filing.evidence import HEAD_BYTES, evidence_kind
from public.cache import PUBLIC_MAX_AGE
from public.selectors.region import is_slug
from public.selectors.results import published_evidence

MAX_ID = 2**31 - 1


@require_safe
def result_evidence(request, slug: str, pk: int):
    if not is_slug(slug) or not 0 < pk <= MAX_ID:
        raise Http404
    result = published_evidence(slug, pk)
    if result is None:
        raise Http404(_("公表されている実績の根拠のファイルが見つかりません。"))
    try:
        handle = result.evidence_file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404(_("根拠のファイルを読み出せませんでした。")) from error
    # The formats an evidence file may have, told by its content (the one check, ADR 0109).
    kind = evidence_kind(handle.read(HEAD_BYTES))
    handle.seek(0)
    name = os.path.basename(result.evidence_file.name)
    response = FileResponse(
        handle, content_type=kind.content_type if kind else "application/octet-stream"
    )
    # A PDF or an image is shown in the browser; anything else is only downloaded.
    response["Content-Disposition"] = content_disposition_header(kind is None, name)
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response
