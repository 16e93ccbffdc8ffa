"""The project form of the staff UI: items ア–ク of 第4(2)③ and the project's milestones.

Implementers are chosen among the members of the declaration the vision is read with,
plus outside bodies typed by name; so are the founders of a jointly established body.
Lenient like every draft form: only wrong types (a date, an amount) and over-long texts
are refused.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from filing.bundle.limits import (
    BUDGET_YEARS,
    MILESTONES,
    OUTSIDE_IMPLEMENTERS,
    PLAN_REFERENCES,
    ListLimit,
)
from filing.data import ImplementerData, MilestoneData, PlanRef
from projects.models import Milestone
from staff.forms.bounds import BoundedFormSet, CompleteForm
from staff.forms.declarations import (
    SHORT_TEXT,
    DayField,
    FiscalYearField,
    TextField,
    YenField,
    long_text,
)
from staff.forms.visions import PLAN_PARTS, plan_reference_errors
from workflow.rows import ProjectRow


class ProjectForm(CompleteForm):
    name = TextField(label=_("プロジェクトの名称"), max_length=SHORT_TEXT)
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
    budget_total = YenField(label=_("総事業費（円）"))
    effects = long_text(_("広域リージョンの下で実施することにより期待される効果"))
    start = DayField(label=_("開始日"))
    end = DayField(label=_("終了日"))
    other = long_text(_("その他（実施に当たって必要な事項）"))

    def __init__(self, *args, member_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["implementers"].choices = member_choices
        self.fields["joint_body_of"].choices = member_choices


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


class BudgetLineForm(forms.Form):
    fiscal_year = FiscalYearField(label=_("年度（西暦）"))
    amount = YenField(label=_("事業費（円）"))

    def clean(self):
        data = super().clean()
        if data.get("amount") is not None and data.get("fiscal_year") is None:
            if "fiscal_year" not in self.errors:
                self.add_error("fiscal_year", _("金額を書いた行には年度も入力してください。"))
        if data.get("fiscal_year") is not None and data.get("amount") is None:
            if "amount" not in self.errors:
                self.add_error("amount", _("年度を書いた行には金額も入力してください。"))
        return data

    def is_blank(self) -> bool:
        return (
            self.cleaned_data.get("fiscal_year") is None and self.cleaned_data.get("amount") is None
        )


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


class BaseBudgetFormSet(BaseRowFormSet):
    def clean(self):
        seen = {}
        for row in self.forms:
            if not hasattr(row, "cleaned_data") or self._should_delete_form(row):
                continue
            year = row.cleaned_data.get("fiscal_year")
            if year is None:
                continue
            if year in seen:
                row.add_error(
                    "fiscal_year",
                    _("%(year)d年度が重複しています。1 年度に 1 行にしてください。")
                    % {"year": year},
                )
            seen[year] = row


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
        "budget",
        _("年度別の事業費"),
        _("年度を追加"),
        _formset(BudgetLineForm, BUDGET_YEARS, BaseBudgetFormSet),
    ),
    (
        "milestones",
        _("マイルストーン（時期と目標）"),
        _("マイルストーンを追加"),
        _formset(MilestoneForm, MILESTONES),
    ),
)
ROW_PREFIXES = {prefix for prefix, *_rest in ROW_SECTIONS}


def project_initial(project) -> dict:
    return {
        "name": project.name,
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
        "budget": [
            {"fiscal_year": b.fiscal_year, "amount": b.amount} for b in project.budget_lines.all()
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


class ProjectEditor:
    """The project form and its four row formsets as one unit (see ``DeclarationEditor``)."""

    def __init__(self, project, *, members, data=None, add: str | None = None):
        """``add``: the prefix of the formset that gets one blank row after the rows sent."""
        self.project = project
        self.choices = member_choices(members, project)
        self.form = ProjectForm(data, initial=project_initial(project), member_choices=self.choices)
        initial = row_initial(project)
        self.formsets = []
        for prefix, title, add_label, formset_class in ROW_SECTIONS:
            formset = formset_class(
                data, prefix=prefix, initial=initial[prefix], add_row={} if prefix == add else None
            )
            formset.title, formset.add_label = title, add_label
            self.formsets.append(formset)
        self.by_prefix = {formset.prefix: formset for formset in self.formsets}
        self.focus = next((f.added for f in self.formsets if f.added), None)

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
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
            budget_lines=tuple(
                sorted(
                    (row["fiscal_year"], row["amount"]) for row in self.by_prefix["budget"].rows()
                )
            ),
            effects=data["effects"],
            start=data["start"],
            end=data["end"],
            milestones=tuple(
                MilestoneData(date=row["date"], target=row["target"])
                for row in self.by_prefix["milestones"].rows()
            ),
            other=data["other"],
        )

    def budget_sum(self):
        """The sum of the fiscal-year amounts as the form shows them (None if one is not a number)."""
        formset = self.by_prefix["budget"]
        if not self.is_bound:
            return sum(row.get("amount") or 0 for row in formset.initial or [])
        total = 0
        for row in formset.forms:
            if not row.is_valid():
                return None
            if formset._should_delete_form(row):
                continue
            total += row.cleaned_data.get("amount") or 0
        return total

    def budget_total(self):
        if not self.is_bound:
            return self.form.initial.get("budget_total")
        return self.form.cleaned_data.get("budget_total") if self.form.is_valid() else None
