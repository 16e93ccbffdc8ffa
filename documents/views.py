"""Downloading a revision's PDFs, and the public ``/verify/`` page."""

import base64
import hashlib
import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from declarations.lifecycle import Status
from documents.forms import PDF_MAGIC, VERIFY_MAX_BYTES, VerifyForm
from documents.models import Document, Kind
from documents.render import PdfError
from documents.selectors import FAILED, build_state, build_status_of, can_download, published_match
from documents.services import (
    MissingDeclaration,
    StoredDocumentDamaged,
    frozen_documents,
    read_frozen,
    render_document,
    revision_of,
)
from web.ratelimit import rate_limit

MAX_ID = 2**63 - 1
# Seconds a client is asked to wait before asking again for a PDF the worker is making.
MAKING_RETRY_AFTER = 10
FAILED_RETRY_AFTER = 600
# A request body larger than this is refused before it is read (the file plus the form).
VERIFY_MAX_REQUEST = VERIFY_MAX_BYTES + 64 * 1024


def _filename(revision, document: str, kind: str) -> str:
    name = (
        revision.region_name
        if document == Document.DECLARATION
        else (revision.declaration_revision.region_name if revision.declaration_revision_id else "")
    ) or revision.region.slug
    label = Document(document).label if kind == Kind.DOCUMENT else Kind.COVER.label
    suffix = f"_{Document(document).label}" if kind == Kind.COVER else ""
    # the file's name, Japanese as the PDF is (ADR 0124)
    draft = "_下書き" if revision.status == Status.DRAFT else ""  # i18n: not text
    cleaned = "".join(
        ch
        for ch in f"{name}_{label}{suffix}_第{revision.number}版{draft}"  # i18n: not text
        if ch.isprintable()
    )
    return cleaned.replace("/", "_").replace("\\", "_") + ".pdf"


