"""The whole life of a vision of issue 15 in a real Chromium, through the screens people use:

1. an editor writes a project's 目標（指標）in the staff project form of a draft vision (the
   form path of ADR 0104; no other browser test files a target) and sends the vision;
2. a reviewer accepts the vision in the admin (published with its target);
3. the editor enters the 実績 of an ended 年度 in the staff results grid and sends the 年度
   (ADR 0109); the reviewer accepts it in the admin (published, ADR 0110);
4. the editor files a 検証 record, the reviewer accepts and publishes it (ADR 0105);
5. an anonymous visitor reads the project's chart (SVG and its data table) and the
   verification history on the region page, and downloads /opendata/targets.csv with the
   result in it (ADR 0111).

Every screen visited is checked with axe-core, and no page logs a CSP or script error.
"""

import csv
import importlib
import io
import re
from dataclasses import replace

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.core.cache import cache
from playwright.sync_api import expect

from accounts.models import RegionRole
from declarations.lifecycle import Status
from filing.formatting import nendo
from projects.models import ProjectTarget
from reports.models import TargetResult, Verification
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.test_review_browser import csp_errors, reviewer_group, switch_to
from tests.factories import UserFactory
from tests.public_data import skip_pdfs
from tests.reports.result_helpers import past_filing
from tests.review_helpers import submit
from workflow.adapter import filing_import
from workflow.verbs import revision_accept

pytestmark = BROWSER_TEST_MARKS

SLUG = "setouchi"
TARGET = "移住相談の件数"


def report_permissions(group) -> None:
    """The reviewers' permissions on verifications and results (reports 0002 and 0004), made
    again after a transactional test flushed the tables."""
    create_permissions(django_apps.get_app_config("reports"), verbosity=0)
    codenames = [
        *importlib.import_module("reports.migrations.0002_reviewer_permissions").PERMISSIONS,
        *importlib.import_module("reports.migrations.0004_result_reviewer_permissions").PERMISSIONS,
    ]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="reports", codename__in=codenames)
    )


@pytest.fixture
def life(monkeypatch):
    """A draft vision whose projects began two 年度 ago (that 年度 has ended) and have no
    target yet; its declaration already published (not this test's subject)."""
    skip_pdfs(monkeypatch)
    cache.clear()
    filing, year = past_filing()
    filing = replace(
        filing,
        vision=replace(
            filing.vision,
            projects=tuple(replace(p, targets=()) for p in filing.vision.projects),
        ),
    )
    imported = filing_import(filing, slug=SLUG)
    editor = UserFactory(
        username="editor", email="editor@setouchi.example.jp", last_name="瀬戸", first_name="花子"
    )
    RegionRole.objects.create(user=editor, region=imported.region, role=RegionRole.Role.EDITOR)
    reviewer = UserFactory(
        username="shinsa", email="shinsa@soumu.example.jp", is_staff=True, last_name="審査"
    )
    group = reviewer_group()
    report_permissions(group)
    reviewer.groups.add(group)
    submit(imported.declaration_revision, editor)
    revision_accept(revision=imported.declaration_revision, actor=reviewer)
    return imported, editor, reviewer, year


def accept_in_admin(page, url, button, message):
    page.goto(url)
    page.get_by_role("button", name=button).click()
    expect(page.locator(".messagelist")).to_contain_text(message)


