"""The DCAT catalogue /opendata/catalog.jsonld (DCAT-AP JSON-LD, ADR 0123), harvested as a
CKAN harvester would: every dataset and distribution, then every link followed."""

import json
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.urls import reverse

from public.datasets import DATASETS
from public.licence import data_licence
from tests.public.opendata_helpers import publish_open_data
from tests.public_data import skip_pdfs

pytestmark = pytest.mark.django_db

IANA = "https://www.iana.org/assignments/media-types/"


@pytest.fixture
def published(monkeypatch):
    skip_pdfs(monkeypatch)
    return publish_open_data()


def harvest(client) -> dict:
    response = client.get("/opendata/catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert response["Link"] == data_licence().link_header()
    return json.loads(response.content.decode("utf-8"))


def local(client, url: str):
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.netloc == "testserver", f"{url} is absolute"
    return client.get(parts.path + (f"?{parts.query}" if parts.query else ""))


def test_the_catalogue_lists_every_dataset_with_licence_publisher_and_update_time(
    client, published
):
    catalogue = harvest(client)

    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalogue["@context"]["dct"] == "http://purl.org/dc/terms/"
    assert catalogue["dct:license"]["@id"] == data_licence().url
    assert catalogue["dct:publisher"]["@type"] == "foaf:Agent"
    modified = datetime.fromisoformat(catalogue["dct:modified"]["@value"])
    assert modified.utcoffset() is not None
    datasets = catalogue["dcat:dataset"]
    assert [d["dct:identifier"] for d in datasets] == [d.key for d in DATASETS]
    for dataset in datasets:
        assert dataset["@type"] == "dcat:Dataset"
        assert dataset["dct:title"]["@value"] and dataset["dct:description"]["@value"]
        assert dataset["dct:license"]["@id"] == data_licence().url
        assert dataset["dct:publisher"]["@id"] == catalogue["dct:publisher"]["@id"]
        assert dataset["dct:modified"] == catalogue["dct:modified"]
        assert dataset["dcat:distribution"], dataset["dct:identifier"]
        for distribution in dataset["dcat:distribution"]:
            assert distribution["@type"] == "dcat:Distribution"
            assert distribution["dct:license"]["@id"] == data_licence().url
            assert distribution["dcat:mediaType"]["@id"].startswith(IANA)
            assert distribution["dct:format"] in {"CSV", "JSON", "Atom"}
            assert distribution["dct:modified"] == catalogue["dct:modified"]


def test_every_distribution_link_answers_200_with_its_stated_media_type(client, published):
    followed = set()
    for dataset in harvest(client)["dcat:dataset"]:
        for distribution in dataset["dcat:distribution"]:
            stated = distribution["dcat:mediaType"]["@id"].removeprefix(IANA)
            for link in ("dcat:accessURL", "dcat:downloadURL"):
                url = distribution[link]["@id"]
                response = local(client, url)
                assert response.status_code == 200, url
                assert response["Content-Type"].split(";")[0] == stated, url
                followed.add(url)
    # the CSVs, the API lists and the feed: every URL the catalogue names
    assert f"http://testserver{reverse('opendata_members')}" in followed
    assert f"http://testserver{reverse('api-1:region_list')}" in followed
    assert f"http://testserver{reverse('feeds:publications')}" in followed


def test_the_api_is_a_data_service_its_json_distributions_point_at(client, published):
    catalogue = harvest(client)
    (service,) = catalogue["dcat:service"]
    assert service["@type"] == "dcat:DataService"
    assert local(client, service["dcat:endpointURL"]["@id"]).status_code == 200
    assert local(client, service["dcat:endpointDescription"]["@id"]).status_code == 200
    json_distributions = [
        d
        for dataset in catalogue["dcat:dataset"]
        for d in dataset["dcat:distribution"]
        if d["dct:format"] == "JSON"
    ]
    assert json_distributions
    assert all(d["dcat:accessService"]["@id"] == service["@id"] for d in json_distributions)


def test_an_empty_portal_has_a_catalogue_without_an_update_time(client):
    catalogue = harvest(client)
    assert "dct:modified" not in catalogue
    assert len(catalogue["dcat:dataset"]) == len(DATASETS)


@override_settings(
    DATA_LICENCE={"name": "テスト用の規約", "url": "https://example.org/terms", "note": "注記"}
)
def test_the_catalogue_states_the_configured_licence(client, published):
    catalogue = harvest(client)
    assert catalogue["dct:license"] == {
        "@id": "https://example.org/terms",
        "@type": "dct:LicenseDocument",
        "dct:title": {"@value": "テスト用の規約", "@language": "ja"},
        "dct:description": {"@value": "注記", "@language": "ja"},
    }


def test_the_catalogue_answers_conditional_requests(client, published):
    first = client.get("/opendata/catalog.jsonld")
    again = client.get("/opendata/catalog.jsonld", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_the_catalogue_is_in_japanese_whatever_the_visitors_language(client, published):
    client.cookies["django_language"] = "en"
    response = client.get("/opendata/catalog.jsonld", HTTP_ACCEPT_LANGUAGE="en")
    catalogue = json.loads(response.content.decode("utf-8"))
    (regions, *_rest) = catalogue["dcat:dataset"]
    assert regions["dct:title"] == {"@value": "宣言リージョンの一覧", "@language": "ja"}
    assert regions["dcat:landingPage"]["@id"] == "http://testserver/opendata/"
