import pytest

from filing.bundle import read_bundle_file
from tests.documents.helpers import BUNDLES_DIR
from tests.factories import UserFactory
from workflow.adapter import filing_import


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every frozen PDF of a test goes to its own directory, through the storage API."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def imported(db):
    """The valid region of tests/data/bundles, as draft revisions (declaration and vision)."""
    return filing_import(read_bundle_file(BUNDLES_DIR / "valid_region.json"), slug="setouchi")


@pytest.fixture
def editor(db):
    return UserFactory(username="editor")
