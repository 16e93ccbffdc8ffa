# ruff: noqa: F811 (pytest fixtures imported from tests.review_helpers)
"""Milestones in date order everywhere they are shown (ADR 0096): a project whose author
wrote them out of order (2029, undated, 2026, 2027) is read back in date order, undated last,
by the ORM (``Milestone.Meta.ordering``), and so on the staff project page, the reviewer's
page, the public region page, the API, the CSV and the vision PDF."""

import csv
import io
import json
from dataclasses import replace
from datetime import date

import pytest
from django.core.cache import cache
from django.db.models import Prefetch

from documents.render import DocumentMeta
from documents.vision_pdf import vision_pdf
from filing.data import MilestoneData
from projects.models import Milestone, Project
from tests.documents.helpers import flat_text
from tests.public_data import publish_region, skip_pdfs, valid_filing
from tests.review_helpers import reviewer, signed_in  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

WRITTEN = (
    MilestoneData(date(2029, 3, 31), "マイル丙"),
    MilestoneData(None, "マイル丁"),
    MilestoneData(date(2026, 6, 1), "マイル甲"),
    MilestoneData(date(2027, 3, 31), "マイル乙"),
)
IN_ORDER = ["マイル甲", "マイル乙", "マイル丙", "マイル丁"]


def shuffled():
    filing = valid_filing()
    first, *rest = filing.vision.projects
    return replace(
        filing, vision=replace(filing.vision, projects=(replace(first, milestones=WRITTEN), *rest))
    )


def order_in(text: str) -> list[str]:
    found = sorted((text.index(name), name) for name in IN_ORDER if name in text)
    assert len(found) == 4, text[:2000]
    return [name for _index, name in found]


@pytest.fixture
def published(monkeypatch):
    skip_pdfs(monkeypatch)
    cache.clear()
    yield publish_region("setouchi", shuffled())
    cache.clear()


@pytest.fixture
def project(published):
    return published.vision_revision.projects.order_by("position").first()


def test_the_author_order_is_stored_and_read_back_in_date_order(project):
    assert [m.target for m in Milestone.objects.filter(project=project).order_by("position")] == [
        "マイル丙",
        "マイル丁",
        "マイル甲",
        "マイル乙",
    ]
    assert [m.target for m in project.milestones.all()] == IN_ORDER
    prefetched = Project.objects.prefetch_related("milestones").get(pk=project.pk)
    assert [m.target for m in prefetched.milestones.all()] == IN_ORDER
    plain = Project.objects.prefetch_related(Prefetch("milestones")).get(pk=project.pk)
    assert [m.target for m in plain.milestones.all()] == IN_ORDER


def test_the_staff_project_page_shows_them_in_date_order(client, project, published):
    from accounts.models import RegionRole
    from tests.factories import UserFactory

    user = UserFactory(username="milestone-viewer")
    RegionRole.objects.create(user=user, region=published.region, role=RegionRole.Role.VIEWER)
    client.force_login(user)

    html = client.get(f"/staff/setouchi/vision/1/projects/{project.pk}/").content.decode()

    assert order_in(html) == IN_ORDER


def test_the_reviewers_page_shows_them_in_date_order(reviewer, published):
    url = f"/admin/reviews/review/revisions/vision/{published.vision_revision.pk}/"

    assert order_in(signed_in(reviewer).get(url).content.decode()) == IN_ORDER


def test_the_public_region_page_the_api_and_the_csv_show_them_in_date_order(client, published):
    page = client.get("/regions/setouchi/").content.decode()
    api = client.get("/api/v1/regions/setouchi/projects")
    rows = list(
        csv.reader(io.StringIO(client.get("/opendata/projects.csv").content.decode("utf-8-sig")))
    )

    assert order_in(page) == IN_ORDER
    projects = api.json()["items"] if "items" in api.json() else api.json()
    first = next(p for p in projects if any(m["target"] == "マイル甲" for m in p["milestones"]))
    assert [m["target"] for m in first["milestones"]] == IN_ORDER
    assert order_in(json.dumps(rows, ensure_ascii=False)) == IN_ORDER


def test_the_vision_pdf_lists_them_in_date_order():
    meta = DocumentMeta(number=1, dated=date(2026, 4, 1))

    assert order_in(flat_text(vision_pdf(shuffled(), meta=meta))) == IN_ORDER
