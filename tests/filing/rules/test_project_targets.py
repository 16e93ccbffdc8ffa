"""project.targets (第4(2)②「各プロジェクトの…目標等」, ADR 0104): pure, no database."""

from datetime import date
from decimal import Decimal

from filing.findings import Severity
from filing.rules import project as rules
from tests.filing_factories import context, of_code, target, valid_filing, with_project


def targets_findings(**changes):
    filing = with_project(valid_filing(), 0, **changes)
    return of_code(rules.check(filing, context()), "project.targets")


def test_a_project_with_complete_targets_has_no_finding():
    assert targets_findings() == []


def test_a_project_without_targets_gets_a_warning_at_its_targets():
    (finding,) = targets_findings(targets=())
    assert (finding.severity, finding.path, finding.clause) == (
        Severity.WARNING,
        "vision.projects[0].targets",
        "第4(2)②",
    )
    assert "目標（指標）がありません" in finding.message


def test_a_target_without_unit_is_an_error_at_its_unit():
    (finding,) = targets_findings(targets=(target(unit=" "),))
    assert (finding.severity, finding.path) == (
        Severity.ERROR,
        "vision.projects[0].targets[0].unit",
    )
    assert "「立地企業数」の単位" in finding.message


def test_a_target_without_final_value_is_an_error_naming_what_is_missing():
    (finding,) = targets_findings(targets=(target(final_value=None),))
    assert finding.path == "vision.projects[0].targets[0].final"
    assert finding.severity == Severity.ERROR
    assert "最終目標の値が記載されていません" in finding.message
    (both,) = targets_findings(targets=(target(final_value=None, final_year=None),))
    assert "最終目標の年度と値が" in both.message


def test_a_target_without_name_is_an_error_at_its_name():
    (finding,) = targets_findings(targets=(target(name=""),))
    assert finding.path == "vision.projects[0].targets[0].name"
    assert "1番目の目標の名称" in finding.message


def test_a_fiscal_year_outside_the_period_is_an_error_at_that_value():
    # the period is 2026-04-01 to 2028-03-31: 2026 and 2027 年度
    late = target(values=((2026, Decimal(2)), (2028, Decimal(4))))
    (finding,) = targets_findings(targets=(late,))
    assert finding.path == "vision.projects[0].targets[0].values[1].fiscal_year"
    assert "2028年度の目標値が期間（2026年度から2027年度まで）" in finding.message


def test_a_final_year_outside_the_period_is_an_error_at_the_final_year():
    (finding,) = targets_findings(targets=(target(final_year=2030),))
    assert finding.path == "vision.projects[0].targets[0].final.fiscal_year"


def test_years_are_not_compared_without_a_whole_period():
    findings = targets_findings(targets=(target(final_year=2040),), end=None)
    assert findings == []  # project.period reports the period


def test_the_same_year_twice_is_an_error():
    twice = target(values=((2026, Decimal(1)), (2026, Decimal(2))))
    (finding,) = targets_findings(targets=(twice,))
    assert finding.path == "vision.projects[0].targets[0].values[1].fiscal_year"
    assert "重複" in finding.message


def test_a_value_in_the_final_year_must_equal_the_final_target():
    odd = target(values=((2027, Decimal(4)),), final_year=2027, final_value=Decimal(5))
    (finding,) = targets_findings(targets=(odd,))
    assert finding.path == "vision.projects[0].targets[0].final.value"
    same = target(values=((2027, Decimal(5)),), final_year=2027, final_value=Decimal("5.0"))
    assert targets_findings(targets=(same,)) == []


def test_findings_of_several_targets_carry_their_own_index():
    findings = targets_findings(targets=(target(), target(unit=""), target(final_year=None)))
    assert [f.path for f in findings] == [
        "vision.projects[0].targets[1].unit",
        "vision.projects[0].targets[2].final",
    ]


def test_the_baseline_is_optional():
    assert targets_findings(targets=(target(baseline_value=None, baseline_on=None),)) == []


def test_no_target_warning_does_not_block_submission_but_a_missing_unit_does():
    filing = with_project(valid_filing(), 0, targets=())
    errors = [f for f in rules.check(filing, context()) if f.severity == Severity.ERROR]
    assert errors == []
    filing = with_project(valid_filing(), 0, targets=(target(unit=""),))
    errors = [f for f in rules.check(filing, context()) if f.severity == Severity.ERROR]
    assert [f.code for f in errors] == ["project.targets"]


def test_the_rule_reads_the_start_in_its_fiscal_year():
    # a start on 1 March 2027 lies in 2026 年度
    early = target(values=((2026, Decimal(1)),), final_year=2027)
    assert targets_findings(targets=(early,), start=date(2027, 3, 1)) == []