def _pdf_response(
    data: bytes, filename: str, *, digest: str | None, public: bool, head: bool = False
) -> HttpResponse:
    """The PDF with its headers; to a HEAD request the same headers and no body."""
    response = HttpResponse(b"" if head else data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Content-Length"] = str(len(data))
    if digest is not None:
        response["ETag"] = f'"{digest}"'
        response["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(digest)).decode()}:"
        response["Cache-Control"] = "public, max-age=86400" if public else "private, no-cache"
    else:
        response["Cache-Control"] = "no-store"
    return response


def _error_page(request, message: str, status: int):
    return render(request, "documents/unavailable.html", {"message": message}, status=status)


def not_made_yet(request, revision, submitted_at):
    """The answer for a 送付's PDF the worker has not made yet (ADR 0102): 503 with
    Retry-After, never a 200 (a download tool would save this page as the PDF) nor a PDF
    made here. A failed build says so; operators make it again."""
    failed = build_state(build_status_of(revision, submitted_at), False) == FAILED
    message = (
        _(
            "この PDF は作成に失敗しました。運用担当が再作成します。しばらくしてからもう一度お試しください。"
        )
        if failed
        else _(
            "この PDF は作成中です。送付の後、通常は数十秒でできあがります。しばらくしてから再読み込みしてください。"
        )
    )
    response = render(
        request,
        "documents/making.html",
        {"message": message, "failed": failed, "revision": revision},
        status=503,
    )
    response["Retry-After"] = str(FAILED_RETRY_AFTER if failed else MAKING_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def download(request, document: str, pk: int, kind: str):
    """A revision's PDF: the frozen copy of a submitted revision (the same bytes every time),
    or, for a draft, a preview made now and marked 「下書き」. HEAD answers with the headers
    GET would send (length, ETag, Repr-Digest) and no body. A submitted revision's PDF is
    never made here: until the worker has made it, the answer is 「作成中」 (503).

    Published revisions are open to anyone; others only to the region's staff, reviewers and
    superusers. Anyone else, and any unknown document, revision or kind, gets 404.
    """
    if document not in Document.values or kind not in Kind.values or not 0 < pk <= MAX_ID:
        raise Http404
    revision = revision_of(document, pk)
    if revision is None or not can_download(request.user, revision):
        raise Http404
    filename = _filename(revision, document, kind)
    head = request.method == "HEAD"
    try:
        if revision.status == Status.DRAFT:
            return _pdf_response(
                render_document(revision, kind, draft=True),
                filename,
                digest=None,
                public=False,
                head=head,
            )
        frozen = frozen_documents(revision).get(kind)
        if frozen is None:
            return not_made_yet(request, revision, revision.submitted_at)
        data = read_frozen(frozen)
    except PdfError:
        return _error_page(
            request, _("PDF を作れませんでした。時間をおいてもう一度お試しください。"), 500
        )
    except MissingDeclaration:
        return _error_page(
            request,
            _("この連携ビジョンには前提となる連携宣言書の版がないため、PDF を作れません。"),
            404,
        )
    except StoredDocumentDamaged:
        return _damaged(request)
    return _pdf_response(
        data,
        filename,
        digest=frozen.sha256,
        public=revision.status == Status.PUBLISHED,
        head=head,
    )


def _damaged(request):
    return _error_page(
        request, _("保存された PDF を読み出せませんでした。運用担当者に連絡してください。"), 500
    )


def frozen_pdf_response(request, revision, frozen):
    """One frozen PDF (``FrozenDocument``) of ``revision`` as ``download`` sends it, for a
    caller that has already checked who may read it (the staff receipt, ADR 0094)."""
    try:
        data = read_frozen(frozen)
    except StoredDocumentDamaged:
        return _damaged(request)
    return _pdf_response(
        data,
        _filename(revision, frozen.document, frozen.kind),
        digest=frozen.sha256,
        public=False,
        head=request.method == "HEAD",
    )


class HashedUpload(UploadedFile):
    """An upload as /verify/ keeps it: its SHA-256, its size and its first bytes (enough to
    tell a PDF), nothing else."""

    def __init__(self, name, content_type, size, charset, sha256: str, head: bytes):
        super().__init__(io.BytesIO(head), name, content_type, size, charset)
        self.sha256 = sha256


class HashingUploadHandler(FileUploadHandler):
    """The only upload handler of /verify/: hashes the file a chunk at a time as it arrives
    and keeps neither the file in memory nor a temporary file, so the request holds at most
    one chunk (64 KB) of it. Past ``VERIFY_MAX_BYTES`` it stops and the view answers 413;
    a second file field is skipped."""

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        if field_name != "file" or hasattr(self, "digest"):
            raise SkipFile
        self.digest = hashlib.sha256()
        self.head = b""
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > VERIFY_MAX_BYTES:
            self.request.verify_upload_too_large = True
            raise SkipFile
        self.digest.update(raw_data)
        if len(self.head) < len(PDF_MAGIC):
            self.head = (self.head + raw_data)[: len(PDF_MAGIC)]
        return None  # nothing for a later handler: the bytes are not kept

    def file_complete(self, file_size):
        return HashedUpload(
            self.file_name,
            self.content_type,
            file_size,
            self.charset,
            self.digest.hexdigest(),
            self.head,
        )


def _too_large() -> VerifyForm:
    """A form that says the upload was too large (and nothing else)."""
    form = VerifyForm(data={}, files={})
    form.full_clean()
    form.errors["file"] = form.error_class(
        [_("ファイルが大きすぎます（20 MB まで）。送付文書の PDF はこれより小さいはずです。")]
    )
    return form


@csrf_exempt  # the size checks run before the body is read; _verify checks the CSRF token
@require_http_methods(["GET", "POST"])
@rate_limit("verify", limit=lambda: settings.VERIFY_RATE_LIMIT)
def verify(request):
    """Public: upload a PDF and learn which published revision it is, or that it is none.

    The file is hashed as it arrives and looked up by its SHA-256; it is never parsed
    (ADR 0083). POSTs are limited per client (``VERIFY_RATE_LIMIT`` a minute, then 429)."""
    if request.method == "POST":
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit() or int(length) > VERIFY_MAX_REQUEST:
            return _verify_page(request, _too_large(), status=413)
        request.upload_handlers = [HashingUploadHandler(request)]
    return _verify(request)


def _verify_page(request, form, *, status=200, **result):
    context = {
        "form": form,
        "max_megabytes": VERIFY_MAX_BYTES // (1024 * 1024),
        "checked": False,
        **result,
    }
    return render(request, "documents/verify.html", context, status=status)


@csrf_protect
def _verify(request):
    if request.method != "POST":
        return _verify_page(request, VerifyForm())
    form = VerifyForm(request.POST, request.FILES)
    if getattr(request, "verify_upload_too_large", False):
        return _verify_page(request, _too_large(), status=413)
    if not form.is_valid():
        return _verify_page(request, form, status=400)
    digest = form.cleaned_data["sha256"]
    return _verify_page(
        request,
        VerifyForm(),
        checked=True,
        sha256=digest,
        size=form.cleaned_data["file"].size,
        match=published_match(digest),
    )
