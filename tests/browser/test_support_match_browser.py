"""「このプロジェクトに関連する国の支援措置」 in a real Chromium (ADR 0115): a published measure
that serves a published project's field shows on the public region page under that project,
with its reason and its link; a reviewer's pin puts another first with the note. axe-core
finds nothing on the region page with the measures."""

from dataclasses import replace

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from filing.data import FieldCode
from support.match_services import match_pin
from support.models import SupportMeasure
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.factories import UserFactory
from tests.public_data import publish_region, skip_pdfs, valid_filing

pytestmark = BROWSER_TEST_MARKS

MAAS = "瀬戸内MaaS推進プロジェクト"


@pytest.fixture
def setouchi(monkeypatch):
    """瀬戸内 published, its MaaS project serving C 交通, the others A 産業振興."""
    skip_pdfs(monkeypatch)
    cache.clear()
    filing = valid_filing()
    projects = tuple(
        replace(p, fields=(FieldCode.TRANSPORT,) if p.name == MAAS else (FieldCode.INDUSTRY,))
        for p in filing.vision.projects
    )
    region = publish_region(
        "setouchi", replace(filing, vision=replace(filing.vision, projects=projects))
    ).region
    cache.clear()
    return region


def test_a_matching_measure_shows_under_its_published_project(
    browser_page, portal_url, setouchi, screenshot, assert_no_axe_violations
):
    SupportMeasure.objects.create(
        name="地域公共交通確保維持改善事業",
        ministry="国土交通省",
        kind="subsidy",
        fields=["transport"],
        url="https://www.mlit.go.jp/",
        is_published=True,
    )
    pinned = SupportMeasure.objects.create(
        name="地域未来交付金", ministry="内閣府", kind="grant", fields=[], is_published=True
    )
    SupportMeasure.objects.create(
        name="非公表の交通の補助", ministry="国土交通省", fields=["transport"], is_published=False
    )
    match_pin(
        region=setouchi,
        project_name=MAAS,
        measure=pinned,
        note="県境の路線に使えます",
        actor=UserFactory(username="shinsa", is_staff=True),
    )
    page = browser_page

    page.goto(f"{portal_url}/regions/setouchi/")

    project = page.locator("article.project").filter(
        has=page.get_by_role("heading", name=MAAS, level=4)
    )
    section = project.locator("section.support-matches")
    expect(
        section.get_by_role("heading", name="このプロジェクトに関連する国の支援措置")
    ).to_be_visible()
    items = section.locator("li.support-matches__item")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("地域未来交付金")
    expect(items.nth(0)).to_contain_text("県境の路線に使えます")
    expect(items.nth(1)).to_contain_text("分野: C 交通")
    expect(items.nth(1).get_by_role("link", name="地域公共交通確保維持改善事業")).to_have_attribute(
        "href", "https://www.mlit.go.jp/"
    )
    expect(page.get_by_text("非公表の交通の補助")).to_have_count(0)
    other = page.locator("article.project").filter(has_not=page.get_by_role("heading", name=MAAS))
    expect(other.first.get_by_text("地域公共交通確保維持改善事業")).to_have_count(0)
    assert_no_axe_violations(page)
    screenshot(page, "support-matches-region")
