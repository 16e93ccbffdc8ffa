"""The read-only open-data API under /api/v1/ (django-ninja): published data only, the
licence in every response and in the OpenAPI document, 404/422 instead of errors."""

import pytest
from django.conf import settings
from django.core.cache import cache

from declarations.lifecycle import Status
from filing.bundle import filing_to_bundle, parse_bundle
from tests.prebuilt import restored
from tests.public_data import (
    changed_setouchi,
    publish_region,
    setouchi_change,
    skip_pdfs,
    valid_filing,
)

pytestmark = pytest.mark.django_db

LICENCE = {
    "name": settings.DATA_LICENCE["name"],
    "url": settings.DATA_LICENCE["url"],
    "note": settings.DATA_LICENCE["note"],
    "attribution": settings.PORTAL_NAME,
}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def setouchi(monkeypatch):
    skip_pdfs(monkeypatch)
    return restored(changed_setouchi)


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_root_names_the_endpoints_and_the_licence(client, setouchi):
    data = get_json(client, "/api/v1/")

    assert data["license"] == LICENCE
    assert data["openapi"].endswith("/api/v1/openapi.json")
    assert set(data["endpoints"]) == {
        "regions",
        "members",
        "projects",
        "budgets",
        "support-measures",
        "strategy",  # ADR 0121
    }
    assert data["downloads"]["strategy.csv"].endswith("/opendata/strategy.csv")
    assert data["downloads"]["regions.csv"].endswith("/opendata/regions.csv")
    assert data["downloads"]["catalog.jsonld"].endswith("/opendata/catalog.jsonld")  # ADR 0123


def test_root_names_every_open_data_file_and_each_answers(client, setouchi):
    """The root's downloads are the registry's files (every CSV, the long-format companions
    of ADR 0129, the feed) and the catalogue; each link answers 200."""
    from urllib.parse import urlsplit

    from public.datasets import csv_distributions

    downloads = get_json(client, "/api/v1/")["downloads"]

    names = {distribution.title for distribution in csv_distributions()}
    assert names <= set(downloads), names - set(downloads)
    assert {"region-prefectures.csv", "project-implementers.csv", "publications.atom"} <= set(
        downloads
    )
    for name, link in downloads.items():
        response = client.get(urlsplit(link).path)
        assert response.status_code == 200, name


def test_openapi_document_states_the_licence_and_every_path(client):
    data = get_json(client, "/api/v1/openapi.json")

    assert data["openapi"].startswith("3.1")
    assert data["info"]["license"] == {
        "name": settings.DATA_LICENCE["name"],
        "url": settings.DATA_LICENCE["url"],
    }
    assert settings.DATA_LICENCE["name"] in data["info"]["description"]
    assert {
        "/api/v1/",
        "/api/v1/regions",
        "/api/v1/regions/{slug}",
        "/api/v1/regions/{slug}/revisions",
        "/api/v1/regions/{slug}/revisions/{key}",
        "/api/v1/regions/{slug}/members",
        "/api/v1/regions/{slug}/projects",
        "/api/v1/regions/{slug}/budgets",
        "/api/v1/members",
        "/api/v1/projects",
        "/api/v1/budgets",
        "/api/v1/support-measures",
    } <= set(data["paths"])
    assert "404" in data["paths"]["/api/v1/regions/{slug}"]["get"]["responses"]
    assert "422" in data["paths"]["/api/v1/regions"]["get"]["responses"]


def test_no_docs_page_that_would_load_swagger_from_a_cdn(client):
    assert client.get("/api/v1/docs").status_code == 404


def test_every_data_endpoint_carries_the_licence(client, setouchi):
    for url in (
        "/api/v1/regions",
        "/api/v1/regions/setouchi",
        "/api/v1/regions/setouchi/revisions",
        "/api/v1/regions/setouchi/revisions/d1",
        "/api/v1/regions/setouchi/members",
        "/api/v1/regions/setouchi/projects",
        "/api/v1/regions/setouchi/budgets",
        "/api/v1/members",
        "/api/v1/projects",
        "/api/v1/budgets",
    ):
        assert get_json(client, url)["license"] == LICENCE, url


