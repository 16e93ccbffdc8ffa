"""A region's summary as HTML (public.views.summary, ADR 0124): at /en/regions/<slug>/summary/
in English, with the name, the area, the members, the summary and the projects as filed."""

from dataclasses import replace

import pytest
from django.core.cache import cache

from tests.public_data import abolished, change_region, publish_region, skip_pdfs, valid_filing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    skip_pdfs(monkeypatch)
    cache.clear()
    yield
    cache.clear()


def test_the_english_summary_has_the_region_its_members_and_projects(client):
    filing = valid_filing()
    filing = replace(
        filing,
        declaration=replace(
            filing.declaration, region_name_en="Setouchi", aspiration_en="Islands."
        ),
    )
    publish_region("setouchi", filing)

    response = client.get("/en/regions/setouchi/summary/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert '<span lang="en">Setouchi</span>' in page and '<span lang="en">Islands.</span>' in page
    for project in filing.vision.projects:
        assert f'<li><span lang="ja">{project.name}</span>' in page
    assert "Okayama" in page  # a prefecture member, by its English name (master data)
    municipality = next(m for m in filing.members if m.kind == "municipality")
    assert f'<span lang="ja">{municipality.name}</span>' in page
    assert 'href="/en/regions/setouchi/"' in page  # the full page, with the PDFs


def test_the_summary_is_linked_from_the_region_page_in_both_languages(client):
    publish_region("setouchi")

    assert 'href="/regions/setouchi/summary/"' in client.get("/regions/setouchi/").content.decode()
    assert (
        'href="/en/regions/setouchi/summary/"'
        in client.get("/en/regions/setouchi/").content.decode()
    )


def test_an_unknown_or_unpublished_region_has_no_summary(client):
    assert client.get("/en/regions/nowhere/summary/").status_code == 404
    assert client.get("/en/regions/bad%00slug/summary/").status_code == 404


def test_an_abolished_region_has_no_projects_in_its_summary(client):
    first = publish_region("setouchi")
    change_region(first.region, abolished(valid_filing()))

    page = client.get("/en/regions/setouchi/summary/").content.decode()

    assert 'class="badge badge--abolished"' in page
    assert valid_filing().vision.projects[0].name not in page
