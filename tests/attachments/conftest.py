import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Attachments are stored in a fresh MEDIA_ROOT for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(name="議事録.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
