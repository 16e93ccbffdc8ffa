"""法人番号: the 国税庁 check digit, the bundle key and the rule members.corporate_number."""

import dataclasses

import pytest

from filing.bundle import dumps_bundle, filing_to_bundle, parse_bundle
from filing.corporate_number import check_digit, is_valid, problem
from filing.data import MemberKind
from filing.rules import declaration as rules
from tests.filing.bundle.samples import VALID_TEXT, error_of, member_index, valid
from tests.filing_factories import (
    AOMORI,
    COMPANY,
    HOKKAIDO,
    KEIZAI,
    UNIVERSITY,
    context,
    of_code,
    valid_filing,
)

# 国税庁's own 法人番号 (published in 国税庁法人番号公表サイト).
NTA = "7000012050002"


def test_check_digit_follows_the_nta_formula():
    # base 000012050002: digits from the right weigh 1, 2, 1, 2 …; sum 2+0+0+0+5+0+2+2+0+0+0+0
    # with weights → 11; 9 − 11 mod 9 = 7
    assert check_digit(NTA[1:]) == 7
    assert is_valid(NTA)


@pytest.mark.parametrize("wrong", ["1000012050002", "8000012050002", "6000012050002"])
def test_a_wrong_check_digit_is_refused(wrong):
    assert not is_valid(wrong)
    assert "検査用数字" in problem(wrong) and "正しくは 7" in problem(wrong)


@pytest.mark.parametrize(
    "shape", ["700001205000", "70000120500021", "７000012050002", "70000-2050002", ""]
)
def test_anything_but_thirteen_ascii_digits_is_not_a_corporate_number(shape):
    assert not is_valid(shape)
    assert problem(shape) == "13桁の半角数字ではありません"


def test_check_digit_refuses_a_base_that_is_not_twelve_digits():
    with pytest.raises(ValueError):
        check_digit("123")


def findings(*members):
    filing = valid_filing(members=members)
    return of_code(rules.check(filing, context()), "members.corporate_number")


def test_a_valid_or_blank_corporate_number_has_no_finding():
    assert (
        findings(HOKKAIDO, AOMORI, dataclasses.replace(KEIZAI, corporate_number=NTA), UNIVERSITY)
        == []
    )


def test_an_invalid_check_digit_is_an_error_naming_the_member():
    company = dataclasses.replace(COMPANY, corporate_number="1000012050002")
    (finding,) = findings(HOKKAIDO, AOMORI, KEIZAI, company)
    assert finding.severity == "error"
    assert finding.path == "members[3].corporate_number"
    assert company.name in finding.message
    assert "1000012050002" in finding.message and "検査用数字" in finding.message


def test_bundle_reads_writes_and_round_trips_a_corporate_number():
    bundle = valid()
    bundle["members"][member_index(bundle, "kaiun")]["corporate_number"] = NTA
    filing = parse_bundle(bundle)
    (kaiun,) = [m for m in filing.members if m.key == "kaiun"]
    assert kaiun.corporate_number == NTA
    written = filing_to_bundle(filing)
    assert written["members"][member_index(bundle, "kaiun")]["corporate_number"] == NTA
    assert parse_bundle(written) == filing
    # a member without one is written without the key (bundles before ADR 0123 stay the same)
    assert "corporate_number" not in written["members"][member_index(bundle, "univ")]
    assert dumps_bundle(parse_bundle(VALID_TEXT)) == VALID_TEXT


def test_a_corporate_number_on_a_local_government_is_an_input_error():
    bundle = valid()
    bundle["members"][member_index(bundle, "okayama")]["corporate_number"] = NTA
    error = error_of(bundle)
    assert error.path == f"members[{member_index(bundle, 'okayama')}].corporate_number"


def test_a_bundle_keeps_a_wrong_check_digit_for_the_rule_but_refuses_a_long_number():
    bundle = valid()
    index = member_index(bundle, "bank")
    bundle["members"][index]["corporate_number"] = "1000012050002"
    assert parse_bundle(bundle).members[index].corporate_number == "1000012050002"
    bundle["members"][index]["corporate_number"] = "70000120500021"
    assert error_of(bundle).path == f"members[{index}].corporate_number"


def test_every_non_government_kind_may_carry_one():
    from filing.bundle.keys import MEMBER_KIND_KEYS
    from filing.data import CORPORATE_NUMBER_KINDS, LOCAL_GOVERNMENT_KINDS

    assert CORPORATE_NUMBER_KINDS == set(MemberKind) - LOCAL_GOVERNMENT_KINDS
    for kind in MemberKind:
        assert ("corporate_number" in MEMBER_KIND_KEYS.get(kind, ())) == (
            kind in CORPORATE_NUMBER_KINDS
        )
