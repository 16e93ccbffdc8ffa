"""The staff forms in a real Chromium, with and without JavaScript.

An editor creates a declaration with two municipalities of one prefecture and sees the
members.multi_prefecture error in the checklist, adds a member in a second prefecture and
sees it go, adds a 経済団体, saves, submits; builds a vision with two projects and submits
it with its warnings acknowledged one by one; a viewer cannot edit. The same flow runs with
JavaScript turned off (the no-JS path: rows added and members picked by full-page posts).
Every page is checked with axe-core and photographed into test-artifacts/.
"""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import RegionRole
from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from tests.browser.conftest import BROWSER_TEST_MARKS, MOBILE
from tests.factories import RegionFactory, UserFactory
from visions.models import VisionRevision

pytestmark = BROWSER_TEST_MARKS

SLUG = "kita-tohoku"


@pytest.fixture
def staff():
    region = RegionFactory(slug=SLUG)
    editor = UserFactory(username="editor", last_name="青森", first_name="花子")
    viewer = UserFactory(username="viewer")
    RegionRole.objects.create(user=editor, region=region, role=RegionRole.Role.EDITOR)
    RegionRole.objects.create(user=viewer, region=region, role=RegionRole.Role.VIEWER)
    return region, editor, viewer


class Flow:
    """The editor's steps, the same with or without JavaScript; every step waits for what
    the server renders after it (a full page or an htmx swap)."""

    def __init__(self, page, base, check, shoot, prefix):
        self.page, self.base, self.check, self.shoot, self.prefix = page, base, check, shoot, prefix

    def look(self, name):
        self.check(self.page)
        self.page.evaluate("() => window.scrollTo(0, 0)")  # the sticky checklist at its place
        self.shoot(self.page, f"{self.prefix}-{name}")

    def click(self, name):
        self.page.get_by_role("button", name=name, exact=True).first.click()

    def saved(self, text="保存しました"):
        expect(self.page.locator(".messages")).to_contain_text(text)
        self.page.wait_for_load_state("load")  # with JavaScript, htmx is ready again

    def finding(self, code):
        return self.page.locator(f'#checklist li[data-code="{code}"]')

    def search_and_pick(self, query, code, name):
        self.page.fill("#master-q", query)
        self.page.get_by_role("button", name="検索", exact=True).click()
        pick = self.page.locator(f'button[name="pick"][value="{code}"]')
        expect(pick).to_be_visible()
        pick.click()
        expect(self.page.locator(f'#members-lg input[value="{name}"]')).to_have_count(1)

    def save_declaration(self):
        self.click("下書きを保存")
        self.saved()

    def tick_prefectures(self, field_id, *names):
        picker = self.page.locator(f"#{field_id}")
        picker.locator("summary").click()
        for name in names:
            picker.get_by_label(name, exact=True).check()


