"""What the three documents say, read back from the PDF with pdftotext (no database):
the 連携宣言書, the 連携ビジョン and the 送付書, for an establishment, a change and an abolition."""

import re
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from documents.cover_pdf import Enclosure, cover_pdf
from documents.declaration_pdf import declaration_pdf, member_groups
from documents.render import DocumentMeta
from documents.vision_pdf import project_views, roadmap_charts, vision_pdf
from filing.bundle import read_bundle_file
from filing.data import (
    FieldCode,
    FieldEntry,
    MemberData,
    MemberKind,
    PlanRef,
    RevisionInfo,
    RevisionKind,
)
from filing.master import master_data_from_files
from tests.documents.helpers import BUNDLES_DIR, embedded_fonts, flat_text, page_count, pdftotext
from tests.filing_factories import with_declaration, with_project, with_vision

MASTER = master_data_from_files()
TOKYO = ZoneInfo("Asia/Tokyo")
META = DocumentMeta(number=1, dated=date(2026, 4, 1))


@pytest.fixture(scope="module")
def filing():
    return read_bundle_file(BUNDLES_DIR / "valid_region.json")


@pytest.fixture(scope="module")
def declaration_text(filing):
    return flat_text(declaration_pdf(filing, master=MASTER, meta=META))


@pytest.fixture(scope="module")
def vision_bytes(filing):
    return vision_pdf(filing, meta=META, declaration_number=1)


@pytest.fixture(scope="module")
def vision_text(vision_bytes):
    return flat_text(vision_bytes)


def flat(text: str) -> str:
    return "".join(text.split())


# ---------------------------------------------------------------- 連携宣言書


def test_declaration_has_its_title_date_name_and_area(declaration_text):
    assert "瀬戸内広域リージョン連携宣言書" in declaration_text
    assert "令和8年4月1日" in declaration_text
    assert "岡山県、広島県、香川県" in declaration_text
    assert flat("岡山県・広島県・香川県の瀬戸内海沿岸地域を中心とする") in declaration_text


def test_declaration_lists_every_member_in_the_list_and_again_as_joint_declarants(
    filing, declaration_text
):
    signatures = declaration_text.split("連名により")[1]
    for member in filing.members:
        assert member.name in declaration_text
        assert member.name in signatures, f"{member.name} signs the declaration"
    assert "13団体" in declaration_text


def test_declaration_groups_members_by_kind_in_order(declaration_text):
    order = [
        "都道府県（3）",
        "岡山県",
        "市区町村（3）",
        "倉敷市",
        "その他の地方公共団体",
        "瀬戸内広域連合",
        "経済団体（1）",
        "瀬戸内経済連合会",
        "企業（1）",
        "大学（1）",
        "研究機関（1）",
        "金融機関（1）",
        "その他（1）",
        "瀬戸内観光推進協議会",
    ]
    members = declaration_text.split("2リージョン構成団体の名称")[1]
    positions = [members.index(flat(item)) for item in order]
    assert positions == sorted(positions)


def test_member_notes_name_the_prefecture_area_and_activity_area(filing):
    rows = {
        row.name: row.note for group in member_groups(filing.members, MASTER) for row in group.rows
    }

    assert rows["倉敷市"] == "岡山県"
    assert rows["広島県府中市"] == "", "the prefecture is already in the name"
    assert rows["瀬戸内広域連合"] == "区域: 岡山県、広島県、香川県"
    assert rows["瀬戸内経済連合会"] == "主たる活動範囲: 岡山県、広島県、香川県"
    numbers = [row.number for group in member_groups(filing.members, MASTER) for row in group.rows]
    assert numbers == list(range(1, 14))


def test_declaration_has_the_aspiration_and_every_field(filing, declaration_text):
    assert flat(filing.declaration.aspiration) in declaration_text
    for label in ("A産業振興", "B観光", "C交通", "その他（高度専門人材の育成）"):
        assert label in declaration_text


def test_the_pdf_embeds_the_committed_japanese_font(declaration_text, filing):
    data = declaration_pdf(filing, master=MASTER, meta=META)

    names = {font["postscript_name"] for font in embedded_fonts(data)}
    assert names <= {"NotoSansCJKjp-Regular-RegionPortal", "NotoSansCJKjp-Bold-RegionPortal"}
    assert "NotoSansCJKjp-Regular-RegionPortal" in names
    assert all(font["embedded"] for font in embedded_fonts(data))


def test_every_page_has_the_running_header_and_its_number(filing):
    many = tuple(
        MemberData(f"univ{n}", f"瀬戸内第{n}大学", MemberKind.UNIVERSITY) for n in range(80)
    )
    data = declaration_pdf(replace(filing, members=filing.members + many), master=MASTER, meta=META)
    pages = page_count(data)

    assert pages >= 3
    for number, text in enumerate(pdftotext(data).split("\f")[:pages], start=1):
        assert "瀬戸内広域リージョン連携宣言書" in flat(text)
        assert f"{number}/{pages}" in flat(text)
        assert "第1版" in flat(text)


