"""The test region's 送付 with their real PDFs, made once per test process (ADR 0132, 0136).

Each function is a build for ``tests.prebuilt.restored``: it runs the real verbs the first
time a process asks for it, and every later test gets its rows and its frozen PDFs (the
files in the test's own storage, the same bytes under the same names) without WeasyPrint.
tests/documents/conftest.py gives them as fixtures; a build reads only what the builds
before it made (the region ``setouchi`` of ``setouchi_imported``, the user ``editor`` of
``an_editor``), so ask for the fixtures in that order, before creating rows of your own.

Tests of the freezing itself (that a 送付 makes its PDFs, a failure, a retry, a missing
cover letter made again) make them in the test, as before.
"""

from django.contrib.auth import get_user_model

from declarations.models import DeclarationRevision
from filing.bundle import read_bundle_file
from tests.documents.helpers import BUNDLES_DIR
from tests.factories import UserFactory
from tests.review_helpers import submit_and_make
from visions.models import VisionRevision
from workflow.adapter import ImportResult, filing_import
from workflow.verbs import revision_accept


def setouchi_imported() -> ImportResult:
    """The valid region of tests/data/bundles, as draft revisions (declaration and vision)."""
    return filing_import(read_bundle_file(BUNDLES_DIR / "valid_region.json"), slug="setouchi")


def an_editor():
    return UserFactory(username="editor")


def _editor():
    return get_user_model().objects.get(username="editor")


def _declaration() -> DeclarationRevision:
    return DeclarationRevision.objects.filter(declaration__region__slug="setouchi").latest("number")


def declaration_sent() -> DeclarationRevision:
    """The declaration sent by the editor, its document and cover letter frozen."""
    revision = _declaration()
    submit_and_make(revision=revision, actor=_editor())
    revision.refresh_from_db()
    return revision


def declaration_published() -> DeclarationRevision:
    """The declaration sent (``declaration_sent``) accepted, so published."""
    revision = _declaration()
    revision_accept(revision=revision, actor=_editor())
    revision.refresh_from_db()
    return revision


def vision_sent() -> VisionRevision:
    """The vision sent by the editor after its declaration, its PDFs frozen."""
    revision = VisionRevision.objects.filter(vision__region__slug="setouchi").latest("number")
    submit_and_make(revision=revision, actor=_editor())
    revision.refresh_from_db()
    return revision
