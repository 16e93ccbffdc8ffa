"""The reviewers' overview lists the 年度 whose results have not come (ministry.selectors
``missing_result_rows`` over ``reports.selectors.missing_results``, ADR 0108): region,
project, how many targets, 年度 and days past the reminder day, linked to the region."""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import RegionRole
from ministry.selectors import missing_result_rows
from reports.result_services import ResultInput, result_save, results_submit_year
from reports.selectors import result_targets
from tests.factories import UserFactory
from tests.public_data import publish_region, skip_pdfs
from tests.reports.helpers import shinsa  # noqa: F401 (fixtures)
from tests.reports.result_helpers import past_filing, reviewer_result_permissions
from tests.review_helpers import signed_in

pytestmark = pytest.mark.django_db

OVERVIEW = "/admin/reviews/review/overview/"


@pytest.fixture
def past(monkeypatch):
    skip_pdfs(monkeypatch)
    filing, year = past_filing()
    published = publish_region("hokkaido-aomori", filing)
    return SimpleNamespace(
        region=published.region, vision_revision=published.vision_revision, year=year
    )


def test_the_rows_count_the_targets_per_project_and_the_days_overdue(past):
    today = date(past.year + 1, 6, 1)
    rows = missing_result_rows(today=today)
    assert [(r.project_name, r.target_count, r.fiscal_year) for r in rows] == [
        ("次世代半導体クラスター形成", 1, past.year),
        ("広域観光周遊ルート", 1, past.year),
    ]
    due = date(past.year + 1, 3, 31) + timedelta(days=settings.RESULT_REMINDER_DAYS)
    assert rows[0].days_overdue == (today - due).days == 2
    assert rows[0].region_name == "北海道・青森リージョン"
    assert rows[0].region == past.region


def test_the_overview_lists_the_missing_year_linked_to_the_region(past, shinsa):
    page = signed_in(shinsa).get(OVERVIEW)
    assert page.status_code == 200
    assert "実績が届いていない年度" in page.text
    section = page.text.split("実績が届いていない年度", 1)[1].split("</section>", 1)[0]
    assert "北海道・青森リージョン" in section
    assert "次世代半導体クラスター形成" in section and "広域観光周遊ルート" in section
    assert reverse("admin:declarations_region_change", args=[past.region.pk]) in section
    ended = date(past.year + 1, 3, 31) + timedelta(days=settings.RESULT_REMINDER_DAYS)
    assert f"{(timezone.localdate() - ended).days}日" in section


def test_a_year_whose_results_were_sent_leaves_the_list(past, shinsa):
    editor = UserFactory(username="editor")
    RegionRole.objects.create(user=editor, region=past.region, role=RegionRole.Role.EDITOR)
    keys = list(result_targets(past.vision_revision))
    for key in keys:
        result_save(region=past.region, actor=editor, given=ResultInput(key, past.year, Decimal(3)))
    results_submit_year(region=past.region, fiscal_year=past.year, keys=keys, actor=editor)
    assert not [r for r in missing_result_rows() if r.fiscal_year == past.year]
    reviewer_result_permissions()
    page = signed_in(shinsa).get(OVERVIEW)
    section = page.text.split("実績が届いていない年度", 1)[1].split("</section>", 1)[0]
    # the last 年度 may be due too (after its 5月30日); 2年前の年度 is gone
    from filing.formatting import nendo

    assert nendo(past.year) not in section
