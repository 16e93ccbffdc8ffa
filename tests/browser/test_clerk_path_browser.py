"""The clerk's path of issue 13 in a real Chromium, with the 中部 region of the demo
(demo/chubu-mobility.json: 3 県, 3 市, 1 経済連合会 and 4 others, a vision of four projects)
imported as a draft for its editors.

The editing: a project's budget typed in 千円 in the grid (stored in 円); an autosave of the
vision run by the page's own timer (Playwright's clock, no waiting) that survives a reload;
two editors in two browsers saving the same declaration, neither losing the other's field,
then a field both changed shown side by side and settled by a choice.

The filing: 送付 of the declaration and the vision lands on each 受付票 (受付番号, the frozen
PDFs that answer with the SHA-256 shown); the reviewer returns the vision with a reason; the
editor reads it in the returned box, reopens, fixes the roadmap and sends again (第2回送付,
a new 受付番号); the reviewer's 「差し戻した送付との差分」 lists exactly that fix.

Every page visited is checked with axe-core at 1280 and at 375 px, and no page logs an error.
"""

import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from accounts.models import RegionRole
from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from filing.bundle import read_bundle_file
from projects.models import Project
from reviews.models import Submission
from tests.browser.conftest import BROWSER_TEST_MARKS, DESKTOP, MOBILE
from tests.browser.test_review_browser import csp_errors, reviewer_group, switch_to
from tests.factories import UserFactory
from tests.mfa_helpers import verified_client
from visions.models import VisionRevision
from workflow.adapter import filing_import

pytestmark = BROWSER_TEST_MARKS

SLUG = "chubu"
BUNDLE = Path(__file__).resolve().parents[2] / "demo" / "chubu-mobility.json"
RECEIPT_NUMBER = re.compile(r"^R\d+-\d{6}$")
TOURISM = "ものづくり産業観光の広域周遊"  # 2027-04-01〜2030-03-31, 総事業費 1億5千万円


@pytest.fixture
def chubu():
    imported = filing_import(read_bundle_file(BUNDLE), slug=SLUG)
    editor = UserFactory(username="editor", last_name="中部", first_name="花子")
    colleague = UserFactory(username="colleague", last_name="岐阜", first_name="次郎")
    for user in (editor, colleague):
        RegionRole.objects.create(user=user, region=imported.region, role=RegionRole.Role.EDITOR)
    reviewer = UserFactory(
        username="shinsa", email="shinsa@soumu.example.jp", is_staff=True, last_name="審査"
    )
    reviewer.groups.add(reviewer_group())
    return imported, editor, colleague, reviewer


@pytest.fixture
def look(assert_no_axe_violations, screenshot):
    """``look(page, name)``: axe-core finds nothing at 1280 px and again at 375 px, where the
    page does not scroll sideways either, with a screenshot of the phone width; the page is
    left at 1280 px."""

    def check(page, name):
        page.set_viewport_size(DESKTOP)
        assert_no_axe_violations(page)
        page.set_viewport_size(MOBILE)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= MOBILE["width"], f"{page.url}: the page scrolls sideways ({width}px)"
        assert_no_axe_violations(page)
        screenshot(page, f"clerk-{name}-375")
        page.set_viewport_size(DESKTOP)

    return check


@pytest.fixture
def second_browser(browser, portal_url):
    """``second_browser(user)``: a page of another browser context (its own cookies), signed
    in as ``user``, recording console errors as ``browser_page`` does."""
    contexts = []

    def open_for(user):
        context = browser.new_context(locale="ja-JP", viewport=DESKTOP)
        contexts.append(context)
        name = settings.SESSION_COOKIE_NAME
        session = verified_client(user).cookies[name]
        context.add_cookies([{"name": name, "value": session.value, "url": portal_url}])
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        return page

    yield open_for
    for context in contexts:
        context.close()


def saved(page, text="保存しました"):
    expect(page.locator(".messages")).to_contain_text(text)
    page.wait_for_load_state("load")


def save(page, button="下書きを保存"):
    page.get_by_role("button", name=button, exact=True).first.click()


