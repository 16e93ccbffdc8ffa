"""第4(2)①②, 第2 and 第4(3) rules (filing.rules.vision): the 連携ビジョン as a whole, without the database."""

from datetime import date

import pytest

from filing.data import (
    FieldCode,
    FieldEntry,
    PlanRef,
    PublishedDeclaration,
    RevisionInfo,
    RevisionKind,
)
from filing.findings import Severity
from filing.rules import vision as rules
from filing.rules.vision import add_months
from tests.filing_factories import (
    context,
    implementers,
    project,
    valid_filing,
    with_declaration,
    with_project,
    with_vision,
)

EVERY_KEY = frozenset({"hokkaido", "aomori", "sapporo", "keizai", "univ", "company"})
INDUSTRY_AND_TOURISM = frozenset({FieldCode.INDUSTRY, FieldCode.TOURISM})


def check(filing, **context_changes):
    return rules.check(filing, context(**context_changes))


def test_valid_vision_has_no_findings():
    assert check(valid_filing()) == []


def test_nothing_is_checked_before_a_vision_exists():
    published = PublishedDeclaration(frozenset(), frozenset())
    filing = valid_filing(vision=None)
    assert check(filing, current_declaration=published, today=date(2040, 1, 1)) == []


# ---- 第4(2)①②: 目指すべき姿 and ロードマップ, or a plan reference in their place ------------


def test_vision_without_aspiration_is_refused():
    (finding,) = check(with_vision(valid_filing(), aspiration=""))
    assert (finding.code, finding.clause, finding.severity, finding.path) == (
        "vision.aspiration",
        "第4(2)①",
        Severity.ERROR,
        "vision.aspiration",
    )


def test_plan_reference_may_replace_the_aspiration():
    reference = PlanRef("北海道総合開発計画", "第1章")
    filing = with_vision(valid_filing(), aspiration="", aspiration_plan_reference=reference)
    assert check(filing) == []


def test_plan_reference_without_a_plan_does_not_replace_the_aspiration():
    filing = with_vision(valid_filing(), aspiration="", aspiration_plan_reference=PlanRef(" "))
    assert [f.code for f in check(filing)] == ["vision.aspiration"]


@pytest.mark.parametrize("section", ["", "  "], ids=["no_section", "blank_section"])
@pytest.mark.parametrize(
    ("item", "code"), [("aspiration", "vision.aspiration"), ("roadmap", "vision.roadmap")]
)
def test_plan_name_without_its_passage_does_not_replace_an_item(item, code, section):
    # 第4(2) なお書き: an item is replaced by the 参照箇所, so the passage must be named.
    reference = PlanRef("北海道総合開発計画", section)
    filing = with_vision(valid_filing(), **{item: "", f"{item}_plan_reference": reference})
    (finding,) = check(filing)
    assert (finding.code, finding.severity, finding.path) == (
        code,
        Severity.ERROR,
        f"vision.{item}",
    )
    assert "参照箇所" in finding.message and "北海道総合開発計画" in finding.message


def test_vision_without_roadmap_is_refused():
    (finding,) = check(with_vision(valid_filing(), roadmap="  "))
    assert (finding.code, finding.clause, finding.path) == (
        "vision.roadmap",
        "第4(2)②",
        "vision.roadmap",
    )


def test_plan_reference_may_replace_the_roadmap():
    reference = PlanRef("東北圏広域地方計画", "第4章")
    filing = with_vision(valid_filing(), roadmap="", roadmap_plan_reference=reference)
    assert check(filing) == []


# ---- 第2: 複数のプロジェクト -----------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1])
def test_fewer_than_two_projects_is_a_warning(count):
    filing = with_vision(valid_filing(), projects=valid_filing().vision.projects[:count])
    (finding,) = check(filing)
    assert (finding.code, finding.clause, finding.severity, finding.path) == (
        "vision.projects",
        "第2",
        Severity.WARNING,
        "vision.projects",
    )
    assert f"{count}件" in finding.message


# ---- 第4(3): 協議 before a change or an abolition of the vision ---------------------------


