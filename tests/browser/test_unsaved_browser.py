"""No lost input in a real Chromium (ADR 0095): typing arms the warning before leaving,
the autosave stores the text on the server (「自動保存しました」 in the live region, the
warning disarmed), and a reload shows the autosaved text; after another editor's save of
the same field, 保存 shows both values side by side and keeps the one chosen."""

import pytest
from playwright.sync_api import expect

from accounts.models import RegionRole
from declarations.models import DeclarationRevision
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.factories import RegionFactory, UserFactory
from workflow.drafts import DeclarationDraft, declaration_draft_save

pytestmark = BROWSER_TEST_MARKS

# what a browser does before leaving: true when the page asks to stay
WOULD_ASK = """() => {
  const event = new Event("beforeunload", {cancelable: true});
  window.dispatchEvent(event);
  return event.defaultPrevented;
}"""


@pytest.fixture
def editor():
    region = RegionFactory(slug="chubu")
    user = UserFactory(username="editor")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.EDITOR)
    return user


def test_typing_warns_before_leaving_and_the_autosave_survives_a_reload(
    browser_page, portal_url, sign_in, editor, assert_no_axe_violations
):
    page = browser_page
    sign_in(editor)
    page.goto(f"{portal_url}/staff/chubu/")
    page.get_by_role("button", name="連携宣言書を作成する").click()
    expect(page.locator("#declaration-form")).to_be_visible()
    assert page.evaluate(WOULD_ASK) is False

    page.locator("#id_aspiration").press_sequentially("中部の目指す姿")
    assert page.evaluate(WOULD_ASK) is True

    page.evaluate("() => window.dispatchEvent(new Event('pagehide'))")  # as when leaving
    expect(page.locator("#autosave-status")).to_contain_text("自動保存しました（")
    assert page.evaluate(WOULD_ASK) is False
    assert DeclarationRevision.objects.get().aspiration == "中部の目指す姿"
    assert_no_axe_violations(page)

    page.reload()
    expect(page.locator("#id_aspiration")).to_have_value("中部の目指す姿")

    stored = DeclarationRevision.objects.get()  # another editor saves the same field
    declaration_draft_save(
        revision=stored, version=stored.version, draft=DeclarationDraft(aspiration="別の人の姿")
    )
    page.locator("#id_aspiration").fill("私の姿")
    page.get_by_role("button", name="下書きを保存").first.click()
    conflicts = page.locator("#merge-conflicts")
    expect(conflicts).to_contain_text("別の人の姿")
    expect(conflicts).to_be_focused()
    expect(page.locator("#id_aspiration")).to_have_value("私の姿")
    assert_no_axe_violations(page)

    page.get_by_label("保存済みの内容を残す").check()
    page.get_by_role("button", name="下書きを保存").first.click()
    expect(page.locator(".messages")).to_contain_text("保存しました")
    assert DeclarationRevision.objects.get().aspiration == "別の人の姿"
    assert page.console_errors == []
