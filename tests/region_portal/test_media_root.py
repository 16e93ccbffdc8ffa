"""Tests write their files under a temporary folder, never into the repository's ``media/``
(issue 13: ``make test`` left about 160 PDFs, 35 MB, there).

This module has no fixture of its own that moves MEDIA_ROOT (unlike tests/documents/): it sees
the test settings as every other test does.
"""

import os
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from documents.models import FrozenDocument
from filing.bundle import read_bundle_file
from tests.documents.helpers import BUNDLES_DIR
from tests.review_helpers import submit_and_make
from workflow.adapter import filing_import

REPOSITORY_MEDIA = Path(settings.BASE_DIR) / "media"


def files_under(root: Path) -> set[str]:
    if not root.exists():
        return set()
    return {os.path.join(d, f) for d, _, names in os.walk(root) for f in names}


def test_the_test_settings_keep_media_in_a_temporary_folder():
    media = Path(settings.MEDIA_ROOT).resolve()
    assert media.is_relative_to(Path(tempfile.gettempdir()).resolve())
    assert not media.is_relative_to(Path(settings.BASE_DIR).resolve())


@pytest.mark.django_db
def test_freezing_pdfs_writes_nothing_under_the_repository_media():
    before = files_under(REPOSITORY_MEDIA)
    imported = filing_import(read_bundle_file(BUNDLES_DIR / "valid_region.json"), slug="setouchi")
    submit_and_make(revision=imported.declaration_revision, actor=None)  # freezes 2 PDFs

    frozen = list(FrozenDocument.objects.all())
    assert len(frozen) >= 2
    for document in frozen:
        path = Path(default_storage.path(document.file.name)).resolve()
        assert path.is_file()
        assert not path.is_relative_to(REPOSITORY_MEDIA.resolve()), path
    assert files_under(REPOSITORY_MEDIA) == before