def test_vision_change_without_consultation_is_refused():
    filing = with_vision(valid_filing(), revision=RevisionInfo(RevisionKind.CHANGED))
    (finding,) = check(filing)
    assert (finding.code, finding.clause, finding.path) == (
        "change.consultation",
        "第3(5), 第4(1), 第4(3)",
        "vision.revision.consulted_on",
    )
    assert "連携ビジョン" in finding.message


def test_vision_establishment_without_consultation_is_refused():
    # 第4(1): a 連携ビジョン is one whose 策定 went through the members' 協議 (the 要綱 goes
    # further than DESIGN.md's rule table here, and the 要綱 decides).
    filing = with_vision(valid_filing(), revision=RevisionInfo(RevisionKind.ESTABLISHED))
    (finding,) = check(filing)
    assert (finding.code, finding.path) == ("change.consultation", "vision.revision.consulted_on")
    assert "策定" in finding.message


def test_declaration_establishment_needs_no_consultation_date():
    from filing.rules import declaration as declaration_rules

    filing = with_vision(valid_filing(), revision=RevisionInfo(consulted_on=date(2026, 2, 20)))
    assert filing.declaration.revision == RevisionInfo()
    assert declaration_rules.check(filing, context()) == []


def test_vision_abolition_without_consultation_is_refused():
    filing = with_vision(valid_filing(), revision=RevisionInfo(RevisionKind.ABOLISHED))
    assert [f.path for f in check(filing)] == ["vision.revision.consulted_on"]


@pytest.mark.parametrize(
    "revision",
    [
        RevisionInfo(RevisionKind.CHANGED, is_minor=True),
        RevisionInfo(RevisionKind.CHANGED, consulted_on=date(2026, 5, 20)),
    ],
    ids=["minor", "consulted"],
)
def test_minor_or_consulted_vision_change_passes(revision):
    assert check(with_vision(valid_filing(), revision=revision)) == []


# ---- 第4(3): the declaration must be changed first -----------------------------------------


def published(member_keys=EVERY_KEY, fields=INDUSTRY_AND_TOURISM):
    return PublishedDeclaration(frozenset(member_keys), frozenset(fields))


def test_vision_in_line_with_the_published_declaration_passes():
    assert check(valid_filing(), current_declaration=published()) == []


def test_project_member_missing_from_the_published_declaration_needs_a_declaration_change():
    (finding,) = check(valid_filing(), current_declaration=published(EVERY_KEY - {"aomori"}))
    assert (finding.code, finding.clause, finding.severity, finding.path) == (
        "change.declaration_sync",
        "第3(5), 第4(3)",
        Severity.ERROR,
        "vision.projects[1].implementers[0]",
    )
    assert "青森県" in finding.message


def test_member_is_reported_once_at_its_first_use():
    filing = with_project(valid_filing(), 1, implementers=implementers("univ", "aomori"))
    found = check(filing, current_declaration=published(EVERY_KEY - {"univ"}))
    assert [f.path for f in found] == ["vision.projects[0].implementers[2]"]


def test_founder_of_a_joint_body_missing_from_the_published_declaration_is_refused():
    founded = project(
        implementers=implementers(outside=("北方技術財団",)), joint_body_of=("keizai", "company")
    )
    filing = with_vision(valid_filing(), projects=(*valid_filing().vision.projects, founded))
    filing = with_project(filing, 1, implementers=implementers("aomori", "sapporo"))
    found = check(filing, current_declaration=published(EVERY_KEY - {"company"}))
    assert [f.path for f in found] == ["vision.projects[2].joint_body_of[1]"]


def test_unknown_member_key_in_a_project_is_treated_as_absent():
    filing = with_project(valid_filing(), 1, implementers=implementers("ghost", "aomori"))
    assert check(filing, current_declaration=published()) == []


def test_member_in_no_project_is_not_a_declaration_sync_matter():
    assert check(valid_filing(), current_declaration=published(EVERY_KEY - {"nobody"})) == []


def test_field_missing_from_the_published_declaration_needs_a_declaration_change():
    fields = (
        FieldEntry(FieldCode.INDUSTRY),
        FieldEntry(FieldCode.TOURISM),
        FieldEntry(FieldCode.TRANSPORT),
    )
    filing = with_declaration(valid_filing(), fields=fields)
    (finding,) = check(filing, current_declaration=published())
    assert (finding.code, finding.path) == ("change.declaration_sync", "declaration.fields[2]")
    assert "交通" in finding.message


