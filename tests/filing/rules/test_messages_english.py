"""The rules' messages in English (issue 18, ADR 0127): a broad set of failing inputs, one or
more for every rule module, checked in English and in Japanese.

The members, projects and targets have ASCII names, so any Japanese left in an English
message outside its quotes (“…”: filed content and master data such as a prefecture's
name) is a message or a label that was not translated. The Japanese messages of the same
inputs are the ones in ``messages_ja.txt``, written before the messages went through
gettext: the language of record does not change.
"""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from filing.data import (
    DeclarationData,
    FieldCode,
    FieldEntry,
    Filing,
    MemberKind,
    PlanRef,
    ProjectData,
    PublishedDeclaration,
    RevisionInfo,
    RevisionKind,
)
from filing.engine import all_rules, check_filing
from filing.rules import results, verification
from filing.rules_doc import render
from tests.filing_factories import (
    body,
    budget,
    context,
    economic_organization,
    implementers,
    municipality,
    other_local_government,
    prefecture,
    project,
    target,
    valid_filing,
    vision,
)

EXPECTED_JA = Path(__file__).with_name("messages_ja.txt")

PREF = prefecture("pref", "Pref One", "")
PREF_UNKNOWN = prefecture("pref2", "Pref Two", "999999")
PREF_WRONG_NAME = prefecture("pref3", "Hokkaido", "010006")
CITY = municipality("city", "City One", "")
CITY_UNKNOWN = municipality("city2", "City Two", "999999")
CITY_WRONG_NAME = municipality("city3", "Sapporo", "011002")
UNION = other_local_government("union", "Union One", ())
UNION_BAD = other_local_government("union2", "Union Two", ("99",))
CHAMBER = economic_organization("chamber", "Chamber One", (), multi_industry=False)
CHAMBER_BAD = economic_organization("chamber2", "Chamber Two", ("99",))
SHAPELESS = replace(body("co1", MemberKind.COMPANY, "Company One"), corporate_number="123")
WRONG_DIGIT = replace(
    body("co2", MemberKind.COMPANY, "Company Two"), corporate_number="1234567890123"
)
NAMELESS = body("nameless", MemberKind.UNIVERSITY, "")
UNIVERSITY = body("uni", MemberKind.UNIVERSITY, "University One")


def area_filing(area, activity):
    """Local governments' area ``area`` (through a union), one 経済団体 active in ``activity``."""
    members = (
        other_local_government("area", "Area Union", area),
        economic_organization("econ", "Econ One", activity),
        UNIVERSITY,
    )
    return Filing(declaration=valid_filing().declaration, members=members)


def declaration_filings():
    members = (
        PREF,
        PREF_UNKNOWN,
        PREF_WRONG_NAME,
        CITY,
        CITY_UNKNOWN,
        CITY_WRONG_NAME,
        UNION,
        UNION_BAD,
        CHAMBER,
        CHAMBER_BAD,
        SHAPELESS,
        WRONG_DIGIT,
        NAMELESS,
    )
    changed = RevisionInfo(kind=RevisionKind.CHANGED)
    return [
        Filing(declaration=DeclarationData(region_name="")),
        Filing(
            declaration=DeclarationData(
                region_name="Region", fields=(FieldEntry(FieldCode.OTHER),), revision=changed
            ),
            members=members,
        ),
        replace(
            area_filing(("01",), ("01",)),
            declaration=replace(
                valid_filing().declaration,
                revision=RevisionInfo(kind=RevisionKind.ABOLISHED),
            ),
        ),
        area_filing(("13",), ("13",)),
        area_filing(("01", "02", "03"), ("01", "02")),  # economic coverage: a warning
        area_filing(("01", "02", "03", "04"), ("01",)),  # economic coverage: an error
    ]


def named_members():
    return (
        prefecture("hokkaido", "Hokkaido Pref", "010006"),
        prefecture("aomori", "Aomori Pref", "020001"),
        economic_organization("keizai", "Econ Federation"),
        body("univ", MemberKind.UNIVERSITY, "North University"),
        body("company", MemberKind.COMPANY, "North Tech"),
        body("company2", MemberKind.COMPANY, "South Tech"),
        body("idle", MemberKind.OTHER, "Idle Body"),
    )


def ascii_target(**changes):
    return target(**{"name": "Companies", "unit": "社", "source": "Survey", **changes})


def failing_projects():
    return (
        ProjectData(name=""),
        project(
            name="Project A",
            implementers=implementers("hokkaido"),
            joint_body_of=("hokkaido",),
            plan_references=(),
            budget=budget(None),
            start=date(2027, 4, 1),
            end=date(2026, 4, 1),
            targets=(ascii_target(name="", unit="", final_year=None, final_value=None),),
        ),
        project(
            name="Project B",
            implementers=implementers("company", "company2"),
            joint_body_of=("company",),
            plan_references=(PlanRef("Plan One", ""), PlanRef("Plan Two", "")),
            budget=budget(100, y2024=30, y2026=40),
            end=date(2032, 4, 1),
            fields=(FieldCode.TRANSPORT, FieldCode.TOURISM),
            targets=(
                ascii_target(
                    values=((2026, Decimal(1)), (2026, Decimal(2)), (2035, Decimal(3))),
                    final_year=2026,
                    final_value=Decimal(9),
                ),
                ascii_target(name="Visitors", final_year=2040),
                ascii_target(final_year=None),
                ascii_target(final_value=None),
            ),
        ),
        project(
            name="Project C",
            implementers=implementers("keizai"),
            joint_body_of=("hokkaido", "univ"),
            start=None,
            milestones=(),
        ),
        project(name="Project D", implementers=(), end=None),
        project(name="Project E", implementers=implementers("univ"), targets=()),
    )


