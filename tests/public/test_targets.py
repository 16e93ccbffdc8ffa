"""目標（指標）in public (ADR 0104): the region page, the API's projects and targets.csv."""

import csv
import io

import pytest

from tests.public_data import publish_region, skip_pdfs

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(monkeypatch):
    skip_pdfs(monkeypatch)
    return publish_region("setouchi")


def test_the_region_page_shows_each_projects_targets_as_a_table(client, published):
    html = client.get("/regions/setouchi/").content.decode()

    assert "目標（指標）" in html
    assert "周遊ルートの観光入込客数" in html
    assert "120.5万人" in html  # baseline, without trailing zeros
    assert "令和12年度" in html  # the final target's 年度
    assert "低いほどよい" in html


def test_the_api_project_carries_its_targets_in_the_bundle_shape(client, published):
    items = client.get("/api/v1/regions/setouchi/projects").json()["items"]

    (target,) = items[1]["targets"]
    assert target == {
        "name": "周遊ルートの観光入込客数",
        "unit": "万人",
        "better": "higher",
        "baseline": {"value": 120.5, "on": "2025-03-31"},
        "values": [{"fiscal_year": 2026, "value": 125}, {"fiscal_year": 2028, "value": 140}],
        "final": {"fiscal_year": 2030, "value": 160},
        "source": "瀬戸内観光統計",
    }


def test_targets_csv_is_long_format_with_bom_and_empty_results(client, published):
    response = client.get("/opendata/targets.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[4:8] == ["指標番号", "指標名", "単位", header[7]]
    index = {name: i for i, name in enumerate(header)}
    tourism = [r for r in body if r[index["指標名"]] == "周遊ルートの観光入込客数"]
    assert [(r[index["年度"]], r[index["目標値"]], r[index["最終目標"]]) for r in tourism] == [
        ("2026", "125", "0"),
        ("2028", "140", "0"),
        ("2030", "160", "1"),
    ]
    assert {r[index["単位"]] for r in tourism} == {"万人"}
    assert all(r[index["実績値"]] == "" for r in body)
    share = [r for r in body if r[index["指標名"]] == "自家用車による観光移動の割合"]
    assert [(r[index["年度"]], r[index["目標値"]]) for r in share] == [("2028", "60")]
    assert share[0][index["基準値"]] == "72.5"
