"""Server-side SVG charts: accessible images whose numbers match the data."""

import re
from datetime import date

import pytest

from public.charts import RoadmapRow, Series, budget_bar_chart, nice_step, roadmap_chart


def test_nice_step_is_one_two_or_five_times_a_power_of_ten():
    assert nice_step(0) == 1
    assert nice_step(9) == 2
    assert nice_step(1_000_000) == 200_000
    assert nice_step(2_600_000_000) == 1_000_000_000


def test_budget_chart_draws_one_bar_per_series_and_year_with_titles():
    svg = budget_bar_chart(
        [
            Series("industry", "A 産業振興", {2026: 100, 2027: 300}),
            Series("tourism", "B 観光", {2027: 50}),
        ],
        [2026, 2027],
        title="分野別の事業費",
        description="説明",
    )

    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="budget-chart-title budget-chart-desc"' in svg
    assert '<title id="budget-chart-title">分野別の事業費</title>' in svg
    assert svg.count('class="chart__bar chart__bar--industry"') == 2
    assert svg.count('class="chart__bar chart__bar--tourism"') == 2
    assert "<title>令和9年度 A 産業振興: 300円</title>" in svg
    assert "令和8年度" in svg
    assert "style=" not in svg


def test_taller_bar_for_the_larger_amount():
    svg = budget_bar_chart(
        [Series("industry", "A", {2026: 100, 2027: 300})], [2026, 2027], title="t", description="d"
    )

    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    assert heights[1] == pytest.approx(3 * heights[0], abs=0.5)


def test_no_chart_without_data():
    assert budget_bar_chart([], [], title="t", description="d") is None
    assert roadmap_chart([RoadmapRow("名称", None, None, ())], title="t", description="d") is None


def test_roadmap_has_a_bar_per_dated_project_and_a_diamond_per_milestone():
    rows = [
        RoadmapRow("観光", date(2026, 4, 1), date(2029, 3, 31), ((date(2027, 3, 31), "開始"),)),
        RoadmapRow("期間未定", None, None, ()),
        RoadmapRow("交通", date(2027, 10, 1), date(2028, 3, 31), ()),
    ]

    svg = roadmap_chart(rows, title="ロードマップ", description="説明")

    assert svg.count('class="chart__period"') == 2
    assert svg.count('class="chart__milestone"') == 1
    assert "<title>令和9年3月31日 開始</title>" in svg
    assert [nendo in svg for nendo in ("令和8年度", "令和9年度", "令和10年度")] == [True] * 3
    assert "期間未定" in svg


def test_long_project_names_are_shortened_with_the_full_name_as_title():
    name = "とても長いプロジェクトの名称で二十文字を超えるもの"
    svg = roadmap_chart(
        [RoadmapRow(name, date(2026, 4, 1), date(2027, 3, 31), ())], title="t", description="d"
    )

    assert f"<title>{name}</title>" in svg
    assert "…" in svg


def test_chart_text_is_escaped():
    svg = roadmap_chart(
        [RoadmapRow("<script>x</script>", date(2026, 4, 1), date(2027, 3, 31), ())],
        title="<b>",
        description="&",
    )

    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert '<title id="roadmap-chart-title">&lt;b&gt;</title>' in svg