def vision_filings():
    members = named_members()
    base = valid_filing(members=members)
    declaration = replace(
        base.declaration,
        revision=RevisionInfo(kind=RevisionKind.CHANGED, consulted_on=date(2026, 1, 5)),
    )
    return [
        replace(
            base,
            declaration=declaration,
            vision=vision(
                aspiration="",
                roadmap="",
                roadmap_plan_reference=PlanRef("Plan One", ""),
                revision=RevisionInfo(),
                projects=failing_projects(),
            ),
        ),
        replace(
            base,
            vision=vision(
                aspiration="",
                aspiration_plan_reference=PlanRef("Plan One", ""),
                revision=RevisionInfo(kind=RevisionKind.CHANGED),
                projects=(project(fields=(FieldCode.TOURISM,)),),
                verified_on=date(2024, 1, 1),
            ),
        ),
        replace(
            base,
            vision=vision(revision=RevisionInfo(kind=RevisionKind.ABOLISHED), verified_on=None),
        ),
    ]


def filing_findings():
    published = PublishedDeclaration(
        member_keys=frozenset({"hokkaido"}), fields=frozenset({FieldCode.INDUSTRY})
    )
    plain = context()
    watched = context(
        current_declaration=published,
        vision_first_published_on=date(2024, 1, 1),
        declaration_consultation_record=False,
        vision_consultation_record=False,
    )
    findings = []
    for filing in declaration_filings():
        findings += check_filing(filing, plain)
    for filing in vision_filings():
        findings += check_filing(filing, watched)
    return findings


def result_findings():
    targets = {
        "t": results.TargetPeriod("t", "Companies", "人", date(2025, 4, 1), date(2027, 3, 31)),
        "percent": results.TargetPeriod(
            "percent", "Share", "%", date(2025, 4, 1), date(2027, 3, 31)
        ),
        "open": results.TargetPeriod("open", "Open"),
    }
    today = date(2026, 6, 1)
    entries = [
        (results.ResultEntry("missing", 2025, Decimal(1)), ()),
        (results.ResultEntry("t", None, None), ()),
        (results.ResultEntry("t", 2030, Decimal(-1)), ()),
        (results.ResultEntry("t", 2026, Decimal("1.5")), ()),
        (results.ResultEntry("t", 2025, Decimal("1.00001")), [("t", 2025)]),
        (results.ResultEntry("t", 2025, Decimal("1234567890123.45")), ()),
        (results.ResultEntry("t", 2025, Decimal(10**16)), ()),
        (results.ResultEntry("t", 2025, Decimal("NaN")), ()),
        (results.ResultEntry("percent", 2025, Decimal(120)), ()),
        (results.ResultEntry("open", 2025, Decimal(1)), ()),
    ]
    findings = []
    for entry, taken in entries:
        findings += results.check(entry, targets=targets, today=today, taken=taken)
    return findings


def verification_findings():
    data = verification.VerificationData
    assessments = (
        verification.AssessmentData("Project A"),
        verification.AssessmentData("Project B", rating="good"),
        verification.AssessmentData("", text="Done"),
    )
    cases = [
        data(conclusion="", assessments=assessments),
        data(period_start=date(2026, 4, 1), period_end=date(2026, 3, 1), conclusion="change"),
        data(period_start=date(2026, 4, 1), period_end=date(2027, 3, 1), conclusion="end"),
        data(
            period_start=date(2026, 4, 1),
            period_end=date(2027, 3, 1),
            verified_on=date(2026, 1, 1),
            conclusion="continue",
            summary="Fine",
        ),
    ]
    findings = []
    for case in cases:
        findings += verification.check(case)
    return findings


def all_findings():
    return filing_findings() + result_findings() + verification_findings()


QUOTED = re.compile(r"“[^”]*”")
JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def test_the_sample_covers_every_rule():
    every_rule = [*all_rules(), *results.RULES, *verification.RULES]
    assert {finding.code for finding in all_findings()} == {rule.code for rule in every_rule}


def test_japanese_messages_are_unchanged():
    with translation.override("ja"):
        messages = [finding.message for finding in all_findings()]
    assert messages == EXPECTED_JA.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def english_findings():
    with translation.override("en"):
        return all_findings()


def test_english_messages_leave_japanese_only_inside_quotes(english_findings):
    untranslated = [
        (finding.code, finding.message)
        for finding in english_findings
        if JAPANESE.search(QUOTED.sub("", finding.message))
    ]
    assert untranslated == []


def test_english_messages_name_the_clause_in_english(english_findings):
    with translation.override("ja"):
        japanese = all_findings()
    assert len(english_findings) == len(japanese)
    for english, original in zip(english_findings, japanese, strict=True):
        assert english.message.startswith("Section "), english.message
        assert english.clause == original.clause  # the stable code stays as DESIGN.md has it
        assert english.message != original.message


def test_the_english_rules_page_names_the_clauses_in_english():
    with translation.override("en"):
        page = render()
    assert "| Section 3(2)① | `declaration.region_name` |" in page
    assert "| Section 4(2)③(g) | `project.period` |" in page
    with translation.override("ja"):
        assert "| 第4(2)③キ | `project.period` |" in render()
