"""第4(2)③ rules (filing.rules.project): each project of the 連携ビジョン, without the database."""

from datetime import date

import pytest

from filing.data import MemberKind, MilestoneData, PlanRef
from filing.findings import Severity
from filing.rules import project as rules
from filing.rules.project import five_year_limit
from tests.filing_factories import (
    VALID_MEMBERS,
    body,
    budget,
    context,
    implementers,
    of_code,
    target,
    valid_filing,
    with_project,
)

UNIVERSITY_2 = body("univ2", MemberKind.UNIVERSITY, "南方大学")
COMPANY_2 = body("company2", MemberKind.COMPANY, "南方商事株式会社")
MEMBERS = (*VALID_MEMBERS, UNIVERSITY_2, COMPANY_2)


def check_project(**changes):
    """Findings for a filing whose first project has ``changes``."""
    filing = with_project(valid_filing(members=MEMBERS), 0, **changes)
    return rules.check(filing, context())


def findings_of(code, **changes):
    return of_code(check_project(**changes), code)


def test_valid_projects_have_no_findings():
    assert rules.check(valid_filing(), context()) == []


def test_nothing_is_checked_before_a_vision_exists():
    assert rules.check(valid_filing(vision=None), context()) == []


# ---- ア name ----------------------------------------------------------------------------


def test_project_without_a_name_is_refused_and_named_by_position():
    (finding,) = check_project(name=" ")
    assert (finding.code, finding.clause, finding.severity, finding.path) == (
        "project.name",
        "第4(2)③ア",
        Severity.ERROR,
        "vision.projects[0].name",
    )
    assert "1番目のプロジェクト" in finding.message


# ---- イ implementers: plural and diverse members --------------------------------------------


def test_single_member_with_outside_bodies_is_refused():
    found = check_project(implementers=implementers("keizai", outside=("A財団", "B社")))
    assert [(f.code, f.path) for f in found] == [
        ("project.implementers", "vision.projects[0].implementers"),
        ("project.implementer_diversity", "vision.projects[0].implementers"),
    ]
    assert "北海道・東北経済連合会" in found[0].message
    assert "次世代半導体クラスター形成" in found[0].message


def test_same_member_listed_twice_is_still_one_member():
    found = findings_of("project.implementers", implementers=implementers("keizai", "keizai"))
    assert [f.clause for f in found] == ["第4(2)③イ"]


def test_no_member_implementer_is_refused():
    found = check_project(implementers=implementers(outside=("A財団",)))
    assert [f.code for f in found] == ["project.implementers", "project.implementer_diversity"]


@pytest.mark.parametrize(
    "keys",
    [("univ", "univ2"), ("company", "company2"), ("hokkaido", "sapporo")],
    ids=["two_universities", "two_companies", "prefecture_and_municipality"],
)
def test_members_of_one_class_are_not_diverse(keys):
    found = check_project(implementers=implementers(*keys))
    assert [(f.code, f.severity) for f in found] == [
        ("project.implementer_diversity", Severity.ERROR)
    ]


def test_local_governments_only_message_names_the_class():
    (finding,) = findings_of(
        "project.implementer_diversity", implementers=implementers("hokkaido", "sapporo")
    )
    assert "地方公共団体のみ" in finding.message


@pytest.mark.parametrize(
    "keys",
    [("keizai", "company"), ("univ", "company"), ("sapporo", "univ")],
    ids=["economic_and_company", "university_and_company", "municipality_and_university"],
)
def test_members_of_two_classes_are_diverse(keys):
    assert check_project(implementers=implementers(*keys)) == []


def test_unknown_member_key_is_treated_as_absent():
    found = check_project(implementers=implementers("keizai", "ghost"))
    assert [f.code for f in found] == ["project.implementers", "project.implementer_diversity"]


# ---- イ ただし書き: a body jointly established by diverse members ----------------------------


def joint_body(*founders):
    return {"implementers": implementers(outside=("北方技術財団",)), "joint_body_of": founders}


def test_body_jointly_established_by_diverse_members_may_implement_alone():
    assert check_project(**joint_body("hokkaido", "keizai")) == []


