"""The data licence (ADR 0123): PDL 1.0 by default, compatible with CC BY 4.0, configured in one
place (settings.DATA_LICENCE through public.licence) and stated in every API body, on every CSV
(a Link header), in the Atom feed and on the open-data page."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from public.datasets import DATASETS, JSON
from public.licence import data_licence
from tests.public.opendata_helpers import publish_open_data
from tests.public_data import skip_pdfs

pytestmark = pytest.mark.django_db

PDL_URL = "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0"
OTHER = {"name": "別の規約 9.9", "url": "https://example.org/terms", "note": "別の注記"}
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(monkeypatch):
    skip_pdfs(monkeypatch)
    return publish_open_data()


def test_the_default_is_pdl_1_0_stated_as_compatible_with_cc_by_4_0():
    licence = data_licence()
    assert licence.url == PDL_URL
    assert "公共データ利用規約 第1.0版" in licence.name and "PDL1.0" in licence.name
    assert "CC BY 4.0" in licence.note and "互換" in licence.note
    assert licence.attribution == settings.PORTAL_NAME


def api_paths():
    paths = ["/api/v1/", "/api/v1/regions/setouchi", "/api/v1/regions/setouchi/members"]
    paths += ["/api/v1/regions/setouchi/projects", "/api/v1/regions/setouchi/targets"]
    paths += [
        reverse(d.url_name)
        for dataset in DATASETS
        for d in dataset.distributions
        if d.media_type == JSON
    ]
    return paths


@override_settings(DATA_LICENCE=OTHER)
def test_every_api_body_csv_feed_and_the_page_state_the_configured_licence(client, published):
    for path in api_paths():
        body = client.get(path).json()
        assert body["license"] == {**OTHER, "attribution": settings.PORTAL_NAME}, path
    for dataset in DATASETS:
        for distribution in dataset.distributions:
            if distribution.format == "CSV":
                response = client.get(reverse(distribution.url_name))
                assert response["Link"] == '<https://example.org/terms>; rel="license"'
    feed = ET.fromstring(client.get("/feeds/publications.atom").content)
    rights = feed.findtext(f"{ATOM}rights")
    assert "別の規約 9.9" in rights and "https://example.org/terms" in rights
    assert "別の注記" in rights
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["license"] == "https://example.org/terms"
    page = client.get("/opendata/").content.decode()
    assert 'href="https://example.org/terms" rel="license"' in page
    assert "別の規約 9.9" in page and "別の注記" in page


def test_the_open_data_page_states_pdl_and_links_the_catalogue(client):
    page = client.get("/opendata/").content.decode()
    assert f'href="{PDL_URL}" rel="license"' in page
    assert "CC BY 4.0" in page
    assert 'href="/opendata/catalog.jsonld"' in page


def test_a_licence_configured_without_a_note_has_an_empty_note():
    with override_settings(DATA_LICENCE={"name": "n", "url": "https://example.org/"}):
        assert data_licence().note == ""
        assert data_licence().sentence().endswith(settings.PORTAL_NAME)