def test_the_clerk_edits_budget_autosave_and_merge_with_a_colleague(
    browser_page, portal_url, sign_in, look, second_browser, chubu
):
    imported, editor, colleague, _reviewer = chubu
    page = browser_page
    page.clock.install()  # the autosave's 30-second timer runs when the test says so
    sign_in(editor)
    vision_url = f"{portal_url}/staff/{SLUG}/vision/{imported.vision_revision.number}/"
    declaration_url = (
        f"{portal_url}/staff/{SLUG}/declaration/{imported.declaration_revision.number}/"
    )

    # 1. The budget grid of one project, typed in 千円.
    project = Project.objects.get(revision=imported.vision_revision, name=TOURISM)
    page.goto(f"{vision_url}projects/{project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TOURISM)
    look(page, "01-project")
    page.get_by_role("button", name="千円単位で入力する").click()
    expect(page.locator("#budget-grid caption")).to_have_text("年度別の事業費（単位: 千円）")
    expect(page.get_by_label("総事業費（千円）")).to_have_value("150,000")
    page.get_by_label("令和9年度の金額（千円）").fill("40,000")
    page.get_by_label("令和10年度の金額（千円）").fill("６０，０００")
    page.get_by_label("令和11年度の金額（千円）").fill("50000")
    expect(page.locator("[data-budget-grid-sum]")).to_have_text("150,000千円（150,000,000円）")
    expect(page.locator("[data-budget-grid-state]")).to_have_text("総事業費と一致しています")
    save(page, "プロジェクトを保存")
    saved(page)
    expect(page.locator("[data-budget-grid-sum]")).to_have_text("150,000千円（150,000,000円）")
    expect(page.get_by_label("令和10年度の金額（千円）")).to_have_value("60,000")
    assert list(
        project.budget_lines.order_by("fiscal_year").values_list("fiscal_year", "amount")
    ) == [
        (2027, 40_000_000),
        (2028, 60_000_000),
        (2029, 50_000_000),
    ]
    project.refresh_from_db()
    assert project.budget_total == 150_000_000
    look(page, "02-project-saved-in-thousands")

    # 2. The autosave of the vision, run by its own 30-second timer, survives a reload.
    page.goto(vision_url)
    expect(page.locator("#vision-form")).to_be_visible()
    roadmap = page.get_by_label("ロードマップの概要")
    typed = roadmap.input_value() + "\n令和13年度：次の5年の計画づくり。"
    roadmap.fill(typed)
    expect(page.locator("#autosave-status")).to_have_text("")
    page.clock.run_for(31_000)
    expect(page.locator("#autosave-status")).to_contain_text("自動保存しました（")
    assert VisionRevision.objects.get(pk=imported.vision_revision.pk).roadmap == typed
    look(page, "03-vision-autosaved")
    page.reload()
    expect(page.get_by_label("ロードマップの概要")).to_have_value(typed)

    # 3. Two editors open the same declaration; A saves 区域の補足, B (opened before) saves
    # 目指す姿: both are kept, and B is told which of A's fields were kept.
    other = second_browser(colleague)
    page.goto(declaration_url)
    other.goto(declaration_url)
    expect(other.locator("#declaration-form")).to_be_visible()
    area_note = "岐阜県、愛知県及び三重県の全域（伊勢湾岸の臨海部を含む）。"
    page.get_by_label("区域の補足").fill(area_note)
    save(page)
    saved(page)
    aspiration_b = "中部が、電動化と水素の時代にもものづくりの中心であり続ける。"
    other.locator("#id_aspiration").fill(aspiration_b)
    save(other)
    saved(other)
    expect(other.locator(".messages")).to_contain_text(
        "別の人が保存した次の欄は、その内容を残しました: 区域の補足"
    )
    expect(other.get_by_label("区域の補足")).to_have_value(area_note)
    stored = DeclarationRevision.objects.get(pk=imported.declaration_revision.pk)
    assert (stored.area_note, stored.aspiration) == (area_note, aspiration_b)
    look(other, "04-declaration-merged")

    # Then A, still on the page of A's save, changes 目指す姿 too: a real conflict, side by
    # side, settled by A's choice.
    aspiration_a = "中部が、県境を越えたサプライチェーンで世界のものづくりを支え続ける。"
    page.locator("#id_aspiration").fill(aspiration_a)
    save(page)
    conflicts = page.locator("#merge-conflicts")
    expect(conflicts).to_be_focused()
    expect(conflicts.locator(".merge-conflict")).to_have_count(1)
    expect(conflicts.locator(".merge-conflict__legend")).to_contain_text("目指す")
    expect(conflicts.locator(".merge-conflict__side").first).to_contain_text(aspiration_a)
    expect(conflicts.locator(".merge-conflict__side--theirs")).to_contain_text(aspiration_b)
    expect(page.locator("#id_aspiration")).to_have_value(aspiration_a)  # what was typed stays
    look(page, "05-declaration-conflict")
    conflicts.get_by_label("自分の入力を残す").check()
    save(page)
    saved(page)
    expect(page.locator("#merge-conflicts")).to_have_count(0)
    stored.refresh_from_db()
    assert (stored.area_note, stored.aspiration) == (area_note, aspiration_a)

    assert csp_errors(page) == []
    assert csp_errors(other) == []


def acknowledge_and_send(page, document):
    warnings = page.locator('#submit input[name="acknowledge"]')
    for index in range(warnings.count()):
        warnings.nth(index).check()
    page.get_by_role("button", name=f"{document}を総務省へ送付する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("受付票")


def receipt_number(page) -> str:
    number = page.locator(".receipt__number").inner_text().strip()
    assert RECEIPT_NUMBER.match(number), number
    return number


def check_receipt_pdfs(page, portal_url, titles):
    """Each PDF row of the 受付票 links a PDF that answers 200 with application/pdf, and
    whose bytes have the SHA-256 printed beside it."""
    rows = page.locator(".receipt__table tbody tr")
    expect(rows).to_have_count(len(titles))
    for index, title in enumerate(titles):
        row = rows.nth(index)
        link = row.get_by_role("link")
        expect(link).to_contain_text(title)
        response = page.request.get(portal_url + link.get_attribute("href"))
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        body = response.body()
        assert body.startswith(b"%PDF")
        assert row.locator(".receipt__hash").inner_text() == hashlib.sha256(body).hexdigest()


def test_the_clerk_sends_the_reviewer_returns_and_sees_what_changed_since(
    browser_page, portal_url, sign_in, look, chubu
):
    imported, editor, _colleague, reviewer = chubu
    page = browser_page
    vision = imported.vision_revision
    declaration_url = (
        f"{portal_url}/staff/{SLUG}/declaration/{imported.declaration_revision.number}/"
    )
    vision_url = f"{portal_url}/staff/{SLUG}/vision/{vision.number}/"

    # 4. 送付 of the declaration and of the vision, each landing on its 受付票.
    switch_to(page, sign_in, editor)
    page.goto(declaration_url)
    look(page, "06-declaration-ready")
    acknowledge_and_send(page, "連携宣言書")
    declaration_number = receipt_number(page)
    expect(page.locator(".receipt__facts")).to_contain_text("第1回送付")
    expect(page.locator(".receipt__facts")).to_contain_text("中部 花子")  # 姓 名
    check_receipt_pdfs(page, portal_url, ["連携宣言書", "送付書"])
    look(page, "07-declaration-receipt")

    page.goto(vision_url)
    look(page, "08-vision-ready")
    acknowledge_and_send(page, "連携ビジョン")
    first_number = receipt_number(page)
    assert first_number != declaration_number
    expect(page.locator(".receipt__facts")).to_contain_text("第1回送付")
    check_receipt_pdfs(page, portal_url, ["連携ビジョン", "送付書"])
    look(page, "09-vision-receipt")
    vision.refresh_from_db()
    assert vision.status == Status.SUBMITTED

    # 5. The reviewer returns the vision with a reason.
    switch_to(page, sign_in, reviewer)
    review_url = f"{portal_url}/admin/reviews/review/revisions/vision/{vision.pk}/"
    page.goto(review_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("第1回送付")
    look(page, "10-review-vision")
    reason = "ロードマップに令和13年度以降の見通しを書いてください。"
    page.get_by_label("差戻しの理由（必須）").fill(reason)
    page.get_by_role("button", name="差し戻す").click()
    expect(page.locator(".messagelist")).to_contain_text("差し戻しました")

    # The editor reads the reason in the returned box, reopens, fixes, sends again.
    switch_to(page, sign_in, editor)
    page.goto(vision_url)
    box = page.locator("#returned")
    expect(box).to_contain_text("差し戻されました（令和")
    expect(box).to_contain_text(reason)
    look(page, "11-vision-returned")
    page.locator("#submit").get_by_role("button", name="編集を再開する").click()
    roadmap = page.get_by_label("ロードマップの概要")
    expect(roadmap).to_be_visible()
    added = "令和13年度以降：定常運行と水素の広域ネットワークを各県の計画に引き継ぐ。"
    roadmap.fill(roadmap.input_value() + "\n" + added)
    acknowledge_and_send(page, "連携ビジョン")
    second_number = receipt_number(page)
    assert second_number not in (first_number, declaration_number)
    expect(page.locator(".receipt__facts")).to_contain_text("第2回送付（差戻し後の再送付）")
    look(page, "12-vision-receipt-second")
    assert list(
        Submission.objects.filter(object_id=vision.pk, content_type__model="visionrevision")
        .order_by("sequence")
        .values_list("sequence", "receipt_number")
    ) == [(1, first_number), (2, second_number)]

    # The reviewer opens the revision: the diff since the returned 送付 is that one fix.
    switch_to(page, sign_in, reviewer)
    page.goto(review_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("第2回送付")
    expect(page.get_by_role("heading", level=1)).to_contain_text(second_number)
    section = page.locator("#returned-diff-section")
    expect(section).to_contain_text(f"受付番号 {first_number}")
    changes = section.locator(".review-diff-text")
    expect(changes).to_have_count(1)
    expect(changes.locator("h4")).to_have_text(re.compile("ロードマップ"))
    expect(changes.locator("ins")).to_contain_text(["令和13年度以降"])
    expect(changes.locator("del")).to_have_count(0)
    expect(section.locator(".review-diff-list, .review-diff-project")).to_have_count(0)
    look(page, "13-review-returned-diff")

    assert csp_errors(page) == []
