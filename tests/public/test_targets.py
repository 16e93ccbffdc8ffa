"""目標（指標）in public (ADR 0104): the region page, the API's projects and targets.csv."""

import csv
import io

import pytest

from tests.prebuilt import restored
from tests.public_data import published_setouchi, skip_pdfs

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(monkeypatch):
    skip_pdfs(monkeypatch)
    return restored(published_setouchi)


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


# ---------------------------------------------------------------- the chart and the 年度 (ADR 0108)


def test_target_chart_draws_the_target_line_the_baseline_and_result_bars():
    from decimal import Decimal

    from public.charts import TargetPoint, target_chart

    svg = target_chart(
        [
            TargetPoint("基準値", Decimal("72.5"), is_baseline=True),
            TargetPoint("令和8年度", Decimal("70"), Decimal("71.25")),
            TargetPoint("令和9年度", None, Decimal("69")),
            TargetPoint("令和10年度", Decimal("60")),
        ],
        unit="%",
        title="割合の目標と実績（低いほどよい）",
        description="説明",
        id_prefix="c1",
    )

    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">割合の目標と実績（低いほどよい）</title>' in svg
    assert svg.count('<circle class="chart__baseline-point"') == 2  # the point and the legend's
    assert svg.count('<rect class="chart__target-point"') == 3  # two targets and the legend's
    assert svg.count('<rect class="chart__result-bar"') == 3  # two results and the legend's
    assert '<polyline class="chart__target-line"' in svg
    assert "<title>令和8年度 実績値: 71.25%</title>" in svg and ">71.25%</text>" in svg
    assert "<title>令和10年度 目標値: 60%</title>" in svg
    assert "<title>基準値: 72.5%</title>" in svg
    assert "目標値（線と四角）" in svg and "実績値（棒）" in svg and "基準値（白丸）" in svg
    assert "style=" not in svg


def test_target_chart_bars_start_at_zero_and_grow_with_the_figure():
    import re
    from decimal import Decimal

    from public.charts import TargetPoint, target_chart

    svg = target_chart(
        [TargetPoint("a", result=Decimal(10)), TargetPoint("b", result=Decimal(30))],
        unit="",
        title="t",
        description="d",
    )
    bars = re.findall(
        r'<rect class="chart__result-bar" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)">',
        svg,
    )
    (y1, h1), (y2, h2) = [(float(y), float(h)) for y, h in bars]
    assert h2 == pytest.approx(3 * h1, abs=0.5)
    assert y1 + h1 == pytest.approx(y2 + h2)  # both stand on the zero line


def test_target_chart_handles_negative_figures_and_none_without_figures():
    from decimal import Decimal

    from public.charts import TargetPoint, target_chart

    assert target_chart([TargetPoint("a")], unit="", title="t", description="d") is None
    svg = target_chart(
        [TargetPoint("a", Decimal("-3"), Decimal("-1.5")), TargetPoint("b", Decimal("2"))],
        unit="ポイント",
        title="<t>",
        description="d",
    )
    assert "&lt;t&gt;" in svg and "<t>" not in svg
    assert "実績値: -1.5ポイント" in svg


def test_target_years_add_the_years_of_results_without_a_target_value():
    from types import SimpleNamespace

    from projects.models import ProjectTarget
    from public.selectors.results import target_years

    target = ProjectTarget(values={"2026": "10", "2028": "20"}, final_year=2030, final_value=30)
    result = SimpleNamespace(value=5)
    years = target_years(target, {2027: result, 2026: result})
    assert [(y.fiscal_year, y.target, y.is_final, y.result) for y in years] == [
        (2026, 10, False, result),
        (2027, None, False, result),
        (2028, 20, False, None),
        (2030, 30, True, None),
    ]
    empty = target_years(ProjectTarget(), {})
    assert [(y.fiscal_year, y.target) for y in empty] == [(None, None)]