def run_main_flow(page, portal_url, sign_in, staff, check, shoot, prefix):
    region, editor, viewer = staff
    flow = Flow(page, portal_url, check, shoot, prefix)
    sign_in(editor)

    # The region has no revision: the overview offers to create the declaration.
    page.goto(f"{portal_url}/staff/{SLUG}/")
    flow.look("01-region-empty")
    scripts_ran = page.evaluate("() => typeof window.htmx === 'object'")
    flow.click("連携宣言書を作成する")
    expect(page.get_by_role("heading", name="連携宣言書 第1版")).to_be_visible()
    page.wait_for_load_state("load")
    flow.look("02-declaration-new")

    # Two municipalities of 青森県: the checklist shows members.multi_prefecture.
    page.fill("#id_region_name", "北東北広域リージョン")
    page.fill("#id_aspiration", "北東北の産業と観光を結び、若者が働き続けられる地域をつくる。")
    page.get_by_label("A 産業振興分野", exact=False).check()
    flow.search_and_pick("弘前", "022021", "弘前市")
    flow.search_and_pick("はちのへ", "022039", "八戸市")
    assert page.input_value("#id_region_name") == "北東北広域リージョン"  # nothing typed lost
    flow.save_declaration()
    expect(flow.finding("members.multi_prefecture")).to_have_count(1)
    expect(flow.finding("members.multi_prefecture")).to_have_class(re.compile("finding--error"))
    flow.look("03-declaration-one-prefecture")

    # A member in a second prefecture (岩手県): the error goes.
    flow.search_and_pick("いわて", "pref:030007", "岩手県")
    flow.save_declaration()
    expect(flow.finding("members.multi_prefecture")).to_have_count(0)

    # A 経済団体 with its activity area and the multi-industry attestation.
    expect(flow.finding("members.economic_organization")).to_have_count(1)
    flow.click("経済団体を追加")
    page.locator("#id_eco-0-name").fill("北東北経済連合会")
    page.get_by_label("構成員（企業・経営者など）が複数の業種にわたる").check()
    flow.tick_prefectures("id_eco-0-activity_prefectures", "青森県", "岩手県")
    flow.save_declaration()
    expect(page.locator("#checklist")).to_contain_text("要綱の記載事項をすべて満たしています")
    flow.look("04-declaration-complete")

    flow.click("連携宣言書を総務省へ送付する")
    flow.saved("送付しました")
    expect(page.locator("#declaration-form")).to_have_count(0)
    flow.look("05-declaration-submitted")
    assert DeclarationRevision.objects.get(declaration__region=region).status == Status.SUBMITTED

    # The vision, with two projects.
    page.goto(f"{portal_url}/staff/{SLUG}/")
    flow.click("連携ビジョンを作成する")
    expect(page.get_by_role("heading", name="連携ビジョン 第1版")).to_be_visible()
    page.fill("#id_aspiration", "2035年までに北東北を再生可能エネルギーと観光の拠点にする。")
    page.fill("#id_roadmap", "2026年度に体制を整え、2028年度までに二つのプロジェクトで成果を出す。")
    page.fill("#id_consulted_on", "2026-05-15")
    flow.look("06-vision-new")

    projects = [
        ("北東北ものづくり人材育成", ["弘前市（市区町村）", "北東北経済連合会（経済団体）"], True),
        (
            "北東北広域観光周遊",
            ["八戸市（市区町村）", "岩手県（都道府県）", "北東北経済連合会（経済団体）"],
            False,
        ),
    ]
    for number, (name, implementers, with_milestone) in enumerate(projects, 1):
        flow.click("保存してプロジェクトを追加")
        flow.saved("プロジェクトを追加しました")
        page.fill("#id_name", name)
        for label in implementers:
            page.locator("#id_implementers").get_by_label(label, exact=True).check()
        page.fill("#id_content", "県と市が場を、経済連合会が企業の参加を担う。")
        page.fill("#id_effects", "県境を越えた人の行き来が増える。")
        page.fill("#id_start", "2026-04-01")
        page.fill("#id_end", "2028-03-31")
        if with_milestone:
            flow.click("マイルストーンを追加")
            expect(page.locator("#id_milestones-0-target")).to_be_visible()
            page.fill("#id_milestones-0-date", "2027-03-31")
            page.fill("#id_milestones-0-target", "研修の開始")
        flow.click("プロジェクトを保存")
        flow.saved("プロジェクトを保存しました")
        flow.look(f"07-project-{number}")
        page.get_by_role("link", name="連携ビジョンに戻る").first.click()
        expect(page.get_by_role("heading", name="連携ビジョン 第1版")).to_be_visible()

    expect(page.locator("#projects tbody tr")).to_have_count(2)
    expect(page.locator("#checklist .finding--error")).to_have_count(0)
    warnings = page.locator('#submit input[name="acknowledge"]')
    # two plan references, one milestone, the two projects have no target yet, and the 協議
    # date has no 協議の記録 attached (consultation.record, ADR 0120)
    expect(warnings).to_have_count(6)
    codes = [value.split("|")[0] for value in warnings.evaluate_all("els => els.map(e => e.value)")]
    assert codes.count("project.targets") == 2, codes
    assert codes.count("consultation.record") == 1, codes
    flow.look("08-vision-ready")
    for index in range(6):
        warnings.nth(index).check()
    flow.click("連携ビジョンを総務省へ送付する")
    flow.saved("送付しました")
    flow.look("09-vision-submitted")
    assert VisionRevision.objects.get(vision__region=region).status == Status.SUBMITTED

    # A viewer reads but cannot edit.
    sign_in(viewer)
    page.goto(f"{portal_url}/staff/{SLUG}/declaration/1/")
    expect(page.locator("#declaration-form")).to_have_count(0)
    expect(page.get_by_role("button", name="下書きを保存")).to_have_count(0)
    page.goto(f"{portal_url}/staff/{SLUG}/")
    expect(page.get_by_role("button", name="連携宣言を変更する")).to_have_count(0)
    flow.look("10-viewer-region")
    return scripts_ran


