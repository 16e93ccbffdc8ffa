"""A 検証 record in a real Chromium (ADR 0105): an editor starts one from the list, typing
arms the warning before leaving, a period that ends before it starts is told on its field
with the typed values kept, the completed record is sent; once accepted, the public region
page shows it in the verification history."""

import pytest
from playwright.sync_api import expect

from accounts.models import RegionRole
from declarations.lifecycle import Status
from reports.models import Verification
from reports.services import verification_accept
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.factories import UserFactory
from tests.public_data import publish_region, skip_pdfs

pytestmark = BROWSER_TEST_MARKS

WOULD_ASK = """() => {
  const event = new Event("beforeunload", {cancelable: true});
  window.dispatchEvent(event);
  return event.defaultPrevented;
}"""


@pytest.fixture
def editor(monkeypatch):
    skip_pdfs(monkeypatch)
    region = publish_region("setouchi").region
    user = UserFactory(username="editor", email="editor@setouchi.example.jp")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.EDITOR)
    return user


def test_an_editor_files_and_sends_a_verification_that_then_reads_publicly(
    browser_page, portal_url, sign_in, editor, assert_no_axe_violations
):
    page = browser_page
    sign_in(editor)
    page.goto(f"{portal_url}/staff/setouchi/")
    page.get_by_role("link", name="連携ビジョンの検証（第4(3)）").click()
    page.get_by_role("button", name="検証を始める").click()
    expect(page.locator("#verification-form")).to_be_visible()
    assert page.evaluate(WOULD_ASK) is False

    page.get_by_label("対象期間（始まり）").fill("2027-04-01")
    assert page.evaluate(WOULD_ASK) is True
    page.get_by_label("対象期間（終わり）").fill("2026-03-31")
    page.get_by_label("検証の概要").fill("途中まで書いた概要")
    page.get_by_role("button", name="下書きを保存").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text(
        "対象期間の終わりは、始まり（2027-04-01）以降の日付にしてください"
    )
    expect(page.get_by_label("検証の概要")).to_have_value("途中まで書いた概要")
    assert Verification.objects.get().summary == ""
    assert_no_axe_violations(page)

    page.get_by_label("対象期間（始まり）").fill("2026-04-01")
    page.get_by_label("対象期間（終わり）").fill("2027-03-31")
    page.locator("#id_verified_on").fill("2027-05-20")
    for select in page.locator("select[name$='_rating']").all():
        select.select_option(label="おおむね順調")
    for text in page.locator("textarea[name$='_text']").all():
        text.fill("目標に照らしておおむね計画どおり。")
    page.get_by_label("継続").check()
    page.get_by_label("検証の概要").fill("各プロジェクトはおおむね計画どおり。")
    page.get_by_role("button", name="保存して送付").click()
    expect(page.locator(".messages")).to_contain_text("第1回の検証を送付しました")
    verification = Verification.objects.get()
    assert verification.status == Status.SUBMITTED
    assert_no_axe_violations(page)

    verification_accept(verification=verification, actor=None)
    page.goto(f"{portal_url}/regions/setouchi/")
    history = page.locator("#verifications")
    expect(history).to_contain_text("第1回の検証（令和9年5月20日）")
    expect(history).to_contain_text("各プロジェクトはおおむね計画どおり。")
    assert page.console_errors == []
