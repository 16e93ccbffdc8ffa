"""第4(3) rules of a 検証 record (filing.rules.verification), without the database."""

from datetime import date

import pytest

from filing.findings import Severity
from filing.rules import verification as rules
from filing.rules.verification import AssessmentData, VerificationData


def complete(**changes) -> VerificationData:
    values = {
        "period_start": date(2026, 4, 1),
        "period_end": date(2027, 3, 31),
        "verified_on": date(2027, 5, 20),
        "conclusion": rules.CONTINUE,
        "summary": "おおむね計画どおりに進んでいる。",
        "assessments": (
            AssessmentData("観光周遊", "on_track", "来訪者数は目標を上回った。"),
            AssessmentData("物流共同化", "delayed", "参加事業者の調整が遅れている。"),
        ),
        **changes,
    }
    return VerificationData(**values)


def codes(data):
    return [(f.code, f.path) for f in rules.check(data)]


def test_a_complete_verification_has_no_findings():
    assert rules.check(complete()) == []


def test_every_finding_is_an_error_of_clause_4_3_with_the_clause_in_its_message():
    findings = rules.check(VerificationData(assessments=(AssessmentData("観光周遊"),)))
    assert {f.code for f in findings} == {
        "verification.period",
        "verification.assessments",
        "verification.conclusion",
    }
    assert all(f.severity == Severity.ERROR and f.clause == "第4(3)" for f in findings)
    assert all(f.message.startswith("第4(3): ") and f.document == "verification" for f in findings)


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"period_start": None}, "period_start"),
        ({"period_end": None}, "period_start"),
        ({"period_end": date(2026, 3, 31)}, "period_end"),
        ({"verified_on": None}, "verified_on"),
        ({"verified_on": date(2026, 3, 1)}, "verified_on"),
    ],
)
def test_the_period_and_the_day_of_the_verification(changes, path):
    assert codes(complete(**changes)) == [("verification.period", path)]


def test_each_project_without_a_rating_or_a_text_is_named_in_its_own_finding():
    data = complete(
        assessments=(
            AssessmentData("観光周遊", "on_track", "順調"),
            AssessmentData("物流共同化", "", ""),
            AssessmentData("人材交流", "delayed", "  "),
        )
    )
    findings = rules.check(data)
    assert [(f.code, f.path) for f in findings] == [
        ("verification.assessments", "assessments[1]"),
        ("verification.assessments", "assessments[2]"),
    ]
    assert "「物流共同化」の評価の区分と評価の内容" in findings[0].message
    assert "「人材交流」の評価の内容" in findings[1].message


def test_a_conclusion_and_a_summary_are_required():
    assert codes(complete(conclusion="", summary=" ")) == [
        ("verification.conclusion", "conclusion"),
        ("verification.conclusion", "summary"),
    ]
    assert codes(complete(conclusion="maybe")) == [("verification.conclusion", "conclusion")]


@pytest.mark.parametrize("conclusion", [rules.CHANGE, rules.END])
def test_a_change_or_an_end_needs_the_day_of_the_consultation(conclusion):
    assert codes(complete(conclusion=conclusion)) == [("verification.consultation", "consulted_on")]
    assert rules.check(complete(conclusion=conclusion, consulted_on=date(2027, 6, 1))) == []


def test_continuing_needs_no_consultation():
    assert rules.consultation_required(rules.CONTINUE) is False
    assert rules.check(complete(conclusion=rules.CONTINUE, consulted_on=None)) == []
