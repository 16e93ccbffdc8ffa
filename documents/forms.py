import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

# The largest upload /verify/ reads. The portal's own PDFs stay far below it (a vision of
# 60 projects is about 1 MB, docs/performance.md).
VERIFY_MAX_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
CHUNK = 1024 * 1024


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _opens_as_pdf(upload) -> bool:
    from pypdf import PdfReader

    upload.seek(0)
    try:
        return len(PdfReader(upload, strict=False).pages) > 0
    except Exception:  # pypdf raises many kinds of errors on a damaged or foreign file
        return False
    finally:
        upload.seek(0)


class VerifyForm(forms.Form):
    """An uploaded file to check against the published PDFs: a real PDF of at most 20 MB."""

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
        if not _opens_as_pdf(upload):
            raise forms.ValidationError(
                _("PDF ファイルとして読み取れません。ファイルが壊れているおそれがあります。"),
                code="unreadable",
            )
        self.cleaned_data["sha256"] = _sha256(upload)
        return upload
