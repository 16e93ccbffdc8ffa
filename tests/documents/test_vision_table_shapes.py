"""The shapes of the 連携ビジョン's tables (ADR 0134): ③オ's budget is one block of lines whose
amounts end at one right edge (no nested table), ②'s targets are four cells a target with the
unit, direction and source under the name, and ②'s schedule names the number with the project.
Read back with pdftotext (its words and their boxes). No database."""

import re
import shutil
import subprocess

import pytest

from documents.vision_pdf import project_views, vision_html
from tests.documents.helpers import META, flat_text

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
)


@pytest.fixture(scope="module")
def html(filing):
    return vision_html(filing, meta=META, declaration_number=1)


def words(data: bytes) -> list[tuple[float, float, float, str]]:
    """Every word of the PDF as (left, top, right, text), pdftotext -bbox (page by page, in points)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext が見つかりません（poppler-utils）。", pytrace=False)
    result = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return [
        (float(left), float(top), float(right), text)
        for left, top, right, text in WORD.findall(result.stdout.decode("utf-8"))
    ]


def left_of(found: list, word: tuple) -> tuple[float, float, float, str]:
    """The nearest word of ``found`` left of ``word`` on the same line (the same top)."""
    return max(
        (w for w in found if abs(w[1] - word[1]) < 0.5 and w[2] <= word[0]), key=lambda w: w[2]
    )


def test_the_budget_of_a_project_is_lines_of_year_and_amount_without_a_nested_table(
    html, vision_bytes
):
    cell = html.split("オ　事業費")[1].split("</tr>")[0]
    text = flat_text(vision_bytes)

    assert "<table" not in cell and "<td" in cell and cell.count("<p") == 3
    assert "令和8年度 80,000,000円\n令和9年度 100,000,000円\n令和10年度 120,000,000円<" in cell
    # read in order, 年度 then amount (pdftotext, and the tags follow the same order)
    assert "総事業費300,000,000円令和8年度80,000,000円令和9年度100,000,000円" in text
    assert "令和10年度120,000,000円合計300,000,000円" in text


def test_the_amounts_of_a_budget_end_at_one_right_edge_and_the_years_start_at_one_left(
    vision_bytes,
):
    found = words(vision_bytes)
    start = next(i for i, w in enumerate(found) if w[3] == "総事業費")
    rows = []
    for amount in ("80,000,000円", "100,000,000円", "120,000,000円", "300,000,000円"):
        start = next(i for i, w in enumerate(found) if i > start and w[3] == amount)
        rows.append((left_of(found, found[start]), found[start]))

    assert [year[3] for year, _ in rows] == ["令和8年度", "令和9年度", "令和10年度", "合計"]
    lefts = {round(year[0], 1) for year, _ in rows}
    rights = [amount[2] for _, amount in rows]
    assert len(lefts) == 1
    assert max(rights) - min(rights) < 0.5
    assert min(amount[0] for _, amount in rows) - max(year[2] for year, _ in rows) > 20


def test_the_yearly_targets_end_at_one_right_edge(vision_bytes):
    found = words(vision_bytes)
    heading = next(i for i, w in enumerate(found) if w[3] == "年度別の目標")
    figures = [
        next(w for w in found[heading:] if w[3] == figure) for figure in ("125万人", "140万人")
    ]
    years = [left_of(found, figure) for figure in figures]

    assert [year[3] for year in years] == ["令和8年度", "令和10年度"]
    assert abs(years[0][0] - years[1][0]) < 0.5
    assert abs(figures[0][2] - figures[1][2]) < 0.5


def test_each_target_is_four_cells_with_unit_direction_and_source_under_its_name(
    filing, html, vision_bytes
):
    table = html.split('<table class="targets">')[1].split("</table>")[0]
    target = project_views(filing)[1].targets[0]
    text = flat_text(vision_bytes)

    assert table.count("<col") - table.count("<colgroup") == 4
    row = table.split(target.name)[0].rsplit("<tr>", 1)[1] + table.split(target.name)[1]
    assert row.split("</tr>")[0].count("<td") == 4
    assert "周遊ルートの観光入込客数単位万人高いほどよい出典瀬戸内観光統計120.5万人" in text
    assert target.about == "単位　万人　高いほどよい\n出典　瀬戸内観光統計"


def test_the_schedule_names_the_number_with_the_project_and_the_period_on_two_lines(
    filing, html, vision_bytes
):
    table = html.split('<table class="schedule">')[1].split("</table>")[0]
    first = project_views(filing)[0]

    assert table.split("<tbody>")[1].split("</tr>")[0].count("<td") == 3
    assert f"<td>1　{first.name}</td>" in table
    assert "令和8年4月1日〜\n令和11年3月31日" in table
    assert "<span" not in table
    assert first.period == "令和8年4月1日〜令和11年3月31日"
    assert "1瀬戸内先端ものづくりクラスター形成プロジェクト令和8年4月1日〜令和11年3月31日" in (
        flat_text(vision_bytes)
    )