@pytest.mark.parametrize(
    "founders",
    [("hokkaido", "sapporo"), ("keizai",), ("keizai", "ghost"), ()],
    ids=["local_governments_only", "one_founder", "unknown_founder", "no_founder"],
)
def test_body_jointly_established_without_diverse_founders_is_refused(founders):
    found = check_project(**joint_body(*founders))
    assert [f.code for f in found] == ["project.implementers", "project.implementer_diversity"]
    assert all("joint_body_of" in f.message for f in found)


def test_body_jointly_established_must_itself_be_named_among_the_implementers():
    # 第4(2)③イ: the 実施主体 is named; under the ただし書き the body itself is the 実施主体,
    # written among the implementers as an outside body (DESIGN.md, bundle section).
    found = check_project(implementers=(), joint_body_of=("hokkaido", "keizai"))
    assert [(f.code, f.severity, f.path) for f in found] == [
        ("project.implementers", Severity.ERROR, "vision.projects[0].implementers")
    ]
    assert "共同設立法人" in found[0].message and "実施主体として記載" in found[0].message


def test_body_jointly_established_is_not_named_by_listing_a_founder():
    found = check_project(
        implementers=implementers("hokkaido"), joint_body_of=("hokkaido", "keizai")
    )
    assert [f.code for f in found] == ["project.implementers"]


def test_plural_diverse_members_need_no_body_even_with_joint_body_of():
    found = check_project(
        implementers=implementers("hokkaido", "keizai"), joint_body_of=("univ", "company")
    )
    assert found == []


# ---- ウ plan references ------------------------------------------------------------------


@pytest.mark.parametrize(
    "references",
    [(), (PlanRef(""),), (PlanRef("北海道総合開発計画"),), (PlanRef("北海道総合開発計画", " "),)],
    ids=["none", "blank_plan", "plan_without_section", "blank_section"],
)
def test_project_without_a_plan_reference_warns(references):
    (finding,) = check_project(plan_references=references)
    assert (finding.code, finding.clause, finding.severity, finding.path) == (
        "project.plan_reference",
        "第4(2)③ウ",
        Severity.WARNING,
        "vision.projects[0].plan_references",
    )


def test_a_citation_without_its_section_counts_as_none_and_says_so():
    # 第4(2)③ウ asks for the 関連する箇所, not only the plan's name.
    (finding,) = check_project(plan_references=(PlanRef("北海道総合開発計画"),))
    assert "関連する箇所" in finding.message


def test_one_citation_with_its_section_is_enough():
    references = (PlanRef("北海道総合開発計画"), PlanRef("東北圏広域地方計画", "第3章"))
    assert check_project(plan_references=references) == []


# ---- エ content, カ effects ----------------------------------------------------------------


def test_project_without_content_is_refused():
    (finding,) = check_project(content="")
    assert (finding.code, finding.clause, finding.path) == (
        "project.content",
        "第4(2)③エ",
        "vision.projects[0].content",
    )


def test_project_without_effects_is_refused():
    (finding,) = check_project(effects="\n")
    assert (finding.code, finding.clause, finding.path) == (
        "project.effects",
        "第4(2)③カ",
        "vision.projects[0].effects",
    )


# ---- オ budget --------------------------------------------------------------------------


def test_project_without_budget_measures_needs_no_amounts():
    assert check_project(budget=None) == []


def test_budget_without_a_total_is_refused():
    (finding,) = check_project(budget=budget(None, y2026=10))
    assert (finding.code, finding.clause, finding.path) == (
        "project.budget",
        "第4(2)③オ",
        "vision.projects[0].budget.total",
    )


def test_budget_without_fiscal_years_is_refused():
    (finding,) = check_project(budget=budget(100))
    assert finding.path == "vision.projects[0].budget.by_fiscal_year"


def test_fiscal_years_must_add_up_to_the_total():
    (finding,) = check_project(budget=budget(100_000_000, y2026=40_000_000, y2027=50_000_000))
    assert finding.path == "vision.projects[0].budget"
    assert "90,000,000円" in finding.message and "100,000,000円" in finding.message


def test_fiscal_year_outside_the_period_is_refused():
    # period 2026-04-01 .. 2028-03-31 covers 年度 2026 and 2027 only
    found = check_project(budget=budget(30, y2025=10, y2026=10, y2028=10))
    assert [f.path for f in found] == [
        'vision.projects[0].budget.by_fiscal_year["2025"]',
        'vision.projects[0].budget.by_fiscal_year["2028"]',
    ]
    assert "2028年度" in found[1].message


