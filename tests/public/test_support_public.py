"""The public support-measure catalogue (ADR 0114): ``/support/`` with its filters, ``GET
/api/v1/support-measures`` and ``/opendata/support-measures.csv``. Published measures only;
a change of the catalogue shows at once on the cached page and the kept API answer."""

import pytest

from filing.support_catalogue import COLUMNS, read_csv
from public.api.support import FieldValue, KindValue
from support.models import SupportMeasure
from support.services import import_catalogue, save_measure
from tests.factories import UserFactory
from tests.public_data import main_text

pytestmark = pytest.mark.django_db  # the cache is emptied before each test (tests/conftest.py)


@pytest.fixture
def catalogue():
    def measure(name, **values):
        values.setdefault("ministry", "内閣府")
        values.setdefault("is_published", True)
        return SupportMeasure.objects.create(name=name, **values)

    return {
        "grant": measure(
            "地域未来交付金",
            kind="grant",
            fields=["industry", "tourism"],
            tags=["広域連携"],
            fiscal_years=[2026],
            url="https://www.chisou.go.jp/",
            gives_priority=True,
            summary="広域リージョンの枠",
        ),
        "transport": measure(
            "地域公共交通確保維持改善事業", ministry="国土交通省", fields=["transport"]
        ),
        "closed": measure("終わった事業", kind="tax", fields=["industry"], is_open=False),
        "hidden": measure("未公表の措置", fields=["industry"], is_published=False),
    }


def names(response) -> set[str]:
    text = main_text(response)
    return {
        name
        for name in (
            "地域未来交付金",
            "地域公共交通確保維持改善事業",
            "終わった事業",
            "未公表の措置",
        )
        if name in text
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"地域未来交付金", "地域公共交通確保維持改善事業", "終わった事業"}),
        ("?field=industry", {"地域未来交付金", "終わった事業"}),
        ("?field=transport", {"地域公共交通確保維持改善事業"}),
        ("?kind=tax", {"終わった事業"}),
        ("?priority=1", {"地域未来交付金"}),
        ("?priority=0", {"地域公共交通確保維持改善事業", "終わった事業"}),
        ("?open=on&field=industry", {"地域未来交付金"}),
    ],
)
def test_the_page_lists_published_measures_by_filter(client, catalogue, query, expected):
    response = client.get("/support/" + query)

    assert response.status_code == 200
    assert names(response) == expected


def test_the_page_shows_each_measure_in_japanese(client, catalogue):
    text = main_text(client.get("/support/?field=tourism"))

    assert "1 件の支援措置" in text
    assert "令和8年度" in text
    assert "産業振興、観光" in text
    assert "広域リージョン優先" in text and "交付金" in text
    page = client.get("/support/").content.decode()
    assert 'href="https://www.chisou.go.jp/" rel="external noopener"' in page
    assert "公募終了" in page


def test_an_unknown_filter_is_reported_never_an_error(client, catalogue):
    response = client.get("/support/", {"field": "fishery", "kind": "x" * 5000, "priority": "9"})

    assert response.status_code == 200
    assert names(response) == {"地域未来交付金", "地域公共交通確保維持改善事業", "終わった事業"}
    assert "field-error" in response.content.decode()


def test_a_catalogue_change_shows_at_once_on_the_cached_page_and_api(client, catalogue):
    assert "3 件の支援措置" in main_text(client.get("/support/"))
    assert client.get("/api/v1/support-measures").json()["count"] == 3
    operator = UserFactory(username="unyou", is_staff=True, is_superuser=True)

    outcome = import_catalogue(
        "名称,府省名,種類,分野,タグ,年度,URL,広域リージョン優先,公募中,概要,公表\r\n"
        "新しい措置,総務省,補助事業,other,,2026,,0,1,,1\r\n".encode(),
        actor=operator,
    )

    assert outcome.ok
    assert "4 件の支援措置" in main_text(client.get("/support/"))
    assert client.get("/api/v1/support-measures").json()["count"] == 4
    hidden = catalogue["grant"]
    hidden.is_published = False
    save_measure(hidden)
    assert "地域未来交付金" not in main_text(client.get("/support/"))
    assert client.get("/api/v1/support-measures").json()["count"] == 3