def console_problems(page) -> list[str]:
    # A missing favicon is the only request allowed to fail.
    return [m for m in page.console_errors if "favicon" not in m and "404" not in m]


def test_editor_files_a_declaration_and_a_vision_with_javascript(
    browser_page, portal_url, sign_in, staff, assert_no_axe_violations, screenshot
):
    scripts_ran = run_main_flow(
        browser_page, portal_url, sign_in, staff, assert_no_axe_violations, screenshot, "staff-js"
    )

    assert scripts_ran
    assert console_problems(browser_page) == []


def test_the_same_flow_works_with_javascript_turned_off(
    browser, portal_url, client, staff, screenshot
):
    from django.conf import settings

    from tests.browser.conftest import DESKTOP

    context = browser.new_context(java_script_enabled=False, locale="ja-JP", viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)

    def sign_in(user):
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": portal_url}]
        )

    def no_check(page):
        """axe-core runs in the page, so it needs JavaScript: the test above checks every page."""

    try:
        scripts_ran = run_main_flow(
            page, portal_url, sign_in, staff, no_check, screenshot, "staff-nojs"
        )
        assert not scripts_ran  # htmx and staff.js never ran: every step was a full page
    finally:
        context.close()


def test_rows_are_added_in_place_and_removed_by_their_checkbox_with_htmx(
    browser_page, portal_url, sign_in, staff, screenshot
):
    region, editor, _viewer = staff
    sign_in(editor)
    page = browser_page
    page.goto(f"{portal_url}/staff/{SLUG}/")
    page.get_by_role("button", name="連携宣言書を作成する").click()
    expect(page.get_by_role("heading", name="連携宣言書 第1版")).to_be_visible()
    page.wait_for_load_state("load")  # htmx is ready
    page.fill("#id_region_name", "入力中の名前")
    page.fill("#master-q", "ひろさき")  # live search as you type

    pick = page.locator('button[name="pick"][value="022021"]')
    expect(pick).to_be_visible()
    url_before = page.url
    pick.click()
    expect(page.locator("#id_lg-0-name")).to_have_value("弘前市")
    expect(page.locator("#master-q")).to_be_focused()  # ready for the next member (ADR 0096)
    page.get_by_role("button", name="企業・大学などを追加").click()
    expect(page.locator("#id_body-0-name")).to_be_focused()
    assert page.url == url_before  # swapped in place, no page load
    assert page.input_value("#id_region_name") == "入力中の名前"

    page.get_by_label("この行を削除する").first.check()
    expect(page.locator("#row-lg-0 .member-row__fields")).to_be_hidden()
    screenshot(page, "staff-js-row-marked-for-deletion")
    page.get_by_role("button", name="下書きを保存").first.click()
    expect(page.locator(".messages")).to_contain_text("保存しました")
    assert DeclarationRevision.objects.get(declaration__region=region).members.count() == 0
    assert console_problems(page) == []


def test_staff_pages_fit_a_phone_screen(
    browser_page, portal_url, sign_in, staff, assert_no_axe_violations, screenshot
):
    _region, editor, _viewer = staff
    sign_in(editor)
    page = browser_page
    page.set_viewport_size(MOBILE)
    page.goto(f"{portal_url}/staff/{SLUG}/")
    page.get_by_role("button", name="連携宣言書を作成する").click()
    page.get_by_role("button", name="経済団体を追加").click()
    expect(page.locator("#id_eco-0-name")).to_be_visible()

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= MOBILE["width"], f"the page scrolls sideways ({width}px)"
    assert_no_axe_violations(page)
    screenshot(page, "staff-375-declaration")