def test_declaration_sync_is_not_checked_without_a_published_declaration():
    filing = with_declaration(valid_filing(), fields=(FieldEntry(FieldCode.TRANSPORT),))
    assert check(filing) == []


# ---- 第4(3): 検証 at the configured interval ----------------------------------------------


def test_add_months_clamps_to_the_end_of_a_shorter_month():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2025, 4, 1), 12) == date(2026, 4, 1)
    assert add_months(date(2025, 11, 15), 14) == date(2027, 1, 15)


def test_vision_verified_within_the_interval_passes():
    filing = with_vision(valid_filing(), verified_on=date(2025, 6, 1))
    assert check(filing, today=date(2026, 6, 1)) == []


def test_vision_not_verified_for_longer_than_the_interval_warns():
    filing = with_vision(valid_filing(), verified_on=date(2025, 6, 1))
    (finding,) = check(filing, today=date(2026, 6, 2))
    assert (finding.code, finding.clause, finding.severity, finding.path) == (
        "vision.verification",
        "第4(3)",
        Severity.WARNING,
        "vision.verified_on",
    )
    assert "2025年6月1日" in finding.message and "12か月" in finding.message


def test_verification_interval_is_configurable_and_clamps_to_month_end():
    filing = with_vision(valid_filing(), verified_on=date(2025, 8, 31))
    assert check(filing, today=date(2026, 2, 28), verification_interval_months=6) == []
    found = check(filing, today=date(2026, 3, 1), verification_interval_months=6)
    assert [f.code for f in found] == ["vision.verification"]


def test_never_verified_vision_counts_from_its_first_publication():
    filing = with_vision(valid_filing(), verified_on=None)  # declared on 2026-04-01
    published = {"vision_first_published_on": date(2026, 5, 15)}
    assert check(filing, today=date(2027, 5, 15), **published) == []
    (finding,) = check(filing, today=date(2027, 5, 16), **published)
    assert finding.code == "vision.verification"
    assert "2026年5月15日" in finding.message and "公表" in finding.message


def test_vision_is_not_overdue_from_its_declaration_date():
    # Counted from the declaration, a vision created long after it was overdue at once.
    filing = with_vision(valid_filing(), verified_on=None)
    published = {"vision_first_published_on": date(2027, 6, 1)}
    assert check(filing, today=date(2027, 6, 1), **published) == []


def test_never_published_never_verified_vision_is_never_overdue():
    # A bundle carries no publication: check_region never warns without verified_on.
    filing = with_vision(valid_filing(), verified_on=None)
    assert check(filing, today=date(2040, 1, 1)) == []


def test_last_verification_counts_rather_than_the_first_publication():
    filing = with_vision(valid_filing(), verified_on=date(2026, 3, 1))
    published = {"vision_first_published_on": date(2025, 1, 1)}
    assert check(filing, today=date(2027, 3, 1), **published) == []
    assert [f.code for f in check(filing, today=date(2027, 3, 2), **published)] == [
        "vision.verification"
    ]


def test_a_published_verification_record_counts_like_the_revisions_verified_on():
    # The latest published 検証 record (reports, ADR 0105) comes through the rule context.
    filing = with_vision(valid_filing(), verified_on=None)
    recorded = {"vision_first_published_on": date(2024, 4, 1), "last_verified_on": None}
    assert [f.code for f in check(filing, today=date(2026, 6, 1), **recorded)] == [
        "vision.verification"
    ]
    recorded["last_verified_on"] = date(2026, 1, 15)
    assert check(filing, today=date(2026, 6, 1), **recorded) == []
    found = check(filing, today=date(2027, 1, 16), **recorded)
    assert [f.code for f in found] == ["vision.verification"]
    assert "2026年1月15日から12か月" in found[0].message


def test_the_later_of_the_revisions_verified_on_and_the_verification_record_counts():
    filing = with_vision(valid_filing(), verified_on=date(2026, 5, 1))
    found = check(filing, today=date(2027, 5, 2), last_verified_on=date(2025, 1, 1))
    assert [f.code for f in found] == ["vision.verification"]
    assert check(filing, today=date(2027, 5, 2), last_verified_on=date(2026, 6, 1)) == []