def changed(filing, **info):
    revision = RevisionInfo(
        kind=RevisionKind.CHANGED, consulted_on=date(2026, 10, 20), reason="研究機関の参画", **info
    )
    new_member = MemberData("newlab", "瀬戸内新素材研究所", MemberKind.RESEARCH_INSTITUTE)
    members = (*(m for m in filing.members if m.key != "bank"), new_member)
    return replace(
        filing,
        members=members,
        declaration=replace(
            filing.declaration,
            declared_on=date(2026, 11, 2),
            aspiration=filing.declaration.aspiration + "海洋の環境も守る。",
            fields=(*filing.declaration.fields[:3], FieldEntry(FieldCode.OTHER, "海洋環境")),
            revision=revision,
        ),
    )


def test_a_change_says_so_in_its_title_and_lists_what_changed(filing):
    text = flat_text(
        declaration_pdf(
            changed(filing),
            master=MASTER,
            meta=replace(META, number=2),
            previous=filing,
            previous_declared_on=date(2026, 4, 1),
        )
    )

    assert "瀬戸内広域リージョン連携宣言書（変更）" in text
    assert "令和8年4月1日の広域リージョン連携宣言を次のとおり変更する" in text
    summary = text.split("変更の概要")[1].split("1宣言リージョンの名称及び区域")[0]
    assert "軽微な変更以外の変更" in summary
    assert "令和8年10月20日に協議を経た" in summary
    assert "研究機関の参画" in summary
    assert "加わった構成団体瀬戸内新素材研究所" in summary
    assert "外れた構成団体瀬戸内銀行" in summary
    assert "加えた分野その他（海洋環境）" in summary
    assert "除いた分野その他（高度専門人材の育成）" in summary
    assert "記載を改めた事項目指すべき姿" in summary
    assert "宣言日" not in summary, "a new date is not a change of content"
    assert "瀬戸内銀行" not in text.split("連名により")[1]


def test_a_minor_change_without_differences_says_there_are_none(filing):
    revision = RevisionInfo(kind=RevisionKind.CHANGED, is_minor=True)
    same = with_declaration(filing, revision=revision)
    text = flat_text(declaration_pdf(same, master=MASTER, meta=META, previous=filing))

    assert "軽微な変更" in text
    assert "前の公表版との記載の違いはありません" in text


def test_an_abolition_says_so_with_its_reason(filing):
    revision = RevisionInfo(
        kind=RevisionKind.ABOLISHED, consulted_on=date(2027, 3, 1), reason="目的を達成したため"
    )
    text = flat_text(
        declaration_pdf(
            with_declaration(filing, revision=revision), master=MASTER, meta=META, previous=filing
        )
    )

    assert "瀬戸内広域リージョン連携宣言書（廃止）" in text
    assert "広域リージョン連携宣言を廃止する" in text
    assert "廃止の理由目的を達成したため" in text
    assert "令和9年3月1日に協議を経た" in text


def test_a_draft_is_marked_on_every_page(filing):
    data = declaration_pdf(filing, master=MASTER, meta=replace(META, draft=True))
    pages = pdftotext(data).split("\f")[: page_count(data)]
    assert all("下書き" in page for page in pages)
    assert "この PDF は確認用の表示" in pdftotext(data)


def test_a_declaration_without_a_date_leaves_the_date_to_be_filled_in(filing):
    text = flat_text(
        declaration_pdf(
            with_declaration(filing, declared_on=None),
            master=MASTER,
            meta=replace(META, dated=None),
        )
    )

    assert "令和年月日" in text


# ---------------------------------------------------------------- 連携ビジョン


def test_vision_has_both_aspiration_and_roadmap_and_every_project_with_items_a_to_h(
    filing, vision_text
):
    assert "瀬戸内広域リージョン連携ビジョン" in vision_text
    assert "①広域リージョンの目指すべき姿（中長期的な将来像）" in vision_text
    assert "②目指すべき姿の実現に向けたロードマップ" in vision_text
    assert flat(filing.vision.aspiration) in vision_text
    assert flat(filing.vision.roadmap) in vision_text
    assert "第1版による（令和8年4月1日宣言）" in vision_text
    for number, project in enumerate(filing.vision.projects, start=1):
        assert f"プロジェクト{number}{flat(project.name)}" in vision_text
        assert flat(project.content) in vision_text
        assert flat(project.effects) in vision_text
    for label in ("ア名称", "イ実施主体", "ウ広域地方計画等", "エ具体的内容", "オ事業費"):
        assert vision_text.count(label) == 3
    for label in ("カ期待される効果", "キ期間", "クその他"):
        assert vision_text.count(flat(label)) == 3


