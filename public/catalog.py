"""The DCAT catalogue of the open data, ``/opendata/catalog.jsonld`` (DCAT-AP in JSON-LD,
ADR 0123), so that CKAN-based catalogues (ckanext-dcat, e.g. the national data catalogue)
can harvest what the portal publishes.

One ``dcat:Catalog`` with one ``dcat:Dataset`` per dataset of ``public.datasets`` and one
``dcat:Distribution`` per format (CSV, JSON of the API, Atom), each with the licence
(``public.licence``), the publisher (``PORTAL_OPERATOR``), ``dct:modified`` (the latest
publication, ``public.selectors.stamps``), the media type and absolute access and download
URLs. The API itself is a ``dcat:DataService`` that its JSON distributions point at.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation

from filing.formatting import iso_datetime
from public.datasets import CSV, DATASETS, Distribution
from public.licence import data_licence
from public.opendata import open_data
from public.selectors.stamps import site_stamp

MEDIA_TYPE = "application/ld+json"
IANA = "https://www.iana.org/assignments/media-types/"
JAPANESE = "http://publications.europa.eu/resource/authority/language/JPN"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _literal(text) -> dict:
    return {"@value": str(text), "@language": "ja"}


def _time(value) -> dict | None:
    return {"@value": iso_datetime(value), "@type": "xsd:dateTime"} if value else None


def _licence() -> dict:
    licence = data_licence()
    entry = {
        "@id": licence.url,
        "@type": "dct:LicenseDocument",
        "dct:title": _literal(licence.name),
    }
    if licence.note:
        entry["dct:description"] = _literal(licence.note)
    return entry


def _publisher(absolute) -> dict:
    return {
        "@id": absolute(reverse("about")) + "#operator",
        "@type": "foaf:Agent",
        "foaf:name": _literal(settings.PORTAL_OPERATOR),
        "foaf:homepage": {"@id": absolute(reverse("about"))},
    }


def _distribution(absolute, item: Distribution, modified, service) -> dict:
    url = absolute(reverse(item.url_name))
    entry = {
        "@id": f"{url}#distribution",
        "@type": "dcat:Distribution",
        "dct:title": _literal(item.title),
        "dct:format": item.format,
        "dcat:mediaType": {"@id": IANA + item.media_type},
        "dct:license": _licence(),
        "dct:modified": _time(modified),
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
    }
    if item.media_type == CSV:
        entry["dct:description"] = _literal(
            "UTF-8（BOM 付き）、改行は CRLF、1 行目が見出し（1 行だけ）。"
            "行政データにおける機械可読性に関するルールのチェックリストは /opendata/ に。"
        )
    if item.url_name.startswith("api-1:"):
        entry["dcat:accessService"] = {"@id": service["@id"]}
    return {key: value for key, value in entry.items() if value is not None}


def catalogue(request) -> dict:
    """The catalogue as a JSON-LD document (a dict), every URL absolute."""
    absolute = request.build_absolute_uri
    modified = site_stamp()
    publisher = _publisher(absolute)
    service = {
        "@id": absolute(reverse("api-1:root")),
        "@type": "dcat:DataService",
        "dct:title": _literal(f"{settings.PORTAL_NAME} オープンデータ API"),
        "dcat:endpointURL": {"@id": absolute(reverse("api-1:root"))},
        "dcat:endpointDescription": {"@id": absolute(reverse("api-1:openapi-json"))},
        "dct:license": _licence(),
        "dct:publisher": {"@id": publisher["@id"]},
    }
    datasets = [
        {
            "@id": absolute(reverse("opendata")) + f"#{dataset.key}",
            "@type": "dcat:Dataset",
            "dct:identifier": dataset.key,
            "dct:title": _literal(dataset.title),
            "dct:description": _literal(dataset.description),
            "dcat:keyword": [_literal(word) for word in dataset.keywords],
            "dct:language": {"@id": JAPANESE},
            "dct:publisher": {"@id": publisher["@id"]},
            "dct:license": _licence(),
            "dcat:landingPage": {"@id": absolute(reverse("opendata"))},
            **({"dct:modified": _time(modified)} if modified else {}),
            "dcat:distribution": [
                _distribution(absolute, item, modified, service) for item in dataset.distributions
            ],
        }
        for dataset in DATASETS
    ]
    document = {
        "@context": CONTEXT,
        "@id": absolute(reverse("opendata_catalog")),
        "@type": "dcat:Catalog",
        "dct:title": _literal(f"{settings.PORTAL_NAME} オープンデータ"),
        "dct:description": _literal(
            "広域リージョン連携推進要綱に基づいて公表された連携宣言書・連携ビジョン・プロジェクトと"
            "国の支援措置のデータ。公表された版だけを含みます。"
        ),
        "dct:language": {"@id": JAPANESE},
        "dct:publisher": publisher,
        "dct:license": _licence(),
        "foaf:homepage": {"@id": absolute(reverse("home"))},
        "dcat:service": [service],
        "dcat:dataset": datasets,
    }
    if modified:
        document["dct:modified"] = _time(modified)
    return document


@open_data
def catalog_jsonld(request):
    # In Japanese, the language of record (its literals are tagged "ja"), whatever the
    # visitor's language: the pages it links are the Japanese ones.
    with translation.override("ja"):
        body = json.dumps(catalogue(request), ensure_ascii=False, indent=1)
    return HttpResponse(body.encode("utf-8"), content_type=MEDIA_TYPE)
