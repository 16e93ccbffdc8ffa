"""The form fields of the staff forms: lenient (nothing required, no 要綱 rule), refusing only
values of the wrong type, and reading numbers and dates the way people type them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from declarations.lifecycle import COVER_FIELDS, Kind
from staff.forms.bounds import TamperedForm
from staff.forms.declarations import (
    MEMBER_SECTIONS,
    AbolitionForm,
    DayField,
    DeclarationForm,
    TextField,
    long_text,
    member_formset_class,
)
from staff.forms.projects import (
    BudgetGrid,
    PlanReferenceForm,
    ProjectForm,
    period_years,
    switch_unit,
)
from staff.forms.visions import VisionForm
from workflow.forms import AmountField


def posted(form_class, **typed):
    """``form_class`` bound to what a browser posts from its empty page, with ``typed``."""
    fields = form_class().fields
    data = {n: "" for n, f in fields.items() if f.widget.value_omitted_from_data({}, {}, n)}
    return form_class(data | typed)


def test_a_text_field_uses_the_one_cleaner_single_line_or_multi_line_by_its_widget():
    text = "一\r\n二\r三\x08\x0b\x1b\x7f\x85\u2028四\t五"

    assert TextField(max_length=None).clean(text) == "一 二 三   四 五"
    assert long_text("本文").clean(text) == "一\n二\n三\n\n\n四\t五"


@pytest.mark.parametrize("field", [TextField(), long_text("本文"), DayField(), AmountField()])
@pytest.mark.parametrize("bad", ["\x00", "\ud800"])
def test_nul_and_lone_surrogates_are_refused_next_to_the_field(field, bad):
    with pytest.raises(ValidationError) as caught:
        field.clean(f"2026{bad}")

    assert caught.value.code == "refused_character"
    assert "5 文字目" in caught.value.messages[0]


def test_text_field_trims_and_is_never_required():
    field = TextField(max_length=5)

    assert field.clean("  \x01瀬戸内  ") == "瀬戸内"
    assert field.clean("") == ""


def test_text_field_counts_the_length_after_cleaning():
    field = TextField(max_length=3)

    assert field.clean("あ\x1bい\x01う") == "あいう"
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
    form = posted(DeclarationForm, declared_on="2026-02-30")

    html = str(form["declared_on"])

    assert 'type="text"' in html and 'value="2026-02-30"' in html
    assert 'type="date"' in str(posted(DeclarationForm, declared_on="2026-02-03")["declared_on"])


@pytest.mark.parametrize(
    ("typed", "unit", "expected"),
    [
        ("1,000,000", 1, 1_000_000),
        ("１，０００円", 1, 1000),
        (" 0 ", 1, 0),
        ("1000000000000000", 1, 10**15),
        ("1億8千万", 1, 180_000_000),
        ("180,000", 1000, 180_000_000),
        ("", 1, None),
    ],
)
def test_amount_field_reads_amounts_as_people_write_them(typed, unit, expected):
    assert AmountField(unit=unit).clean(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("-1", "0円以上"),
        ("1.5", "1円未満の端数"),
        ("百ドル", "数字で入力してください"),
        ("1000000000000001", "1,000兆円以下"),
        ("1" * 5000, "1,000兆円以下"),
    ],
)
def test_amount_field_refuses_negative_fractional_words_and_too_large(typed, reason):
    with pytest.raises(ValidationError) as caught:
        AmountField(label="令和8年度の金額").clean(typed)
    assert reason in caught.value.messages[0]


def test_an_amount_is_shown_with_thousands_separators_in_its_unit():
    assert 'value="300,000,000"' in AmountField().widget.render(
        "a", AmountField().prepare_value(300_000_000)
    )
    thousands = AmountField(unit=1000)
    assert 'value="300,000"' in thousands.widget.render("a", thousands.prepare_value(300_000_000))


def test_the_period_gives_its_fiscal_years():
    assert period_years(date(2026, 6, 1), date(2029, 3, 31)) == [2026, 2027, 2028]
    assert period_years(date(2026, 3, 31), date(2026, 4, 1)) == [2025, 2026]
    assert period_years(None, date(2029, 3, 31)) == []
    assert period_years(date(2030, 4, 1), date(2029, 3, 31)) == []
    assert len(period_years(date(1900, 4, 1), date(2999, 3, 31))) == 100  # the bundle's limit


def test_the_grid_has_the_periods_years_and_the_stored_ones_outside_it():
    grid = BudgetGrid(stored={2025: 1, 2027: 2}, period=[2026, 2027, 2028])

    assert [(r["year"], r["outside"]) for r in grid.rows] == [
        (2025, True),
        (2026, False),
        (2027, False),
        (2028, False),
    ]
    assert grid.total() == 3


def test_a_bound_grid_saves_what_is_typed_and_nothing_for_a_blank_year():
    data = QueryDict(mutable=True)
    data.update({"budget-unit": "thousand", "budget-years": "2026,2027", "budget-y2026": "1.5"})
    data["budget-y2027"] = ""
    grid = BudgetGrid(data, stored={}, period=[2026, 2027])

    assert grid.is_valid(), grid.errors
    assert grid.lines() == ((2026, 1500),)


def test_switching_the_unit_rewrites_what_was_typed():
    data = QueryDict(mutable=True)
    data.update(
        {
            "budget-unit": "yen",
            "budget-years": "2026,2027",
            "budget-y2026": "1,500",
            "budget-y2027": "たくさん",
            "budget_total": "1億",
        }
    )

    switched = switch_unit(data, "thousand")

    assert switched["budget-unit"] == "thousand"
    assert (switched["budget-y2026"], switched["budget-y2027"]) == ("1.5", "たくさん")
    assert switched["budget_total"] == "100,000"
    assert data["budget-unit"] == "yen"  # the posted data is not changed


def test_a_plan_reference_needs_its_plan_when_it_has_a_section():
    assert "plan" in PlanReferenceForm({"section": "第3章"}).errors
    assert PlanReferenceForm({"plan": "中国圏広域地方計画", "section": "第3章"}).is_valid()


def test_a_plan_reference_needs_its_section_in_both_forms_with_the_same_message():
    # issue 11 (第4(2) なお書き「参照箇所」, ③ウ「関連する箇所」): a plan's name alone cites nothing.
    project_errors = PlanReferenceForm({"plan": "中国圏広域地方計画"}).errors
    vision = posted(
        VisionForm, aspiration_plan="中国圏広域地方計画", roadmap_plan="同", roadmap_section="第3章"
    )
    assert not vision.is_valid()
    assert set(vision.errors) == {"aspiration_section"}
    assert vision.errors["aspiration_section"] == project_errors["section"]
    assert "参照箇所" in project_errors["section"][0]
    missing_plan = posted(VisionForm, roadmap_section="第3章").errors["roadmap_plan"]
    assert missing_plan == PlanReferenceForm({"section": "第3章"}).errors["plan"]


def test_other_fields_are_one_per_line_without_blanks_or_repeats():
    form = posted(DeclarationForm, other_fields="高度人材\n\n  高度人材 \n脱炭素\r\n")

    assert form.is_valid()
    assert form.cleaned_data["other_fields"] == ["高度人材", "脱炭素"]


def test_an_other_field_over_200_characters_is_refused_with_its_line():
    form = posted(DeclarationForm, other_fields="短い\n" + "長" * 201)

    assert not form.is_valid()
    assert "2 行目" in str(form.errors["other_fields"])


def test_an_empty_declaration_form_is_valid():
    assert posted(DeclarationForm).is_valid()


@pytest.mark.parametrize("form_class", [DeclarationForm, VisionForm, ProjectForm])
def test_a_document_form_posted_without_a_field_it_renders_is_tampering(form_class):
    """What a browser always sends (text, date, hidden, select) must be there; an unchecked
    box or an empty multiple choice sends nothing and is not missing (ADR 0085)."""
    data = dict(posted(form_class).data)
    missing = next(iter(data))
    del data[missing]

    with pytest.raises(TamperedForm, match=missing):
        form_class(data).is_valid()


def test_the_revision_fields_follow_the_kind():
    assert {"is_minor", "consulted_on", "reason"} <= set(DeclarationForm(kind=Kind.CHANGED).fields)
    abolition = DeclarationForm(kind=Kind.ABOLISHED)
    # an abolition states its reason and 協議 (date and body, ADR 0120), and has its 送付書
    # like any submission
    assert set(abolition.fields) == {"consulted_on", "consultation_body", "reason", *COVER_FIELDS}
    assert "consulted_on" not in DeclarationForm(kind=Kind.ESTABLISHED).fields
    assert "consulted_on" in VisionForm(kind=Kind.ESTABLISHED).fields  # 第4(1)


def test_an_abolition_states_its_reason():
    assert "reason" in AbolitionForm({"reason": "  "}).errors
    assert AbolitionForm({"reason": "目的を達成したため"}).is_valid()


def test_add_row_gives_one_more_complete_row_with_its_values():
    data = QueryDict(
        "lg-TOTAL_FORMS=1&lg-INITIAL_FORMS=1&lg-0-key=a&lg-0-kind=prefecture&lg-0-name=青森県"
        "&lg-0-lg_code=020001",
        mutable=False,
    )
    formset_class = member_formset_class(MEMBER_SECTIONS[0])

    formset = formset_class(data, prefix="lg", add_row={"name": "弘前市"})

    assert formset.added == "lg-1"
    assert (formset.data["lg-TOTAL_FORMS"], formset.data["lg-1-name"]) == ("2", "弘前市")
    assert (formset.data["lg-1-key"], formset.data["lg-1-kind"]) == ("", "municipality")
    assert [row.prefix for row in formset.forms] == ["lg-0", "lg-1"]
    assert data["lg-TOTAL_FORMS"] == "1"


def test_add_row_to_a_full_formset_adds_nothing():
    formset_class = member_formset_class(MEMBER_SECTIONS[2])
    data = {"eco-TOTAL_FORMS": "500", "eco-INITIAL_FORMS": "0"}
    for index in range(500):
        data |= {
            f"eco-{index}-key": "",
            f"eco-{index}-name": "",
            f"eco-{index}-corporate_number": "",
        }

    formset = formset_class(data, prefix="eco", add_row={})

    assert formset.added is None and formset.total_form_count() == 500


@pytest.mark.parametrize("total", [None, "", "x", "-1", "501", "1e3", "9999999999", " 1"])
def test_a_forged_management_form_is_tampering(total):
    data = QueryDict("lg-INITIAL_FORMS=0", mutable=True)
    if total is not None:
        data["lg-TOTAL_FORMS"] = total

    with pytest.raises(TamperedForm):
        member_formset_class(MEMBER_SECTIONS[0])(data, prefix="lg", add_row={})