def test_targets_results_and_a_verification_from_filing_to_the_public_chart_and_csv(
    browser_page, portal_url, sign_in, assert_no_axe_violations, screenshot, life
):
    imported, editor, reviewer, year = life
    page = browser_page
    vision = imported.vision_revision
    first = vision.projects.order_by("position").first()
    vision_url = f"{portal_url}/staff/{SLUG}/vision/{vision.number}/"

    # 1. The editor adds a target to the first project in the staff form and saves it.
    switch_to(page, sign_in, editor)
    page.goto(f"{vision_url}projects/{first.pk}/")
    targets = page.locator("#p-targets")
    expect(targets).to_contain_text("まだありません。")
    # Every field of the page belongs to the project form (a form nested in it would end it),
    # but for the delete box and the attachments box, which are forms of their own after it.
    owners = page.evaluate(
        """() => [...document.querySelectorAll('#project-form ~ * [name], .form-section [name]')]
                 .filter((field) => !field.closest('#delete') && !field.closest('#attachments'))
                 .map((field) => field.form ? field.form.id : 'none')"""
    )
    assert len(owners) > 20 and set(owners) == {"project-form"}
    targets.get_by_role("button", name="目標を追加").click()
    expect(targets.get_by_label("指標名")).to_have_count(1)
    targets.get_by_label("指標名").fill(TARGET)
    targets.get_by_label("単位").fill("件")
    targets.get_by_label("基準値", exact=True).fill("１２０")
    targets.get_by_label("基準値の時点").fill(f"{year}-03-31")
    targets.get_by_label(f"目標 1: {nendo(year)}の目標値").fill("150")
    targets.get_by_label(f"目標 1: {nendo(year + 1)}の目標値").fill("-5")  # a count below zero
    targets.get_by_label("最終目標の年度").select_option(str(year + 2))
    targets.get_by_label("最終目標の値").fill("200")
    targets.get_by_label("出典（数値の出どころ）").fill("移住相談窓口の記録")
    page.get_by_role("button", name="プロジェクトを保存").first.click()
    # The typo is told on its cell, nothing saved, every typed value kept.
    expect(page.locator(".error-summary")).to_contain_text("マイナスにできません")
    expect(targets.get_by_label(f"目標 1: {nendo(year + 1)}の目標値")).to_have_value("-5")
    expect(targets.get_by_label("指標名")).to_have_value(TARGET)
    assert not ProjectTarget.objects.filter(project__revision=vision).exists()
    assert_no_axe_violations(page)

    targets.get_by_label(f"目標 1: {nendo(year + 1)}の目標値").fill("180")
    page.get_by_role("button", name="プロジェクトを保存").first.click()
    expect(page.locator(".messages")).to_contain_text("保存しました")
    stored = ProjectTarget.objects.get(project__revision=vision)
    assert (stored.name, stored.unit, stored.final_year) == (TARGET, "件", year + 2)
    assert stored.value_list() == [(year, 150), (year + 1, 180)]
    assert_no_axe_violations(page)
    screenshot(page, "life-01-project-target")

    # The vision is sent: the first project no longer has the project.targets warning, the
    # second (still without a target) has it, acknowledged before sending.
    page.goto(vision_url)
    checklist = page.locator("#checklist")
    expect(checklist.locator('li[data-code="project.targets"]')).to_have_count(1)
    warnings = page.locator('#submit input[name="acknowledge"]')
    for index in range(warnings.count()):
        warnings.nth(index).check()
    page.get_by_role("button", name="連携ビジョンを総務省へ送付する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("受付票")
    vision.refresh_from_db()
    assert vision.status == Status.SUBMITTED

    # 2. The reviewer accepts the vision: published, with its target.
    switch_to(page, sign_in, reviewer)
    accept_in_admin(
        page,
        f"{portal_url}/admin/reviews/review/revisions/vision/{vision.pk}/",
        "受理する",
        "受理し、公表しました",
    )
    vision.refresh_from_db()
    assert vision.status == Status.PUBLISHED

    # 3. The editor enters the result of the ended 年度 in the grid and sends the 年度.
    switch_to(page, sign_in, editor)
    page.goto(f"{portal_url}/staff/{SLUG}/")
    page.get_by_role("link", name="目標の実績（年度ごと）").click()
    page.get_by_role("link", name=re.compile(f"^1\\. {first.name}$")).click()
    expect(page.get_by_role("columnheader", name=nendo(year))).to_be_visible()
    page.get_by_role("link", name=re.compile(f"^入力する\\s*（{TARGET} {nendo(year)}）$")).click()
    page.get_by_label("実績値").fill("１６３")
    page.get_by_label("備考").fill("窓口の相談記録から集計")
    page.get_by_role("button", name="下書きを保存").click()
    expect(page.locator(".messages")).to_contain_text("下書きとして保存しました")
    page.get_by_role(
        "button", name=re.compile(f"^この年度の実績を送付\\s*（{nendo(year)}）$")
    ).click()
    expect(page.locator(".messages")).to_contain_text("実績 1 件を送付しました")
    result = TargetResult.objects.get()
    assert (result.status, result.fiscal_year, result.value) == (Status.SUBMITTED, year, 163)
    assert_no_axe_violations(page)

    # The reviewer accepts it in the admin: published.
    switch_to(page, sign_in, reviewer)
    accept_in_admin(
        page,
        f"{portal_url}/admin/reports/targetresult/{result.pk}/change/",
        "受理して公表",
        "受理し、公表しました",
    )
    result.refresh_from_db()
    assert result.status == Status.PUBLISHED
    assert_no_axe_violations(page)

    # 4. The editor files a 検証 record and sends it; the reviewer accepts and publishes it.
    switch_to(page, sign_in, editor)
    page.goto(f"{portal_url}/staff/{SLUG}/")
    page.get_by_role("link", name="連携ビジョンの検証（第4(3)）").click()
    page.get_by_role("button", name="検証を始める").click()
    expect(page.locator("#verification-form")).to_be_visible()
    page.get_by_label("対象期間（始まり）").fill(f"{year}-04-01")
    page.get_by_label("対象期間（終わり）").fill(f"{year + 1}-03-31")
    page.locator("#id_verified_on").fill(f"{year + 1}-05-20")
    for select in page.locator("select[name$='_rating']").all():
        select.select_option(label="おおむね順調")
    for text in page.locator("textarea[name$='_text']").all():
        text.fill("移住相談は目標を上回った。")
    page.get_by_label("継続").check()
    page.get_by_label("検証の概要").fill("移住相談の件数は目標の150件を上回り163件だった。")
    page.get_by_role("button", name="保存して送付").click()
    expect(page.locator(".messages")).to_contain_text("第1回の検証を送付しました")
    verification = Verification.objects.get()
    assert verification.status == Status.SUBMITTED
    assert_no_axe_violations(page)

    switch_to(page, sign_in, reviewer)
    accept_in_admin(
        page,
        f"{portal_url}/admin/reports/verification/{verification.pk}/change/",
        "受理して公表",
        "受理し、公表しました",
    )
    verification.refresh_from_db()
    assert verification.status == Status.PUBLISHED
    assert csp_errors(page) == []

    # 5. An anonymous visitor reads the chart, its table and the verification history.
    page.context.clear_cookies()
    page.goto(f"{portal_url}/regions/{SLUG}/")
    block = page.locator(".target-results").filter(has_text=f"{TARGET} の目標と実績")
    expect(block).to_have_count(1)
    chart = block.locator("svg.chart--target[role='img']")
    expect(chart).to_have_count(1)
    expect(chart.locator("rect.chart__result-bar title")).to_contain_text(["163"])
    expect(chart.locator("polyline.chart__target-line")).to_have_count(1)
    row = block.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=nendo(year)))
    expect(row.locator("td")).to_have_text(["150件", "163件", "窓口の相談記録から集計"])
    history = page.locator("#verifications")
    expect(history).to_contain_text("第1回の検証")
    expect(history).to_contain_text("移住相談の件数は目標の150件を上回り163件だった。")
    assert_no_axe_violations(page)
    screenshot(page, "life-02-public-region")

    response = page.request.get(f"{portal_url}/opendata/targets.csv")
    assert response.status == 200
    text = response.body().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    ours = {r["年度"]: r for r in rows if r["リージョン識別名"] == SLUG and r["指標名"] == TARGET}
    assert ours[str(year)]["目標値"] == "150" and ours[str(year)]["実績値"] == "163"
    assert ours[str(year)]["実績の備考"] == "窓口の相談記録から集計"
    assert ours[str(year)]["単位"] == "件"
    assert ours[str(year + 1)]["実績値"] == ""
    assert csp_errors(page) == []
