"""The project form of the staff UI: items ア–ク of 第4(2)③, the project's milestones and its
targets (``staff.forms.targets``).

Implementers are chosen among the members of the declaration the vision is read with,
plus outside bodies typed by name; so are the founders of a jointly established body.
Lenient like every draft form: only wrong types (a date, an amount) and over-long texts
are refused.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from filing import strategy
from filing.amounts import UNIT_NAMES, UNITS, YEN, AmountError, format_amount, parse_amount
from filing.bundle import MAX_YEAR, MIN_YEAR
from filing.bundle.limits import (
    BUDGET_YEARS,
    MILESTONES,
    OUTSIDE_IMPLEMENTERS,
    PLAN_REFERENCES,
    ListLimit,
)
from filing.bundle.project_fields import ordered
from filing.data import FieldCode, ImplementerData, MilestoneData, PlanRef
from filing.fields import FIELD_NAMES
from filing.formatting import fiscal_year, nendo, nendo_span
from projects.models import Milestone
from projects.selectors import strategy_terms
from staff.forms.bounds import BoundedFormSet, CompleteForm, TamperedForm
from staff.forms.declarations import (
    SHORT_TEXT,
    DayField,
    TextField,
    long_text,
)
from staff.forms.targets import TARGETS_PREFIX, target_formset
from staff.forms.visions import PLAN_PARTS, plan_reference_errors
from workflow.forms import AmountField
from workflow.rows import ProjectRow


class ProjectForm(CompleteForm):
    name = TextField(label=_("プロジェクトの名称"), max_length=SHORT_TEXT)
    # The project's own 分野 (ADR 0115); not named ``fields``, which is the form's own.
    field_codes = forms.MultipleChoiceField(
        label=_("分野"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "このプロジェクトが取り組む分野を、連携宣言書の分野から選びます（複数可）。"
            "選ばないときは、連携宣言書のすべての分野に取り組むものとして扱います。"
        ),
    )
    # The national strategy's terms (ADR 0121), both optional; choices from the reference data.
    cluster_type = forms.ChoiceField(
        label=_("類型（地域未来戦略）"),
        required=False,
        help_text=_("地域未来戦略の 3 つの類型のうち、このプロジェクトが当たるもの（任意）。"),
    )
    strategic_fields = forms.MultipleChoiceField(
        label=_("戦略分野"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("日本成長戦略会議の 17 の戦略分野のうち、関わるもの（任意、複数可）。"),
    )
    implementers = forms.MultipleChoiceField(
        label=_("リージョン構成団体から選ぶ"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "2 つ以上の構成団体で、地方公共団体とそれ以外など 2 つ以上の区分にわたるようにします。"
        ),
    )
    joint_body_of = forms.MultipleChoiceField(
        label=_("共同で設立した法人が実施する場合: その法人を設立した構成団体"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "実施主体が、複数かつ多様な構成団体が共同で設立した法人であるときに選びます。"
            "その法人自体は、下の「構成団体以外の実施主体」に名称を書きます。"
        ),
    )
    content = long_text(_("具体的内容（実施主体間の役割分担を含む）"))
    has_budget = forms.BooleanField(label=_("予算措置を伴う"), required=False)
    budget_total = AmountField(label=_("総事業費（円）"))  # the unit: ``BudgetGrid``
    effects = long_text(_("広域リージョンの下で実施することにより期待される効果"))
    start = DayField(label=_("開始日"))
    end = DayField(label=_("終了日"))
    other = long_text(_("その他（実施に当たって必要な事項）"))

    def __init__(
        self,
        *args,
        member_choices=(),
        field_choices=(),
        cluster_choices=(),
        sector_choices=(),
        unit: int = YEN,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["field_codes"].choices = field_choices
        self.fields["cluster_type"].choices = [("", _("（選ばない）")), *cluster_choices]
        self.fields["strategic_fields"].choices = sector_choices
        self.fields["implementers"].choices = member_choices
        self.fields["joint_body_of"].choices = member_choices
        total = self.fields["budget_total"]
        total.unit = unit
        total.label = _("総事業費（%(unit)s）") % {"unit": UNIT_NAMES[unit]}


class OutsideImplementerForm(forms.Form):
    name = TextField(label=_("構成団体以外の実施主体の名称"), max_length=SHORT_TEXT)

    def is_blank(self) -> bool:
        return not self.cleaned_data.get("name")


class PlanReferenceForm(forms.Form):
    plan = TextField(label=_("計画の名称"), max_length=SHORT_TEXT)
    section = TextField(label=_("参照箇所"), max_length=SHORT_TEXT)
    note = TextField(label=_("備考"), max_length=SHORT_TEXT)

    def clean(self):
        data = super().clean()
        parts = (data.get(part, "") for part in PLAN_PARTS)
        for part, message in plan_reference_errors(*parts).items():
            self.add_error(part, message)
        return data

    def is_blank(self) -> bool:
        return not any(self.cleaned_data.get(n) for n in ("plan", "section", "note"))


class MilestoneForm(forms.Form):
    date = DayField(label=_("時期"))
    target = TextField(label=_("目標"), max_length=Milestone._meta.get_field("target").max_length)

    def is_blank(self) -> bool:
        return self.cleaned_data.get("date") is None and not self.cleaned_data.get("target")


class BaseRowFormSet(BoundedFormSet):
    def rows(self):
        """The rows to save: valid, not deleted, not blank."""
        for row in self.forms:
            if row.is_valid() and not self._should_delete_form(row) and not row.is_blank():
                yield row.cleaned_data


def _formset(form, limit: ListLimit, base=BaseRowFormSet):
    formset = forms.formset_factory(
        form,
        formset=base,
        extra=0,
        can_delete=True,
        max_num=limit.most,
        absolute_max=limit.most,
        validate_max=True,
    )
    # The bundle reader's words for the same limit (filing.bundle.limits).
    formset.default_error_messages = {"too_many_forms": limit.message()}
    return formset


ROW_SECTIONS = (
    (
        "outside",
        _("構成団体以外の実施主体"),
        _("構成団体以外の実施主体を追加"),
        _formset(OutsideImplementerForm, OUTSIDE_IMPLEMENTERS),
    ),
    (
        "plans",
        _("計画の参照箇所"),
        _("計画の参照を追加"),
        _formset(PlanReferenceForm, PLAN_REFERENCES),
    ),
    (
        "milestones",
        _("マイルストーン（時期と目標）"),
        _("マイルストーンを追加"),
        _formset(MilestoneForm, MILESTONES),
    ),
)
ROW_PREFIXES = {prefix for prefix, *_rest in ROW_SECTIONS} | {TARGETS_PREFIX}


def project_initial(project) -> dict:
    return {
        "name": project.name,
        "field_codes": [str(code) for code in ordered(project.fields or ())],
        "cluster_type": project.cluster_type,
        "strategic_fields": list(project.strategic_fields or ()),
        "implementers": [i.member_key for i in project.implementers.all() if i.member_key],
        "joint_body_of": list(project.joint_body_of or []),
        "content": project.content,
        "has_budget": project.has_budget,
        "budget_total": project.budget_total,
        "effects": project.effects,
        "start": project.start,
        "end": project.end,
        "other": project.other,
    }


def row_initial(project) -> dict[str, list[dict]]:
    return {
        "outside": [{"name": i.name} for i in project.implementers.all() if not i.member_key],
        "plans": [
            {"plan": r.plan, "section": r.section, "note": r.note}
            for r in project.plan_references.all()
        ],
        "milestones": [{"date": m.date, "target": m.target} for m in project.milestones.all()],
    }


def member_choices(members, project) -> list[tuple[str, str]]:
    """The declaration's members, then any key the project holds that the declaration lacks
    (kept so that nothing is lost; the rules report it)."""
    from declarations.models import MemberKindChoices

    kinds = dict(MemberKindChoices.choices)
    choices = [(m.key, f"{m.name or m.key}（{kinds.get(m.kind, m.kind)}）") for m in members]
    known = {m.key for m in members}
    held = [i.member_key for i in project.implementers.all() if i.member_key]
    held += list(project.joint_body_of or [])
    for key in dict.fromkeys(held):
        if key not in known:
            choices.append((key, f"{key}（{_('連携宣言書にない構成団体')}）"))
            known.add(key)
    return choices


def field_choices(declared, project) -> list[tuple[str, str]]:
    """The 分野 a project may choose: the declaration's ``declared`` fields (``FieldEntry``s,
    その他 once however many there are), then any the project holds that the declaration
    lacks (kept so that nothing is lost; ``change.declaration_sync`` reports it)."""
    others = [entry.text for entry in declared if entry.code == FieldCode.OTHER and entry.text]
    codes = {entry.code for entry in declared}
    held = set(ordered(project.fields or ()))
    choices = []
    for code in FieldCode:
        if code in codes:
            if code == FieldCode.OTHER and others:
                label = _("その他（%(text)s）") % {"text": "、".join(others)}
            else:
                label = FIELD_NAMES[code]
            choices.append((str(code), label))
        elif code in held:
            choices.append((str(code), f"{FIELD_NAMES[code]}（{_('連携宣言書にない分野')}）"))
    return choices


def strategy_choices(terms: dict, kind: str, held) -> list[tuple[str, str]]:
    """The current version's terms of ``kind`` (``projects.selectors.strategy_terms``), then
    any code the project holds that the current version lacks, with its older label (kept so
    that nothing is lost, ADR 0121)."""
    entry = terms[kind]
    choices = list(entry["choices"])
    known = {code for code, _label in choices}
    for code in held:
        if code and code not in known:
            label = entry["labels"].get(code, code)
            choices.append((code, f"{label}（{_('以前の一覧')}）"))
            known.add(code)
    return choices


# ---------------------------------------------------------------- オ 事業費 (ADR 0097)

BUDGET_PREFIX = "budget"
_YEARS = re.compile(r"\A(?:[0-9]{4}(?:,[0-9]{4})*)?\Z")
_CELL = re.compile(rf"\A{BUDGET_PREFIX}-y([0-9]+)\Z")
UNIT_CHOICES = (("yen", _("円")), ("thousand", _("千円")))


def period_years(start, end) -> list[int]:
    """The 年度 of a キ 期間 (April–March), first to last; none without a whole period."""
    if start is None or end is None or start > end:
        return []
    first = fiscal_year(start)
    return list(range(first, min(fiscal_year(end), first + BUDGET_YEARS.most - 1) + 1))


def _key(name: str) -> str:
    return f"{BUDGET_PREFIX}-{name}"


def posted_unit(data) -> str:
    """The unit the grid was rendered in (``yen``/``thousand``); anything else was forged."""
    unit = data.get(_key("unit"))
    if unit not in UNITS:
        raise TamperedForm(f"budget unit {str(unit)[:20]!r}")
    return unit


def _posted_years(data) -> list[int]:
    """The 年度 the grid was rendered with (its hidden list), checked like a formset's
    management form (ADR 0085): four-digit years in range, each once, at most the limit."""
    text = data.get(_key("years"))
    if not isinstance(text, str) or not _YEARS.match(text):
        raise TamperedForm(f"budget years {str(text)[:40]!r}")
    years = [int(year) for year in text.split(",")] if text else []
    if len(years) > BUDGET_YEARS.most or len(set(years)) != len(years):
        raise TamperedForm(f"budget years: {len(years)}")
    if any(not MIN_YEAR <= year <= MAX_YEAR for year in years):
        raise TamperedForm("budget year out of range")
    return years


def _amount_keys(data) -> list[str]:
    return ["budget_total"] + [_key(f"y{year}") for year in _posted_years(data)]


def switch_unit(data, to: str):
    """A copy of posted ``data`` with the grid in unit ``to``: every amount typed so far is
    read in the unit it was typed in and written again in ``to`` (one that cannot be read is
    kept as typed, its error shows when saving). Nothing is saved."""
    if to not in UNITS:
        return data
    before, after = UNITS[posted_unit(data)], UNITS[to]
    data = data.copy()
    for key in _amount_keys(data):
        typed = data.get(key)
        try:
            amount = parse_amount(typed, unit=before) if isinstance(typed, str) else None
        except AmountError:
            continue
        if amount is not None:
            data[key] = format_amount(amount, after)
    data[_key("unit")] = to
    return data


class BudgetGrid(CompleteForm):
    """The 年度別の事業費 of a project as one grid: a row per 年度 of the period, every row at
    once, plus the 年度 that hold an amount outside the period (flagged, kept until cleared).

    Unbound, the rows are the period's 年度 and the stored ones. Bound, they are the 年度 the
    page rendered (its hidden list), without the blank ones the period as now typed no longer
    covers, plus the 年度 that period adds: a re-render after a changed period lays out its
    years. A blank cell is no line for that 年度; 「0」 is a line of 0円.
    """

    unit = forms.ChoiceField(choices=UNIT_CHOICES, widget=forms.HiddenInput)
    years = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, stored: dict[int, int], period: list[int], unit: str = "yen"):
        if data is not None:
            unit = posted_unit(data)
            posted = _posted_years(data)
            for name in data:
                cell = _CELL.match(name)
                if cell and int(cell.group(1)) not in posted:
                    raise TamperedForm(f"{name} sent beyond the rendered years")
            if period:  # a blank 年度 the period no longer covers is dropped
                posted = [
                    y for y in posted if y in period or str(data.get(_key(f"y{y}")) or "").strip()
                ]
            years = self._merge(posted, period)
            data = data.copy()
            data[_key("years")] = ",".join(map(str, years))
            for year in set(years) - set(posted):  # a 年度 the period adds: nothing typed yet
                data[_key(f"y{year}")] = ""
        else:
            years = self._merge(sorted(stored), period)
        initial = {"unit": unit, "years": ",".join(map(str, years))}
        initial |= {f"y{year}": stored.get(year) for year in years}
        super().__init__(data, initial=initial, prefix=BUDGET_PREFIX)
        self.unit_code, self.unit_value = unit, UNITS[unit]
        self.unit_name = UNIT_NAMES[self.unit_value]
        self.period, self.year_list = period, years
        for year in years:
            self.fields[f"y{year}"] = AmountField(
                label=_("%(nendo)sの金額") % {"nendo": nendo(year)},
                unit=self.unit_value,
            )

    @staticmethod
    def _merge(kept: list[int], period: list[int]) -> list[int]:
        years = sorted(set(kept))
        for year in period:  # the period's 年度 as far as the limit allows
            if len(years) >= BUDGET_YEARS.most:
                break
            if year not in years:
                years.append(year)
        return sorted(years)

    @property
    def rows(self) -> list[dict]:
        return [
            {
                "year": year,
                "nendo": nendo(year),
                "span": nendo_span(year),
                "field": self[f"y{year}"],
                "outside": bool(self.period) and year not in self.period,
            }
            for year in self.year_list
        ]

    @property
    def other_unit(self) -> tuple[str, str]:
        """The code and name of the unit the switch button offers."""
        code = "thousand" if self.unit_code == "yen" else "yen"
        return code, UNIT_NAMES[UNITS[code]]

    def lines(self) -> tuple[tuple[int, int], ...]:
        """(年度, 円) of the cells that hold an amount (valid form only)."""
        return tuple(
            (year, self.cleaned_data[f"y{year}"])
            for year in self.year_list
            if self.cleaned_data.get(f"y{year}") is not None
        )

    def total(self) -> int | None:
        """The sum of the cells as the form shows them (``None`` when one cannot be read)."""
        if not self.is_bound:
            return sum(self.initial.get(f"y{year}") or 0 for year in self.year_list)
        if any(f"y{year}" in self.errors for year in self.year_list):
            return None
        return sum(amount for _year, amount in self.lines())


class ProjectEditor:
    """The project form and its four row formsets as one unit (see ``DeclarationEditor``)."""

    def __init__(
        self,
        project,
        *,
        members,
        declared_fields=(),
        data=None,
        add: str | None = None,
        unit: str = "yen",
        switch_to: str | None = None,
    ):
        """``add``: the prefix of the formset that gets one blank row after the rows sent.
        ``unit``: the budget unit of an unbound page (the one remembered); ``switch_to``:
        the unit a bound page is re-rendered in (``switch_unit``)."""
        self.project = project
        self.choices = member_choices(members, project)
        terms = strategy_terms()
        if data is not None:
            if switch_to:
                data = switch_unit(data, switch_to)
            unit = posted_unit(data)
        self.form = ProjectForm(
            data,
            initial=project_initial(project),
            member_choices=self.choices,
            field_choices=field_choices(declared_fields, project),
            cluster_choices=strategy_choices(terms, strategy.CLUSTER, [project.cluster_type]),
            sector_choices=strategy_choices(
                terms, strategy.SECTOR, list(project.strategic_fields or ())
            ),
            unit=UNITS[unit],
        )
        if data is None:
            period = period_years(project.start, project.end)
        else:
            self.form.is_valid()
            cleaned_data = self.form.cleaned_data
            period = period_years(cleaned_data.get("start"), cleaned_data.get("end"))
        self.budget = BudgetGrid(
            data,
            stored={b.fiscal_year: b.amount for b in project.budget_lines.all()},
            period=period,
            unit=unit,
        )
        initial = row_initial(project)
        self.formsets = []
        for prefix, title, add_label, formset_class in ROW_SECTIONS:
            formset = formset_class(
                data, prefix=prefix, initial=initial[prefix], add_row={} if prefix == add else None
            )
            formset.title, formset.add_label = title, add_label
            self.formsets.append(formset)
        # 目標（指標）: a block per target, a cell per 年度 of the period (ADR 0104)
        self.targets = target_formset(
            data, project=project, period=period, add=add == TARGETS_PREFIX
        )
        self.formsets.append(self.targets)
        self.by_prefix = {formset.prefix: formset for formset in self.formsets}
        self.focus = next((f.added for f in self.formsets if f.added), None)

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        valid = self.budget.is_valid() and valid
        for formset in self.formsets:
            valid = formset.is_valid() and valid
        return valid

    def draft(self) -> ProjectRow:
        data = self.form.cleaned_data
        order = [key for key, _label in self.choices]
        chosen = set(data["implementers"])
        founders = [key for key in order if key in set(data["joint_body_of"])]
        outside = dict.fromkeys(row["name"] for row in self.by_prefix["outside"].rows())
        return ProjectRow(
            name=data["name"],
            fields=ordered(data["field_codes"]),
            cluster_type=data["cluster_type"] or "",
            strategic_fields=strategy.ordered(strategy.SECTOR, data["strategic_fields"]),
            implementers=tuple(ImplementerData(member=key) for key in order if key in chosen)
            + tuple(ImplementerData(name=name) for name in outside),
            joint_body_of=tuple(founders) or None,
            plan_references=tuple(
                PlanRef(plan=row["plan"], section=row["section"], note=row["note"])
                for row in self.by_prefix["plans"].rows()
            ),
            content=data["content"],
            has_budget=data["has_budget"],
            budget_total=data["budget_total"],
            budget_lines=self.budget.lines(),
            effects=data["effects"],
            start=data["start"],
            end=data["end"],
            milestones=tuple(
                MilestoneData(date=row["date"], target=row["target"])
                for row in self.by_prefix["milestones"].rows()
            ),
            other=data["other"],
            targets=self.targets.targets(),
        )

    def budget_sum(self):
        """The sum of the fiscal-year amounts in 円 as the form shows them (None if one is not
        an amount)."""
        return self.budget.total()

    @property
    def budget_state(self) -> dict:
        """The grid's sum in its unit, whether it matches 総事業費 (``None``: not known), and
        whether a 年度 lies outside the period."""
        total, expected = self.budget_sum(), self.budget_total()
        unit = self.budget.unit_value
        if total is None:
            text = str(_("（計算できません）"))
        elif unit == YEN:
            text = str(_("{yen}円")).format(yen=format_amount(total))
        else:  # the same words as budget.js (data-text-sum-both)
            text = str(_("{amount}{unit}（{yen}円）")).format(
                amount=format_amount(total, unit), unit=UNIT_NAMES[unit], yen=format_amount(total)
            )
        return {
            "sum_text": text,
            "matches": None if total is None or expected is None else total == expected,
            "outside": any(row["outside"] for row in self.budget.rows),
        }

    def budget_total(self):
        if not self.is_bound:
            return self.form.initial.get("budget_total")
        return self.form.cleaned_data.get("budget_total") if self.form.is_valid() else None
