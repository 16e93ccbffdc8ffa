"""The form fields of the staff forms: lenient (nothing required, no 要綱 rule), refusing only
values of the wrong type, and reading numbers and dates the way people type them."""

from datetime import date

import pytest
from django.http import QueryDict

from declarations.lifecycle import Kind
from staff.forms.declarations import (
    AbolitionForm,
    DayField,
    DeclarationForm,
    FiscalYearField,
    TextField,
    YenField,
    clean_text,
    with_row,
)
from staff.forms.projects import BudgetLineForm, PlanReferenceForm
from staff.forms.visions import VisionForm


def test_clean_text_normalises_line_breaks_and_drops_control_characters():
    assert clean_text("一\r\n二\r三\x00\x08\x0b\x1b\x7f\x85\u2028四\t五") == "一\n二\n三四\t五"


def test_text_field_trims_and_is_never_required():
    field = TextField(max_length=5)

    assert field.clean("  \x00瀬戸内  ") == "瀬戸内"
    assert field.clean("") == ""


def test_text_field_counts_the_length_after_cleaning():
    field = TextField(max_length=3)

    assert field.clean("あ\x00い\x01う") == "あいう"
    with pytest.raises(Exception, match="3"):
        field.clean("あいうえ")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-04-01", date(2026, 4, 1)),
        ("2026/4/1", date(2026, 4, 1)),
        ("２０２６-０４-０１", date(2026, 4, 1)),
        ("", None),
    ],
)
def test_day_field_reads_iso_slashes_and_full_width_digits(typed, expected):
    assert DayField().clean(typed) == expected


@pytest.mark.parametrize(
    "typed", ["2026-02-30", "令和8年4月1日", "tomorrow", "1899-12-31", "3000-01-01", "9" * 500]
)
def test_day_field_refuses_what_is_not_a_date_between_1900_and_2999(typed):
    with pytest.raises(Exception):  # noqa: B017 (ValidationError, message checked in the views)
        DayField().clean(typed)


def test_a_date_that_is_not_a_date_is_shown_as_typed_in_a_text_box():
    form = DeclarationForm({"declared_on": "2026-02-30"})

    html = str(form["declared_on"])

    assert 'type="text"' in html and 'value="2026-02-30"' in html
    assert 'type="date"' in str(DeclarationForm({"declared_on": "2026-02-03"})["declared_on"])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1,000,000", 1_000_000),
        ("１，０００円", 1000),
        (" 0 ", 0),
        ("1000000000000000", 10**15),
        ("", None),
    ],
)
def test_yen_field_reads_amounts_as_people_write_them(typed, expected):
    assert YenField().clean(typed) == expected


@pytest.mark.parametrize("typed", ["-1", "1.5", "百円", "1000000000000001", "1" * 5000])
def test_yen_field_refuses_negative_fractional_words_and_too_large(typed):
    with pytest.raises(Exception):  # noqa: B017
        YenField().clean(typed)


def test_an_amount_is_shown_with_thousands_separators():
    assert 'value="300,000,000"' in str(BudgetLineForm(initial={"amount": 300_000_000})["amount"])


@pytest.mark.parametrize(
    ("typed", "expected"), [("2026", 2026), ("2026年度", 2026), ("２０２７", 2027)]
)
def test_fiscal_year_field_reads_a_western_year(typed, expected):
    assert FiscalYearField().clean(typed) == expected


def test_a_budget_row_needs_both_its_year_and_its_amount():
    assert "fiscal_year" in BudgetLineForm({"amount": "100"}).errors
    assert "amount" in BudgetLineForm({"fiscal_year": "2026"}).errors
    assert BudgetLineForm({"fiscal_year": "", "amount": ""}).is_valid()


def test_a_plan_reference_needs_its_plan_when_it_has_a_section():
    assert "plan" in PlanReferenceForm({"section": "第3章"}).errors
    assert PlanReferenceForm({"plan": "中国圏広域地方計画", "section": "第3章"}).is_valid()


def test_a_plan_reference_needs_its_section_in_both_forms_with_the_same_message():
    # issue 11 (第4(2) なお書き「参照箇所」, ③ウ「関連する箇所」): a plan's name alone cites nothing.
    project_errors = PlanReferenceForm({"plan": "中国圏広域地方計画"}).errors
    vision = VisionForm(
        {"aspiration_plan": "中国圏広域地方計画", "roadmap_plan": "同", "roadmap_section": "第3章"}
    )
    assert not vision.is_valid()
    assert set(vision.errors) == {"aspiration_section"}
    assert vision.errors["aspiration_section"] == project_errors["section"]
    assert "参照箇所" in project_errors["section"][0]
    missing_plan = VisionForm({"roadmap_section": "第3章"}).errors["roadmap_plan"]
    assert missing_plan == PlanReferenceForm({"section": "第3章"}).errors["plan"]


def test_other_fields_are_one_per_line_without_blanks_or_repeats():
    form = DeclarationForm({"other_fields": "高度人材\n\n  高度人材 \n脱炭素\r\n"})

    assert form.is_valid()
    assert form.cleaned_data["other_fields"] == ["高度人材", "脱炭素"]


def test_an_other_field_over_200_characters_is_refused_with_its_line():
    form = DeclarationForm({"other_fields": "短い\n" + "長" * 201})

    assert not form.is_valid()
    assert "2 行目" in str(form.errors["other_fields"])


def test_an_empty_declaration_form_is_valid():
    assert DeclarationForm({}).is_valid()


def test_the_revision_fields_follow_the_kind():
    assert {"is_minor", "consulted_on", "reason"} <= set(DeclarationForm(kind=Kind.CHANGED).fields)
    abolition = DeclarationForm(kind=Kind.ABOLISHED)
    assert set(abolition.fields) == {"consulted_on", "reason"}
    assert "consulted_on" not in DeclarationForm(kind=Kind.ESTABLISHED).fields
    assert "consulted_on" in VisionForm(kind=Kind.ESTABLISHED).fields  # 第4(1)


def test_an_abolition_states_its_reason():
    assert "reason" in AbolitionForm({"reason": "  "}).errors
    assert AbolitionForm({"reason": "目的を達成したため"}).is_valid()


def test_with_row_adds_one_row_and_its_values():
    data = QueryDict("lg-TOTAL_FORMS=2&lg-INITIAL_FORMS=2", mutable=False)

    new, prefix = with_row(data, "lg", {"name": "弘前市"})

    assert prefix == "lg-2"
    assert (new["lg-TOTAL_FORMS"], new["lg-2-name"]) == ("3", "弘前市")
    assert data["lg-TOTAL_FORMS"] == "2"


@pytest.mark.parametrize("total", [None, "", "x", "-1", "500", "1e3"])
def test_with_row_refuses_missing_malformed_or_full_management_data(total):
    data = QueryDict(mutable=True)
    if total is not None:
        data["lg-TOTAL_FORMS"] = total

    assert with_row(data, "lg") == (None, None)