def test_region_list_searches_and_pages(client, setouchi, monkeypatch):
    publish_region("second", _renamed("第二の地域"))

    everything = get_json(client, "/api/v1/regions")
    by_kana = get_json(client, "/api/v1/regions", q="クラシキ", limit=1)
    second_page = get_json(client, "/api/v1/regions", limit=1, offset=1)

    assert everything["count"] == 2
    assert {item["slug"] for item in everything["items"]} == {"setouchi", "second"}
    assert by_kana["count"] == 2 and len(by_kana["items"]) == 1
    assert second_page["offset"] == 1 and len(second_page["items"]) == 1
    item = next(i for i in everything["items"] if i["slug"] == "setouchi")
    assert item["status"] == "active"
    assert [p["code"] for p in item["prefectures"]] == ["33", "34", "37"]
    assert item["member_count"] == 14 and item["project_count"] == 3
    assert item["url"].endswith("/regions/setouchi/")


def _renamed(name):
    from dataclasses import replace

    filing = valid_filing()
    return replace(filing, declaration=replace(filing.declaration, region_name=name))


def test_region_detail_is_the_current_revision(client, setouchi):
    region = get_json(client, "/api/v1/regions/setouchi")["region"]

    assert region["name"] == "瀬戸内広域リージョン"
    assert region["declaration"]["key"] == "d2" and region["declaration"]["kind"] == "changed"
    assert region["vision"]["key"] == "v2"
    assert "造船・観光・交通" in region["aspiration"]
    assert [f["code"] for f in region["fields"]] == ["industry", "tourism", "transport", "other"]


def test_revisions_list_every_publication_with_its_bundle_url(client, setouchi):
    items = get_json(client, "/api/v1/regions/setouchi/revisions")["items"]

    assert [i["key"] for i in items] == ["d1", "v1", "d2", "v2"]
    assert items[0]["bundle_url"].endswith("/api/v1/regions/setouchi/revisions/d1")


def test_bundle_of_a_publication_is_the_design_bundle_of_that_state(client, setouchi):
    first = get_json(client, "/api/v1/regions/setouchi/revisions/v1")
    current = get_json(client, "/api/v1/regions/setouchi/revisions/v2")

    assert first["bundle"] == filing_to_bundle(valid_filing())
    assert parse_bundle(current["bundle"]) == setouchi_change(valid_filing())
    assert first["publication"]["key"] == "v1"


def test_state_before_the_vision_has_a_bundle_without_vision(client, setouchi):
    bundle = get_json(client, "/api/v1/regions/setouchi/revisions/d1")["bundle"]

    assert "vision" not in bundle
    assert bundle["region"]["name"] == "瀬戸内広域リージョン"


def test_members_projects_and_budgets_of_a_region(client, setouchi):
    members = get_json(client, "/api/v1/regions/setouchi/members")["items"]
    projects = get_json(client, "/api/v1/regions/setouchi/projects")["items"]
    budgets = get_json(client, "/api/v1/regions/setouchi/budgets")

    assert members[-1] == {
        "key": "shipyard",
        "name": "瀬戸内造船株式会社",
        "kind": "company",
        "kind_label": "企業",
        "lg_code": "",
        "area_prefectures": [],
        "activity_prefectures": [],
        "multi_industry": False,
        "corporate_number": "",
    }
    assert projects[0]["budget_total"] == 310_000_000
    assert "瀬戸内造船株式会社" in projects[0]["implementers"]
    assert projects[1]["has_budget"] is False and projects[1]["budget"] == []
    assert budgets["total"] == 310_000_000 + 150_000_000
    assert budgets["by_fiscal_year"][0] == {
        "fiscal_year": 2026,
        "amount": 140_000_000,
        "amount_text": "140,000,000円",
    }