def test_a_cached_page_and_api_answer_take_no_sql(client, catalogue, django_assert_num_queries):
    first = client.get("/support/?field=industry")
    api = client.get("/api/v1/support-measures")

    with django_assert_num_queries(0):
        assert client.get("/support/?field=industry").content == first.content
        assert client.get("/api/v1/support-measures").content == api.content


def test_the_api_lists_published_measures_with_filters_and_pages(client, catalogue):
    data = client.get("/api/v1/support-measures").json()

    assert data["license"]["name"]
    assert data["count"] == 3
    grant = data["items"][0]  # 広域リージョン優先 first
    assert grant["name"] == "地域未来交付金"
    assert grant["kind_label"] == "交付金"
    assert grant["fields"] == ["industry", "tourism"]
    assert grant["field_labels"] == ["産業振興", "観光"]
    assert grant["fiscal_years"] == [2026]
    assert grant["gives_priority"] is True
    assert grant["updated_at"].endswith("+09:00")
    assert "未公表の措置" not in str(data)

    def count(**params):
        return client.get("/api/v1/support-measures", params).json()["count"]

    assert count(field="industry") == 2
    assert count(kind="tax") == 1
    assert count(priority="true") == 1
    assert count(open="true", field="industry") == 1
    page = client.get("/api/v1/support-measures", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 3 and len(page["items"]) == 1


@pytest.mark.parametrize(
    "params", [{"field": "fishery"}, {"kind": "loan"}, {"limit": 0}, {"priority": "maybe"}]
)
def test_bad_api_parameters_are_422(client, catalogue, params):
    response = client.get("/api/v1/support-measures", params)

    assert response.status_code == 422


def test_the_api_enums_are_the_cores_codes(client):
    from filing.data import FieldCode
    from filing.support_catalogue import MeasureKind

    assert set(FieldValue.__args__) == set(FieldCode)
    assert set(KindValue.__args__) == set(MeasureKind)
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/support-measures" in schema["paths"]
    assert "422" in schema["paths"]["/api/v1/support-measures"]["get"]["responses"]


def test_the_root_and_the_open_data_page_name_the_catalogue(client):
    root = client.get("/api/v1/").json()
    assert root["endpoints"]["support-measures"].endswith("/api/v1/support-measures")
    assert root["downloads"]["support-measures.csv"].endswith("/opendata/support-measures.csv")
    page = client.get("/opendata/").content.decode()
    assert 'href="/opendata/support-measures.csv"' in page
    assert 'href="/api/v1/support-measures"' in page


def test_the_open_data_csv_is_the_published_catalogue_with_a_bom(client, catalogue):
    response = client.get("/opendata/support-measures.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff名称,府省名".encode())
    assert response.content.decode("utf-8-sig").splitlines()[0].split(",") == list(COLUMNS[:-1])
    rows, errors = read_csv(response.content)
    assert errors == []
    assert {row.measure.name for row in rows} == {
        "地域未来交付金",
        "地域公共交通確保維持改善事業",
        "終わった事業",
    }
    assert response["Last-Modified"]
    assert client.head("/opendata/support-measures.csv").status_code == 200
    assert client.post("/opendata/support-measures.csv").status_code == 405


def test_a_catalogue_change_moves_the_stamp_of_a_published_region_only(monkeypatch):
    from public.selectors.stamps import region_stamp
    from tests.public_data import publish_region, skip_pdfs

    skip_pdfs(monkeypatch)
    publish_region("setouchi")
    before = region_stamp("setouchi")
    measure = SupportMeasure.objects.create(name="措置", ministry="内閣府", is_published=True)

    assert region_stamp("setouchi") == measure.updated_at > before
    assert region_stamp("nowhere") is None  # a catalogue makes no region public


@pytest.mark.parametrize(
    "query", ["?open=xyz", "?field=industry&field=tourism", "?utm=1", "?kind=loan"]
)
def test_a_made_up_query_is_not_kept_whole(client, catalogue, query):
    from public.views.support import is_common_query

    request = client.get("/support/" + query).wsgi_request

    assert not is_common_query(request)
    assert is_common_query(client.get("/support/?open=on&kind=tax").wsgi_request)
