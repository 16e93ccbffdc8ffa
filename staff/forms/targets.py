"""The targets (目標・指標) of a project in the staff form (ADR 0104): one block per target,
with a cell per 年度 of the project's キ 期間 like the budget grid (ADR 0097).

Lenient like every draft form, but a figure that cannot be a figure of its unit (a
negative count, 「%」 over 100, five decimals) is refused on its cell: it is an input
error, as in the bundle. Whether a target is complete and its years lie in the period is
``project.targets`` at submission.

The year cells are ``targets-<row>-y<年度>``. Bound, the 年度 are those the page rendered
(the cells it sent: each row the same, checked like a management form, ADR 0085), without
the ones no row filled that the period as typed no longer covers, plus the ones it adds
(blank): a re-render after a changed period lays out its years.
"""

import re
from decimal import Decimal

from django import forms
from django.forms.formsets import TOTAL_FORM_COUNT
from django.utils.translation import gettext_lazy as _

from filing.bundle.limits import MAX_UNIT, MAX_YEAR, MIN_YEAR, TARGET_VALUES, TARGETS
from filing.data import Better, TargetData
from filing.formatting import nendo
from filing.targets import ValueRefused, format_value, parse_value, range_error
from projects.models import ProjectTarget
from staff.forms.bounds import BoundedFormSet, TamperedForm
from staff.forms.declarations import SHORT_TEXT, DayField, TextField
from workflow.forms import AmountInput, cleaned

TARGETS_PREFIX = "targets"
_CELL = re.compile(rf"\A{TARGETS_PREFIX}-([0-9]+)-y([0-9]+)\Z")
BETTER_CHOICES = ProjectTarget.Better.choices


