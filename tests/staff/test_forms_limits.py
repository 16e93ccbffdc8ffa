"""The staff forms hold a draft to the bundle's limits (filing.bundle.limits), with the same
messages, so that a draft typed in the browser can always be exported and imported again."""

import pytest

from filing.bundle import limits
from staff.forms.declarations import MEMBER_SECTIONS, DeclarationForm, member_formset_class
from staff.forms.projects import ROW_SECTIONS, BudgetGrid


@pytest.mark.parametrize(
    ("prefix", "limit"),
    [
        ("outside", limits.OUTSIDE_IMPLEMENTERS),
        ("plans", limits.PLAN_REFERENCES),
        ("milestones", limits.MILESTONES),
    ],
)
def test_each_project_formset_holds_the_bundles_limit(prefix, limit):
    formset_class = next(f for p, *_rest, f in ROW_SECTIONS if p == prefix)

    assert formset_class.max_num == formset_class.absolute_max == limit.most
    assert formset_class().error_messages["too_many_forms"] == limit.message()


def test_the_budget_grid_holds_the_bundles_limit_of_years():
    grid = BudgetGrid(stored={1900 + i: 1 for i in range(60)}, period=list(range(2000, 2100)))

    assert len(grid.rows) == limits.BUDGET_YEARS.most
    assert [r["year"] for r in grid.rows][:60] == list(range(1900, 1960))  # stored years first


@pytest.mark.parametrize("section", MEMBER_SECTIONS, ids=lambda s: s.prefix)
def test_each_member_formset_holds_the_members_limit(section):
    formset_class = member_formset_class(section)

    assert formset_class.max_num == formset_class.absolute_max == limits.MEMBERS.most
    assert formset_class().error_messages["too_many_forms"] == limits.MEMBERS.message()


def test_other_fields_over_the_limit_get_the_bundles_message():
    form = DeclarationForm()
    field = form.fields["other_fields"]
    lines = "\n".join(f"分野{i}" for i in range(21))
    form.cleaned_data = {"other_fields": field.clean(lines)}

    with pytest.raises(Exception) as caught:
        form.clean_other_fields()

    assert caught.value.messages == [limits.OTHER_FIELDS.message(21)]
