"""/verify/ in a real Chromium: accessible at two widths, before and after a check."""

import pytest

from declarations.models import Prefecture
from documents.models import Kind
from documents.services import frozen_documents, read_frozen
from filing.bundle import read_bundle_file
from tests.browser.conftest import BROWSER_TEST_MARKS, DESKTOP, MOBILE
from tests.documents.helpers import BUNDLES_DIR
from workflow.adapter import filing_import
from workflow.verbs import SubmissionRefused, revision_accept, revision_submit

pytestmark = BROWSER_TEST_MARKS


@pytest.fixture
def published_pdf(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    imported = filing_import(read_bundle_file(BUNDLES_DIR / "valid_region.json"), slug="setouchi")
    revision = imported.declaration_revision
    try:
        revision_submit(revision=revision, actor=None)
    except SubmissionRefused as refused:  # say why, should the master data be missing
        pytest.fail(
            f"{[f.code for f in refused.findings]}; prefectures in the database: "
            f"{Prefecture.objects.count()}"
        )
    revision_accept(revision=revision, actor=None)
    path = tmp_path / "瀬戸内広域リージョン_連携宣言書_第1版.pdf"
    path.write_bytes(read_frozen(frozen_documents(revision)[Kind.DOCUMENT]))
    return path


def open_verify(page, portal_url):
    page.failed_responses = []
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")  # the layout has no icon yet
            and page.failed_responses.append(response.url)
        ),
    )
    page.goto(portal_url + "/verify/")
    page.wait_for_load_state("load")


WIDTHS = [("1280", DESKTOP), ("375", MOBILE)]


def test_the_verify_page_is_accessible_and_fits_the_screen(
    browser_page, portal_url, assert_no_axe_violations, screenshot, subtests
):
    """At 1280 and 375 px, each width a subtest of one test (a transactional test costs seconds
    of set-up and flush)."""
    for width, viewport in WIDTHS:
        with subtests.test(width=width):
            browser_page.console_errors.clear()
            browser_page.set_viewport_size(viewport)
            open_verify(browser_page, portal_url)

            screenshot(browser_page, f"verify-{width}")
            heading = browser_page.get_by_role("heading", level=1)
            assert heading.inner_text() == "送付文書の PDF の照合"
            assert browser_page.get_by_label("照合する PDF ファイル").is_visible()
            scroll_width = browser_page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= viewport["width"]
            assert browser_page.failed_responses == []
            assert not [e for e in browser_page.console_errors if "Content Security Policy" in e]
            assert_no_axe_violations(browser_page)


def test_uploading_a_published_pdf_names_its_region(
    browser_page, portal_url, published_pdf, assert_no_axe_violations, screenshot, subtests
):
    """At 1280 and 375 px, each a subtest of one test: one PDF for both (submitting it costs
    seconds of WeasyPrint)."""
    for width, viewport in WIDTHS:
        with subtests.test(width=width):
            browser_page.set_viewport_size(viewport)
            open_verify(browser_page, portal_url)

            browser_page.get_by_label("照合する PDF ファイル").set_input_files(str(published_pdf))
            browser_page.get_by_role("button", name="照合する", exact=True).click()
            browser_page.wait_for_load_state("load")

            result = browser_page.get_by_role("region", name="照合の結果")
            assert "一致しました" in result.inner_text()
            assert result.get_by_role("link", name="瀬戸内広域リージョン").is_visible()
            screenshot(browser_page, f"verify-match-{width}")
            scroll_width = browser_page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= viewport["width"]
            assert_no_axe_violations(browser_page)


def test_uploading_something_else_explains_the_refusal(
    browser_page, portal_url, tmp_path, assert_no_axe_violations, screenshot
):
    not_pdf = tmp_path / "memo.pdf"
    not_pdf.write_text("これは PDF ではありません", encoding="utf-8")
    open_verify(browser_page, portal_url)

    browser_page.get_by_label("照合する PDF ファイル").set_input_files(str(not_pdf))
    browser_page.get_by_role("button", name="照合する", exact=True).click()
    browser_page.wait_for_load_state("load")

    field = browser_page.get_by_label("照合する PDF ファイル")
    assert field.get_attribute("aria-invalid") == "true"
    assert (
        "PDF ファイルではありません"
        in browser_page.locator(".documents-field__errors").inner_text()
    )
    screenshot(browser_page, "verify-1280-error")
    assert_no_axe_violations(browser_page)