def test_vision_shows_budgets_by_fiscal_year_with_totals_in_yen(vision_text):
    assert "総事業費300,000,000円" in vision_text
    assert (
        "令和8年度80,000,000円令和9年度100,000,000円令和10年度120,000,000円合計300,000,000円"
        in vision_text
    )
    assert "総事業費150,000,000円" in vision_text
    assert "予算措置を伴わない" in vision_text
    # all projects together, per fiscal year, and the grand total
    assert (
        "令和8年度130,000,000円令和9年度150,000,000円令和10年度170,000,000円合計450,000,000円"
        in vision_text
    )


def test_vision_names_implementers_plans_periods_and_milestones(filing, vision_text):
    assert "瀬戸内経済連合会（経済団体）" in vision_text
    assert "（構成団体以外の主体）" in vision_text
    for project in filing.vision.projects:
        for reference in project.plan_references:
            assert flat(reference.plan) in vision_text
        for milestone in project.milestones:
            assert flat(milestone.target) in vision_text
    assert "令和8年4月1日〜令和11年3月31日" in vision_text
    assert "令和8年6月1日〜令和11年3月31日" in vision_text


def test_listed_implementers_and_milestones_are_one_per_line_without_br_elements(
    filing, vision_bytes
):
    from documents.vision_pdf import vision_html

    html = vision_html(filing, meta=META, declaration_number=1)
    lines = pdftotext(vision_bytes).splitlines()
    project = next(p for p in project_views(filing) if len(p.implementers) > 1)

    assert "<br>" not in html.split("<tbody>", 3)[-1].split("ア　名称")[0]  # the schedule table
    assert 'class="lines"' in html and "<br>" not in html.split("イ　実施主体")[1].split("</td>")[0]
    for row in project.implementers:  # each ends a line of its own, as with <br> before
        assert any(line.endswith(f"{row.name}（{row.note}）") for line in lines)
    assert f"{project.implementers[1].name}（{project.implementers[1].note}）" in lines
    dated = [m for p in project_views(filing) for m in p.milestones if m.date]
    assert dated and any(line.endswith(flat(dated[0].target)[-6:]) for line in lines)


def test_a_jointly_established_body_names_its_founders(filing):
    founded = with_project(filing, 2, joint_body_of=("hiroshima", "kaiun"))
    text = flat_text(vision_pdf(founded, meta=META))

    assert "リージョン構成団体（広島県、瀬戸内海運株式会社）が共同で設立した法人" in text


def test_a_plan_reference_stands_in_for_the_aspiration_and_the_roadmap(filing):
    replaced = with_vision(
        filing,
        aspiration="",
        roadmap="",
        aspiration_plan_reference=PlanRef("中国圏広域地方計画", "第2章", "将来像"),
        roadmap_plan_reference=PlanRef("四国圏広域地方計画", "第5章"),
    )
    text = flat_text(vision_pdf(replaced, meta=META))

    aspiration = text.split("①")[1].split("②")[0]
    roadmap = text.split("②")[1].split("プロジェクトの全体像")[0]
    assert "次の計画の記載により代える" in aspiration and "中国圏広域地方計画第2章" in aspiration
    assert "次の計画の記載により代える" in roadmap and "四国圏広域地方計画第5章" in roadmap
    assert "（記載なし）" not in aspiration + roadmap


def test_a_vision_change_lists_projects_added_removed_and_changed(filing):
    projects = filing.vision.projects
    new_vision = replace(
        filing.vision,
        projects=(
            replace(projects[0], content=projects[0].content + "さらに拡大する。"),
            projects[2],
            replace(
                projects[1], name="瀬戸内ブルーカーボン・スマート養殖", content="藻場を再生する。"
            ),
        ),
        revision=RevisionInfo(kind=RevisionKind.CHANGED, consulted_on=date(2026, 10, 20)),
    )
    text = flat_text(vision_pdf(replace(filing, vision=new_vision), meta=META, previous=filing))

    assert "瀬戸内広域リージョン連携ビジョン（変更）" in text
    summary = text.split("変更の概要")[1].split("①")[0]
    assert "加えたプロジェクト瀬戸内ブルーカーボン・スマート養殖" in summary
    assert "除いたプロジェクト瀬戸内の島々をめぐる周遊観光プロジェクト" in summary
    assert "内容を改めたプロジェクト瀬戸内先端ものづくりクラスター形成プロジェクト" in summary


