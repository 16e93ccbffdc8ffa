"""The /verify/ form: one uploaded file, recognised from its SHA-256 alone (ADR 0083).

The file is never parsed: a PDF that matches a published one is the portal's own (its pages
are on the frozen row), and one that matches nothing needs no reading to say so. So a PDF
built to exhaust a parser costs what any file of its size costs: one pass of SHA-256.
"""

import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

# The largest upload /verify/ reads. The portal's own PDFs stay far below it (a vision of
# 60 projects is about 1 MB, docs/performance.md).
VERIFY_MAX_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
CHUNK = 64 * 1024


def upload_sha256(upload) -> str:
    """The SHA-256 of an upload: computed as it arrived (``HashingUploadHandler``), or
    now, a chunk at a time, for a file handed to the form directly."""
    known = getattr(upload, "sha256", None)
    if known is not None:
        return known
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


class VerifyForm(forms.Form):
    """An uploaded file to check against the published PDFs: one that starts as a PDF, of at
    most 20 MB."""

    file = forms.FileField(
        label=_("照合する PDF ファイル"),
        help_text=_(
            "PDF ファイル（20 MB まで）を選んでください。ファイルは照合に使うだけで、保存しません。"
        ),
        error_messages={
            "required": _("照合する PDF ファイルを選んでください。"),
            "empty": _("空のファイルです。PDF ファイルを選んでください。"),
            "invalid": _("ファイルを受け取れませんでした。もう一度選んでください。"),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > VERIFY_MAX_BYTES:
            raise forms.ValidationError(
                _(
                    "ファイルが大きすぎます（20 MB まで）。送付文書の PDF はこれより小さいはずです。"
                ),
                code="too_large",
            )
        upload.seek(0)
        head = upload.read(len(PDF_MAGIC))
        upload.seek(0)
        if head != PDF_MAGIC:
            raise forms.ValidationError(
                _(
                    "PDF ファイルではありません。このポータルで作られた PDF ファイルを選んでください。"
                ),
                code="not_pdf",
            )
        self.cleaned_data["sha256"] = upload_sha256(upload)
        return upload
