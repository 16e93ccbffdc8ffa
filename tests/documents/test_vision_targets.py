"""The 目標（指標） of each project in the 連携ビジョン PDF (issue 15, ADR 0104, 第4(2)②
「各プロジェクトのスケジュール、目標等」): one table in the roadmap after the schedule, a group
row per project. Read back with pdftotext. No database."""

from dataclasses import replace
from decimal import Decimal

import pytest

from documents.vision_pdf import project_views, vision_html, vision_pdf
from filing.data import Better, TargetData
from tests.documents.helpers import META, flat_text, pdftotext
from tests.filing_factories import with_project


@pytest.fixture(scope="module")
def vision_text(vision_bytes):
    return flat_text(vision_bytes)


def targets_part(text: str) -> str:
    """The flat text of ②'s table of targets."""
    return text.split("②")[1].split("プロジェクトの目標（指標）")[1].split("事業費の年度別合計")[0]


def project_part(text: str, number: int) -> str:
    """The targets of project ``number`` in that table (from its group row to the next)."""
    return (
        targets_part(text).split(f"プロジェクト{number}")[1].split(f"プロジェクト{number + 1}")[0]
    )


def test_each_project_lists_its_targets_with_unit_baseline_years_final_source_and_direction(
    vision_text,
):
    table = targets_part(vision_text)
    for heading in ("指標名", "単位", "基準値（時点）", "年度別の目標", "最終目標", "出典", "向き"):
        assert heading in table
    second = project_part(vision_text, 2)
    assert second.startswith("瀬戸内の島々をめぐる周遊観光プロジェクト周遊ルートの観光入込客数")
    assert "120.5万人令和7年3月31日" in second
    assert "令和8年度125万人令和10年度140万人" in second
    assert "令和12年度160万人" in second
    assert "瀬戸内観光統計" in second
    assert "高いほどよい" in second

    third = project_part(vision_text, 3)
    assert "MaaSアプリの月間利用者数" in third and "3,000人令和8年3月31日" in third
    assert "令和9年度8,000人" in third and "令和10年度15,000人" in third
    assert "自家用車による観光移動の割合" in third and "72.5%令和7年10月1日" in third
    assert "低いほどよい" in third


def test_the_targets_follow_the_schedule_of_the_roadmap(vision_text):
    roadmap = vision_text.split("②")[1].split("③")[0]

    assert roadmap.index("目標と時期") < roadmap.index("プロジェクトの目標（指標）")
    assert roadmap.index("プロジェクトの目標（指標）") < roadmap.index("事業費の年度別合計")
    assert "クラスターへの企業立地件数" in project_part(vision_text, 1)
    assert "周遊ルートの観光入込客数" not in vision_text.split("③")[1]


def test_each_yearly_target_is_a_line_of_its_own_without_br_elements(filing, vision_bytes):
    html = vision_html(filing, meta=META, declaration_number=1)
    cells = html.split('<table class="targets">')[1:]
    lines = ["".join(line.split()) for line in pdftotext(vision_bytes).splitlines()]

    assert len(cells) == 1 and "<br>" not in cells[0].split("</table>")[0]
    assert 'class="lines"' in cells[0].split("</table>")[0]
    assert "令和8年度 125万人\n令和10年度 140万人<" in html  # one space: justified (ADR 0134)
    # each 年度 ends its line (pdftotext draws a row's cells side by side on one line)
    assert any(line.endswith("令和8年度125万人") for line in lines)
    assert any(line.startswith("令和10年度140万人") for line in lines)


def test_a_project_without_targets_says_none_are_given(filing):
    text = flat_text(vision_pdf(with_project(filing, 0, targets=()), meta=META))

    assert project_part(text, 1) == "瀬戸内先端ものづくりクラスター形成プロジェクト（記載なし）"
    assert "周遊ルートの観光入込客数" in project_part(text, 2)


def test_missing_figures_are_dashes_and_the_names_are_escaped(filing):
    bare = TargetData(name="<b>相談件数</b>", unit="件", better=Better.LOWER)
    view = project_views(with_project(filing, 0, targets=(bare,)))[0].targets[0]

    assert (view.baseline, view.values, view.final) == ("—", "—", "—")
    assert view.source == "—" and view.better == "低いほどよい"
    html = vision_html(with_project(filing, 0, targets=(bare,)), meta=META)
    assert "&lt;b&gt;相談件数&lt;/b&gt;" in html and "<b>相談件数" not in html


def test_a_final_target_without_a_year_or_a_baseline_without_a_date_keeps_the_figure(filing):
    target = replace(
        filing.vision.projects[0].targets[0],
        baseline_on=None,
        final_year=None,
        final_value=Decimal("1234.5"),
    )
    view = project_views(with_project(filing, 0, targets=(target,)))[0].targets[0]

    assert view.baseline == "0社"
    assert view.final == "1,234.5社"
    assert project_views(filing)[1].targets[0].final == "令和12年度\n160万人"
