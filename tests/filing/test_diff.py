"""filing.diff: what changed between two filings (no database)."""

from dataclasses import replace

from filing.data import FieldCode, FieldEntry, MemberKind, PlanRef
from filing.diff import BudgetChange, Op, Segment, diff_filings, text_segments, tokenize
from tests.filing_factories import (
    UNIVERSITY,
    body,
    budget,
    implementers,
    project,
    valid_filing,
    with_declaration,
    with_project,
    with_vision,
)


def joined(segments, *, side):
    skip = Op.INSERT if side == "old" else Op.DELETE
    return "".join(s.text for s in segments if s.op != skip)


def test_same_filing_gives_an_empty_diff():
    filing = valid_filing()

    diff = diff_filings(filing, filing)

    assert diff.is_empty
    assert diff.budget_changes == ()


def test_tokenize_splits_japanese_by_script_runs_and_marks():
    assert tokenize("瀬戸内の観光DX（2026年度）") == [
        "瀬戸内",
        "の",
        "観光",
        "DX",
        "（",
        "2026",
        "年度",
        "）",
    ]
    assert tokenize("サプライチェーンを") == ["サプライチェーン", "を"]


def test_text_segments_mark_only_the_changed_words():
    segments = text_segments("瀬戸内の観光を伸ばす。", "瀬戸内の産業を伸ばす。")

    assert segments == (
        Segment(Op.EQUAL, "瀬戸内の"),
        Segment(Op.DELETE, "観光"),
        Segment(Op.INSERT, "産業"),
        Segment(Op.EQUAL, "を伸ばす。"),
    )


def test_text_segments_give_back_both_texts_for_long_multiline_text():
    old = "\n".join(f"第{n}段落は瀬戸内の観光について述べる。" for n in range(800))
    new = old.replace("第400段落は瀬戸内の観光", "第400段落は瀬戸内の交通").replace(
        "第10段落", "第11段落"
    )

    segments = text_segments(old, new)

    assert joined(segments, side="old") == old
    assert joined(segments, side="new") == new
    changed = [s.text for s in segments if s.op != Op.EQUAL]
    assert changed == ["10", "11", "観光", "交通"]


def test_member_added_removed_and_changed_are_matched_by_key():
    old = valid_filing()
    lab = body("lab", MemberKind.RESEARCH_INSTITUTE, "北方研究所")
    renamed = replace(UNIVERSITY, name="国立北方大学")
    members = tuple(m for m in old.members if m.key not in {"company"})
    new = replace(old, members=(*tuple(renamed if m.key == "univ" else m for m in members), lab))

    diff = diff_filings(old, new)

    assert [m.key for m in diff.members_added] == ["lab"]
    assert [m.key for m in diff.members_removed] == ["company"]
    assert [(c.key, c.changed, c.old.name, c.new.name) for c in diff.members_changed] == [
        ("univ", ("name",), "北方大学", "国立北方大学")
    ]
    assert not diff.is_empty


def test_fields_added_and_removed_including_other_text():
    old = with_declaration(
        valid_filing(),
        fields=(FieldEntry(FieldCode.INDUSTRY), FieldEntry(FieldCode.OTHER, "人材育成")),
    )
    new = with_declaration(
        old,
        fields=(FieldEntry(FieldCode.TRANSPORT), FieldEntry(FieldCode.OTHER, "防災")),
    )

    diff = diff_filings(old, new)

    assert diff.fields_added == (
        FieldEntry(FieldCode.TRANSPORT),
        FieldEntry(FieldCode.OTHER, "防災"),
    )
    assert diff.fields_removed == (
        FieldEntry(FieldCode.INDUSTRY),
        FieldEntry(FieldCode.OTHER, "人材育成"),
    )