def test_the_roadmap_chart_draws_a_bar_per_period_and_a_diamond_per_dated_milestone(filing):
    projects = project_views(filing)
    (chart,) = roadmap_charts(projects)

    bars = re.search(r'<path d="([^"]*)" fill="#6b6b6b"', chart).group(1)
    diamonds = re.search(r'<path d="([^"]*)" fill="#000"', chart).group(1)
    assert bars.count("z") == 3
    assert diamonds.count("z") == sum(1 for p in projects for m in p.milestones if m.date)
    for label in ("令和8年度", "令和9年度", "令和10年度", "令和12年度"):
        assert f">{label}</text>" in chart
    assert "令和13年度" not in chart, "the last period ends in 令和12年度 (31 March 2031)"


def test_a_long_list_of_projects_is_charted_in_pieces_that_fit_a_page(filing):
    many = tuple(replace(filing.vision.projects[0], name=f"P{n}") for n in range(60))
    projects = project_views(with_vision(filing, projects=many))

    charts = roadmap_charts(projects)

    assert len(charts) == 3
    assert sum(chart.count('<text x="1"') for chart in charts) == 60


def test_chart_labels_are_escaped_and_shortened(filing):
    hostile = with_project(
        filing, 0, name='<script>alert("x")</script>＆とても長いプロジェクトの名称です'
    )
    (chart,) = roadmap_charts(project_views(hostile))

    assert "<script>" not in chart
    assert "&lt;script&gt;" in chart
    assert "…" in chart


def test_projects_without_dates_make_no_chart(filing):
    undated = tuple(replace(p, start=None, end=None, milestones=()) for p in filing.vision.projects)
    assert roadmap_charts(project_views(with_vision(filing, projects=undated))) == []


# ---------------------------------------------------------------- 送付書


def enclosure(**changes) -> Enclosure:
    base = Enclosure(
        title="瀬戸内広域リージョン　連携宣言書",
        number=1,
        kind_label="策定",
        pages=2,
        size=123_456,
        sha256="ab" * 32,
    )
    return replace(base, **changes)


def test_the_cover_letter_is_addressed_dated_and_lists_the_enclosure_with_its_hash(
    filing, settings
):
    settings.MINISTRY_OFFICE = "総務省自治行政局地域政策課 試験係 御中"
    data = cover_pdf(
        filing,
        document="declaration",
        info=filing.declaration.revision,
        meta=DocumentMeta(
            number=1, dated=date(2026, 4, 10), created=datetime(2026, 4, 10, 9, tzinfo=TOKYO)
        ),
        enclosures=[enclosure()],
    )
    text = flat_text(data)

    assert page_count(data) == 1
    assert "総務省自治行政局地域政策課試験係御中" in text
    assert "令和8年4月10日" in text
    assert "連携宣言書の写しの送付について" in text
    assert "第3(6)の規定に基づき" in text
    assert "瀬戸内広域リージョン連携宣言書（写し）第1版（策定）2" in text
    assert "SHA-256:" + "ab" * 32 in text
    assert "リージョン構成団体一同（13団体）" in text
    assert "以上" in text


@pytest.mark.parametrize(
    ("document", "kind", "subject"),
    [
        ("declaration", RevisionKind.CHANGED, "広域リージョン連携宣言の変更について（送付）"),
        ("declaration", RevisionKind.ABOLISHED, "広域リージョン連携宣言の廃止について（送付）"),
        ("vision", RevisionKind.ESTABLISHED, "広域リージョン連携ビジョンの送付について"),
        ("vision", RevisionKind.CHANGED, "広域リージョン連携ビジョンの変更について（送付）"),
    ],
)
def test_the_cover_letter_subject_follows_the_document_and_the_kind(
    filing, document, kind, subject
):
    info = RevisionInfo(kind=kind, consulted_on=date(2026, 10, 20))
    text = flat_text(
        cover_pdf(filing, document=document, info=info, meta=META, enclosures=[enclosure()])
    )

    assert subject in text
    if kind != RevisionKind.ESTABLISHED:
        assert "令和8年10月20日に協議を経ました" in text


# ---------------------------------------------------------------- hostile and huge text


def test_markup_and_control_characters_in_the_text_are_printed_as_text(filing):
    hostile = with_declaration(
        filing,
        region_name="<b>瀬戸内</b>&リージョン",
        aspiration='目指す姿\x00\x07<img src="file:///etc/passwd">',
    )
    text = flat_text(declaration_pdf(hostile, master=MASTER, meta=META))

    assert "<b>瀬戸内</b>&リージョン" in text
    assert '<imgsrc="file:///etc/passwd">' in text


def test_the_longest_texts_flow_over_pages_without_being_cut(filing):
    long_text = ("瀬戸内の産業と観光を結ぶ取組を進める。" * 1100)[:19_990] + "ここで終わる"
    huge = with_project(filing, 0, content=long_text, effects=long_text)
    data = vision_pdf(huge, meta=META)
    text = flat_text(data)

    assert page_count(data) > 10
    assert text.count("ここで終わる") == 2