def test_members_across_regions_found_by_kana(client, setouchi):
    data = get_json(client, "/api/v1/members", q="ふくやま")

    assert data["count"] == 1
    assert data["items"][0]["name"] == "福山市"
    assert data["items"][0]["region"] == "setouchi"


def test_projects_across_regions_and_site_budgets(client, setouchi):
    projects = get_json(client, "/api/v1/projects", q="ＭａａＳ")
    budgets = get_json(client, "/api/v1/budgets")

    assert [p["name"] for p in projects["items"]] == ["瀬戸内MaaS推進プロジェクト"]
    assert budgets["total"] == 460_000_000
    industry = next(f for f in budgets["by_field"] if f["field"] == "industry")
    assert sum(y["amount"] for y in industry["by_fiscal_year"]) == 460_000_000


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/regions/nowhere",
        "/api/v1/regions/setouchi/revisions/d9",
        "/api/v1/regions/setouchi/revisions/zz",
        "/api/v1/regions/setouchi/revisions/" + "d" * 500,
        "/api/v1/regions/nowhere/revisions",
        "/api/v1/regions/nowhere/members",
        "/api/v1/regions/nowhere/projects",
        "/api/v1/regions/nowhere/budgets",
        "/api/v1/regions/" + "x" * 1000,
        "/api/v1/regions/%E3%81%82%00",
    ],
)
def test_unknown_region_or_publication_is_404_with_a_message(client, setouchi, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "100000"},
        {"limit": "abc"},
        {"offset": "-1"},
        {"q": "あ" * 201},
    ],
)
def test_malformed_parameters_are_422(client, setouchi, params):
    response = client.get("/api/v1/regions", params)

    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [{"prefecture": "99"}, {"field": "<x>"}, {"kind": "\x00"}, {"sort": "evil"}, {"q": "%_"}],
)
def test_unknown_filter_values_are_ignored_not_errors(client, setouchi, params):
    assert client.get("/api/v1/regions", params).status_code == 200


def test_unpublished_regions_are_not_in_the_api(client, monkeypatch):
    skip_pdfs(monkeypatch)
    publish_region("draft-only", status=Status.DRAFT)
    publish_region("returned", status=Status.RETURNED)

    assert get_json(client, "/api/v1/regions")["count"] == 0
    assert client.get("/api/v1/regions/draft-only").status_code == 404
    assert client.get("/api/v1/regions/returned/revisions/d1").status_code == 404
    assert get_json(client, "/api/v1/members")["count"] == 0


def test_api_is_read_only(client, setouchi):
    assert client.post("/api/v1/regions", {}).status_code == 405
    assert client.delete("/api/v1/regions/setouchi").status_code == 405


def test_region_endpoint_queries_do_not_grow_with_size(
    client, monkeypatch, django_assert_max_num_queries
):
    from tests.public_data import generated_filing

    skip_pdfs(monkeypatch)
    publish_region("big", generated_filing(3, members=60, projects=30))
    client.get("/api/v1/regions/big/projects")  # master data read once per process

    # Each answer made afresh (not from the kept answers, ADR 0106), with its stamp's query.
    cache.clear()
    with django_assert_max_num_queries(14):
        assert client.get("/api/v1/regions/big/projects").status_code == 200
    cache.clear()
    with django_assert_max_num_queries(9):
        assert client.get("/api/v1/projects").status_code == 200


def test_a_projects_own_fields_are_codes_in_the_order_of_the_yoko(client, monkeypatch):
    from dataclasses import replace

    from filing.data import FieldCode

    skip_pdfs(monkeypatch)
    filing = valid_filing()
    first, *rest = filing.vision.projects
    first = replace(first, fields=(FieldCode.OTHER, FieldCode.TOURISM))
    publish_region(
        "setouchi", replace(filing, vision=replace(filing.vision, projects=(first, *rest)))
    )

    projects = get_json(client, "/api/v1/regions/setouchi/projects")["items"]

    assert projects[0]["fields"] == ["tourism", "other"]
    assert projects[1]["fields"] == []