def test_declaration_and_vision_texts_are_reported_per_item_with_paths():
    old = valid_filing()
    new = with_vision(
        with_declaration(old, aspiration="産業と交通で北の広域圏を成長させる"),
        roadmap_plan_reference=PlanRef("北海道総合開発計画", "第3章"),
    )

    diff = diff_filings(old, new)

    by_path = {c.path: c for c in diff.text_changes}
    assert set(by_path) == {"declaration.aspiration", "vision.roadmap_plan_reference"}
    aspiration = by_path["declaration.aspiration"]
    assert aspiration.item == "目指すべき姿"
    assert [s for s in aspiration.segments if s.op != Op.EQUAL] == [
        Segment(Op.DELETE, "観光"),
        Segment(Op.INSERT, "交通"),
    ]
    assert by_path["vision.roadmap_plan_reference"].new == "北海道総合開発計画　第3章"


def test_project_added_removed_and_renamed_project_is_changed_not_replaced():
    old = valid_filing()
    third = project(name="北の水素サプライチェーン", content="水素の供給網をつくる。全く別の話。")
    new = with_vision(
        with_project(old, 0, name="次世代半導体クラスターの形成"),
        projects=(
            replace(old.vision.projects[0], name="次世代半導体クラスターの形成"),
            third,
        ),
    )

    diff = diff_filings(old, new)

    assert [p.name for p in diff.projects_added] == ["北の水素サプライチェーン"]
    assert [p.name for p in diff.projects_removed] == ["広域観光周遊ルート"]
    assert len(diff.projects_changed) == 1
    change = diff.projects_changed[0]
    assert (change.old_name, change.name) == (
        "次世代半導体クラスター形成",
        "次世代半導体クラスターの形成",
    )
    assert [c.path for c in change.text_changes] == ["vision.projects[0].name"]


def test_project_implementers_milestones_references_and_period_changes():
    old = valid_filing()
    first = old.vision.projects[0]
    new = with_project(
        old,
        0,
        implementers=implementers("hokkaido", "keizai", "company"),
        plan_references=(),
        milestones=(*first.milestones, replace(first.milestones[0], target="立地企業10社")),
        end=first.end.replace(year=2029),
    )

    change = diff_filings(old, new).projects_changed[0]

    assert change.implementers_added == ("株式会社北の技術",)
    assert change.implementers_removed == ("北方大学", "北方技術財団")
    assert change.plan_references_removed == ("北海道総合開発計画　第2章第1節",)
    assert change.plan_references_added == ()
    # Dates in 和暦, as the public pages and the PDFs write them (issue 13).
    assert change.milestones_added == ("令和9年3月31日 立地企業10社",)
    assert [c.path for c in change.text_changes] == ["vision.projects[0].period"]
    assert change.text_changes[0].new == "令和8年4月1日〜令和11年3月31日"


def test_budget_differences_per_fiscal_year_for_the_project_and_all_projects():
    old = valid_filing()
    new = with_project(
        old,
        0,
        budget=budget(120_000_000, y2026=40_000_000, y2027=50_000_000, y2028=30_000_000),
    )

    diff = diff_filings(old, new)

    change = diff.projects_changed[0]
    assert change.budget_total == BudgetChange(0, 100_000_000, 120_000_000)
    assert change.budget == (
        BudgetChange(2027, 60_000_000, 50_000_000),
        BudgetChange(2028, None, 30_000_000),
    )
    assert diff.budget_by_fiscal_year == (
        BudgetChange(2026, 40_000_000, 40_000_000),
        BudgetChange(2027, 60_000_000, 50_000_000),
        BudgetChange(2028, None, 30_000_000),
    )
    assert [b.difference for b in diff.budget_changes] == [-10_000_000, 30_000_000]


def test_vision_appearing_counts_its_projects_as_added():
    new = valid_filing()
    old = replace(new, vision=None)

    diff = diff_filings(old, new)

    assert [p.name for p in diff.projects_added] == [p.name for p in new.vision.projects]
    assert "vision.aspiration" in {c.path for c in diff.text_changes}
    assert diff.budget_changes[0] == BudgetChange(2026, None, 40_000_000)


def test_member_renamed_shows_in_the_implementers_of_an_unchanged_project():
    old = valid_filing()
    new = replace(
        old,
        members=tuple(
            replace(m, name="国立北方大学") if m.key == "univ" else m for m in old.members
        ),
    )

    change = diff_filings(old, new).projects_changed[0]

    assert change.implementers_added == ("国立北方大学",)
    assert change.implementers_removed == ("北方大学",)