def test_fiscal_year_overlapping_the_period_by_a_few_days_passes():
    # 2027-03-20 is in 年度 2026; 2028-04-10 is in 年度 2028
    period = {"start": date(2027, 3, 20), "end": date(2028, 4, 10)}
    assert check_project(budget=budget(30, y2026=10, y2027=10, y2028=10), **period) == []
    found = check_project(budget=budget(10, y2029=10), **period)
    assert [f.path for f in found] == ['vision.projects[0].budget.by_fiscal_year["2029"]']


def test_fiscal_years_are_not_compared_with_a_missing_period():
    found = check_project(budget=budget(10, y2040=10), end=None)
    assert [f.code for f in found] == ["project.period"]


# ---- キ period ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "missing"),
    [
        (None, date(2027, 3, 31), "開始日"),
        (date(2026, 4, 1), None, "終了日"),
        (None, None, "開始日と終了日"),
    ],
)
def test_period_without_start_or_end_is_refused(start, end, missing):
    (finding,) = check_project(start=start, end=end, budget=None)
    assert (finding.code, finding.clause, finding.severity, finding.path) == (
        "project.period",
        "第4(2)③キ",
        Severity.ERROR,
        "vision.projects[0].period",
    )
    assert f"{missing}が記載されていません" in finding.message


def test_period_ending_before_it_starts_is_refused():
    (finding,) = check_project(start=date(2027, 4, 1), end=date(2027, 3, 31), budget=None)
    assert (finding.code, finding.severity) == ("project.period", Severity.ERROR)


def test_one_day_period_passes():
    one_year = (target(values=(), final_year=2026),)
    assert (
        check_project(start=date(2026, 4, 1), end=date(2026, 4, 1), budget=None, targets=one_year)
        == []
    )


def test_exactly_five_fiscal_years_is_within_the_limit():
    assert check_project(start=date(2026, 4, 1), end=date(2031, 3, 31), budget=None) == []


def test_one_day_more_than_five_years_warns():
    (finding,) = check_project(start=date(2026, 4, 1), end=date(2031, 4, 1), budget=None)
    assert (finding.code, finding.severity, finding.path) == (
        "project.period",
        Severity.WARNING,
        "vision.projects[0].period",
    )
    assert "2031年3月31日" in finding.message


def test_start_on_29_february_counts_to_28_february():
    start = date(2028, 2, 29)
    assert five_year_limit(start) == date(2033, 2, 28)
    targets = (target(values=((2028, 2),), final_year=2032),)
    assert check_project(start=start, end=date(2033, 2, 28), budget=None, targets=targets) == []
    found = check_project(start=start, end=date(2033, 3, 1), budget=None, targets=targets)
    assert [(f.code, f.severity) for f in found] == [("project.period", Severity.WARNING)]


def test_five_year_limit_is_the_day_before_the_same_date():
    assert five_year_limit(date(2026, 4, 1)) == date(2031, 3, 31)
    assert five_year_limit(date(2027, 3, 1)) == date(2032, 2, 29)
    assert five_year_limit(date(2026, 1, 1)) == date(2030, 12, 31)


# ---- ② milestones ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "milestones",
    [(), (MilestoneData(None, "目標"),), (MilestoneData(date(2027, 3, 31), " "),)],
    ids=["none", "no_date", "no_target"],
)
def test_project_without_a_dated_target_warns(milestones):
    (finding,) = check_project(milestones=milestones)
    assert (finding.code, finding.clause, finding.severity, finding.path) == (
        "project.milestones",
        "第4(2)②",
        Severity.WARNING,
        "vision.projects[0].milestones",
    )


def test_one_dated_target_among_others_is_enough():
    milestones = (MilestoneData(None, "検討"), MilestoneData(date(2027, 3, 31), "立地企業5社"))
    assert check_project(milestones=milestones) == []


# ---- order -------------------------------------------------------------------------------


def test_findings_come_project_by_project_with_their_paths():
    filing = with_project(valid_filing(), 0, content="", milestones=())
    filing = with_project(filing, 1, name="", effects="")
    found = rules.check(filing, context())
    assert [(f.code, f.path) for f in found] == [
        ("project.content", "vision.projects[0].content"),
        ("project.milestones", "vision.projects[0].milestones"),
        ("project.name", "vision.projects[1].name"),
        ("project.effects", "vision.projects[1].effects"),
    ]
    assert "2番目のプロジェクト" in found[3].message
