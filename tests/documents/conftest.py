import pytest

from tests.documents import sent
from tests.documents.helpers import BUNDLES_DIR, META
from tests.prebuilt import restored


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every frozen PDF of a test goes to its own directory, through the storage API."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def imported(db):
    """The valid region of tests/data/bundles, as draft revisions (declaration and vision)."""
    return restored(sent.setouchi_imported)


@pytest.fixture
def editor(db):
    return restored(sent.an_editor)


# The 送付 of the region with their real PDFs, made once per process (tests/documents/sent.py):
# the rows and the files in this test's storage.


@pytest.fixture
def sent_declaration(imported, editor):
    return restored(sent.declaration_sent)


@pytest.fixture
def published_declaration(sent_declaration):
    return restored(sent.declaration_published)


@pytest.fixture
def sent_vision(sent_declaration):
    """The vision sent after the declaration (published first when the test asked for
    ``published_declaration`` before)."""
    return restored(sent.vision_sent)


@pytest.fixture(scope="module")
def filing():
    """The test region's filing (tests/data/bundles/valid_region.json), once per module."""
    from filing.bundle import read_bundle_file

    return read_bundle_file(BUNDLES_DIR / "valid_region.json")


@pytest.fixture(scope="module")
def vision_bytes(filing):
    """Its 連携ビジョン as PDF bytes, rendered once per module."""
    from documents.vision_pdf import vision_pdf

    return vision_pdf(filing, meta=META, declaration_number=1)