class FigureField(forms.Field):
    """A target's figure as people write it (``filing.targets.parse_value``): 全角 digits,
    commas, a minus; blank is ``None``. The reason of a refusal follows the field's label."""

    widget = AmountInput

    def __init__(self, *, required=False, **kwargs):
        super().__init__(required=required, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_value(Decimal(value))
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_value(cleaned(str(value), multiline=False))
        except ValueRefused as error:
            raise forms.ValidationError(error.reason, code="invalid") from None


def _year_label(year: int) -> str:
    return _("%(nendo)s（%(year)s年度）") % {"nendo": nendo(year), "year": year}


class TargetForm(forms.Form):
    # The target's key across revisions, only a hint (``workflow.rows.TargetKeys``, ADR 0108).
    key = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    name = TextField(label=_("指標名"), max_length=SHORT_TEXT)
    unit = TextField(
        label=_("単位"),
        max_length=MAX_UNIT,
        help_text=_(
            "人、万人、件、社、%、t-CO2 など。人・件・円などの値は 0 以上、「%」は 0〜100。"
        ),
    )
    better = forms.ChoiceField(
        label=_("目標の向き"),
        choices=BETTER_CHOICES,
        initial=Better.HIGHER,
        widget=forms.RadioSelect,
    )
    baseline_value = FigureField(label=_("基準値"))
    baseline_on = DayField(label=_("基準値の時点"))
    final_year = forms.TypedChoiceField(
        label=_("最終目標の年度"), coerce=int, required=False, empty_value=None
    )
    final_value = FigureField(label=_("最終目標の値"))
    source = TextField(label=_("出典（数値の出どころ）"), max_length=SHORT_TEXT)

    def __init__(self, *args, years=(), final_years=(), period=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.years, self.period = list(years), list(period)
        choices = sorted(set(self.years) | set(final_years))
        self.fields["final_year"].choices = [("", _("（選ぶ）"))] + [
            (year, _year_label(year)) for year in choices
        ]
        for year in self.years:
            self.fields[f"y{year}"] = FigureField(
                label=_("%(nendo)sの目標値") % {"nendo": nendo(year)}
            )

    def year_fields(self) -> list[dict]:
        """The 年度 cells: its label, whether it lies outside the period, the bound field."""
        return [
            {
                "year": year,
                "label": _year_label(year),
                "outside": bool(self.period) and year not in self.period,
                "field": self[f"y{year}"],
            }
            for year in self.years
        ]

    def clean(self):
        data = super().clean()
        unit = data.get("unit", "")
        for name in ["baseline_value", "final_value", *(f"y{year}" for year in self.years)]:
            value = data.get(name)
            if value is not None and (reason := range_error(value, unit)):
                self.add_error(name, reason)
        return data

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(
            data.get(name) not in (None, "")
            for name in data
            if name not in {"better", "DELETE", "key"}
        )

    def target(self) -> TargetData:
        data = self.cleaned_data
        return TargetData(
            name=data["name"],
            unit=data["unit"],
            baseline_value=data["baseline_value"],
            baseline_on=data["baseline_on"],
            values=tuple(
                (year, data[f"y{year}"]) for year in self.years if data.get(f"y{year}") is not None
            ),
            final_year=data["final_year"],
            final_value=data["final_value"],
            source=data["source"],
            better=Better(data.get("better") or Better.HIGHER),
            key=data.get("key") or "",
        )


class TargetFormSet(BoundedFormSet):
    def targets(self) -> tuple[TargetData, ...]:
        """The targets to save: valid, not deleted, not blank, in their order."""
        return tuple(
            row.target()
            for row in self.forms
            if row.is_valid() and not self._should_delete_form(row) and not row.is_blank()
        )


_TargetFormSet = forms.formset_factory(
    TargetForm,
    formset=TargetFormSet,
    extra=0,
    can_delete=True,
    max_num=TARGETS.most,
    absolute_max=TARGETS.most,
    validate_max=True,
)
_TargetFormSet.default_error_messages = {"too_many_forms": TARGETS.message()}


def target_initial(target: ProjectTarget) -> dict:
    initial = {
        "key": target.key,
        "name": target.name,
        "unit": target.unit,
        "better": target.better,
        "baseline_value": target.baseline_value,
        "baseline_on": target.baseline_on,
        "final_year": target.final_year,
        "final_value": target.final_value,
        "source": target.source,
    }
    return initial | {f"y{year}": Decimal(value) for year, value in target.values.items()}


def _posted_years(data) -> tuple[list[int], int]:
    """The 年度 of the cells the page sent, and its number of rows (``TamperedForm`` when
    a row lacks a cell another has, or the years are out of range or too many)."""
    total_key = f"{TARGETS_PREFIX}-{TOTAL_FORM_COUNT}"
    total = data.get(total_key)
    total = int(total) if isinstance(total, str) and total.isdigit() else 0
    by_row: dict[int, set[int]] = {}
    for name in data:
        cell = _CELL.match(name)
        if cell:
            by_row.setdefault(int(cell.group(1)), set()).add(int(cell.group(2)))
    years = set().union(*by_row.values()) if by_row else set()
    if len(years) > TARGET_VALUES.most or any(not MIN_YEAR <= y <= MAX_YEAR for y in years):
        raise TamperedForm(f"target years: {len(years)}")
    if any(cells != years for cells in by_row.values()) or (by_row and len(by_row) != total):
        raise TamperedForm("target rows sent with different years")
    return sorted(years), total


def _final_years(data) -> set[int]:
    found = set()
    for name, value in data.items():
        if name.startswith(f"{TARGETS_PREFIX}-") and name.endswith("-final_year"):
            if isinstance(value, str) and value.isdigit() and MIN_YEAR <= int(value) <= MAX_YEAR:
                found.add(int(value))
    return found


def target_formset(data, *, project, period: list[int], add: bool = False) -> TargetFormSet:
    """The targets formset of ``project`` (bound on ``data`` when given), its 年度 laid out
    from ``period`` (the period's 年度, as stored or as typed)."""
    stored = list(project.targets.all())
    if data is None:
        held = {int(year) for target in stored for year in target.values}
        years = sorted(held | set(period))[: TARGET_VALUES.most]
        final_years = {t.final_year for t in stored if t.final_year}
    else:
        posted, total = _posted_years(data)
        typed = {
            year
            for year in posted
            if any(
                str(data.get(f"{TARGETS_PREFIX}-{row}-y{year}") or "").strip()
                for row in range(total)
            )
        }
        kept = [year for year in posted if not period or year in period or year in typed]
        years = sorted(set(kept) | set(period))[: TARGET_VALUES.most]
        data = data.copy()
        for year in set(years) - set(posted):  # a 年度 the period adds: nothing typed yet
            for row in range(total):
                data[f"{TARGETS_PREFIX}-{row}-y{year}"] = ""
        for year in set(posted) - set(years):  # a blank 年度 the period no longer covers
            for row in range(total):
                data.pop(f"{TARGETS_PREFIX}-{row}-y{year}", None)
        final_years = _final_years(data)
    formset = _TargetFormSet(
        data,
        prefix=TARGETS_PREFIX,
        initial=[target_initial(target) for target in stored],
        form_kwargs={"years": years, "final_years": final_years, "period": period},
        add_row={} if add else None,
    )
    formset.title, formset.add_label = _("目標（指標）"), _("目標を追加")
    formset.years, formset.period = years, period
    return formset