def test_dates_and_periods_change_as_whole_values():
    old = valid_filing()
    new = with_project(
        with_declaration(old, declared_on=old.declaration.declared_on.replace(month=5)),
        0,
        start=old.vision.projects[0].start.replace(month=6),
    )

    diff = diff_filings(old, new)

    declared = next(c for c in diff.text_changes if c.path == "declaration.declared_on")
    assert declared.segments == (
        Segment(Op.DELETE, "令和8年4月1日"),
        Segment(Op.INSERT, "令和8年5月1日"),
    )
    period = diff.projects_changed[0].text_changes[0]
    assert period.segments == (
        Segment(Op.DELETE, "令和8年4月1日〜令和10年3月31日"),
        Segment(Op.INSERT, "令和8年6月1日〜令和10年3月31日"),
    )


def test_a_declaration_diff_leaves_out_the_vision():
    """Issue 13: the state after 連携宣言書 第2版 has a vision that the state after 第1版 had
    not; comparing the two declarations does not list the vision as added."""
    new = valid_filing()
    old = replace(new, vision=None)

    declaration = diff_filings(old, new, document="declaration")
    whole = diff_filings(old, new)

    assert whole.projects_added, "the whole filings do differ in the vision"
    assert declaration.is_empty
    assert not declaration.budget_changes
    assert not [c for c in declaration.text_changes if c.path.startswith("vision")]


def test_a_vision_diff_leaves_out_the_declarations_own_changes():
    old = valid_filing()
    new = replace(
        old,
        declaration=replace(old.declaration, aspiration="別の目指すべき姿"),
        vision=replace(old.vision, roadmap="別のロードマップ"),
    )

    diff = diff_filings(old, new, document="vision")

    assert [c.path for c in diff.text_changes] == ["vision.roadmap"]
    assert not diff.members_added and not diff.fields_added


def test_a_change_of_the_representative_is_in_the_diff_by_the_members_name():
    old = valid_filing()
    first, second = old.members[0], old.members[1]
    chosen = with_declaration(old, representative=first.key)
    moved = with_declaration(old, representative=second.key)

    chosen_diff = {c.path: c for c in diff_filings(old, chosen).text_changes}
    moved_diff = {c.path: c for c in diff_filings(chosen, moved).text_changes}

    change = chosen_diff["declaration.representative"]
    assert change.item == "代表団体"
    assert (change.old, change.new) == ("", first.name)
    change = moved_diff["declaration.representative"]
    assert (change.old, change.new) == (first.name, second.name)
    assert "declaration.representative" not in {
        c.path for c in diff_filings(moved, moved).text_changes
    }
    # a vision's diff leaves the declaration's representative out
    assert "declaration.representative" not in {
        c.path for c in diff_filings(old, chosen, document="vision").text_changes
    }


def test_a_changed_target_is_shown_as_the_old_removed_and_the_new_added():
    from decimal import Decimal

    from tests.filing_factories import target, with_project

    old = valid_filing()
    new = with_project(old, 0, targets=(target(final_value=Decimal(8)),))
    (change,) = diff_filings(old, new).projects_changed
    assert change.targets_removed == (
        "立地企業数（社、高いほどよい）: 基準値 0社（2026-03-31）、2026年度 2社、"
        "最終目標 2027年度 5社、出典 道県の企業立地統計",
    )
    assert change.targets_added[0].endswith("最終目標 2027年度 8社、出典 道県の企業立地統計")
    assert (
        diff_filings(old, with_project(old, 0, targets=())).projects_changed[0].targets_added == ()
    )


def test_a_projects_own_fields_change_as_one_text():
    old = valid_filing()
    new = with_project(old, 0, fields=(FieldCode.INDUSTRY, FieldCode.TOURISM))

    change = diff_filings(old, new).projects_changed[0]

    (text,) = change.text_changes
    assert (text.path, text.item, text.old, text.new) == (
        "vision.projects[0].fields",
        "分野",
        "",
        "A 産業振興、B 観光",
    )
