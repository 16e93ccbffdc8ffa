"""The staff form of a 検証 record (ADR 0105): lenient like the other drafts (ADR 0041): only
what cannot be a value (a date that is no date, a period that ends before it starts) is an
error on its field; the 第4(3) rules are the checklist and the 送付."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import Conclusion, Rating
from reports.services import CONTENT_FIELDS, AssessmentInput
from staff.forms.declarations import DayField, long_text


class VerificationForm(forms.Form):
    period_start = DayField(label=_("対象期間（始まり）"))
    period_end = DayField(label=_("対象期間（終わり）"))
    verified_on = DayField(
        label=_("検証を行った日"),
        help_text=_("公表されると、次の検証の期限はこの日から数えます。"),
    )
    conclusion = forms.ChoiceField(
        label=_("結論"),
        choices=Conclusion.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    consulted_on = DayField(
        label=_("協議の日"),
        help_text=_(
            "結論が変更または終了のときは、リージョン構成団体における協議の日（予定を含む）を記入します（第4(3)）。"
        ),
    )
    summary = long_text(
        _("検証の概要"), help_text=_("社会経済情勢の変化も踏まえた、検証の全体の結論。")
    )

    def __init__(self, *args, verification, **kwargs):
        self.verification = verification
        self.assessments = list(verification.assessments.select_related("project"))
        if "initial" not in kwargs and not args:
            kwargs["initial"] = {
                **{name: getattr(verification, name) for name in CONTENT_FIELDS},
                **{f"a{a.pk}_rating": a.rating for a in self.assessments},
                **{f"a{a.pk}_text": a.text for a in self.assessments},
            }
        super().__init__(*args, **kwargs)
        for assessment in self.assessments:
            name = assessment.project.name or _("（名称未入力）")
            self.fields[f"a{assessment.pk}_rating"] = forms.ChoiceField(
                label=_("%(project)s: 評価の区分") % {"project": name},
                choices=[("", _("選んでください")), *Rating.choices],
                required=False,
            )
            self.fields[f"a{assessment.pk}_text"] = long_text(
                _("%(project)s: 評価の内容") % {"project": name},
                help_text=_("目標に照らした効果、進み具合、課題。"),
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end",
                _("対象期間の終わりは、始まり（%(start)s）以降の日付にしてください。")
                % {"start": f"{start:%Y-%m-%d}"},
            )
        return data

    @property
    def assessment_rows(self):
        """(assessment, rating field, text field) for the template."""
        return [(a, self[f"a{a.pk}_rating"], self[f"a{a.pk}_text"]) for a in self.assessments]

    def fields_to_save(self) -> dict:
        return {name: self.cleaned_data[name] for name in CONTENT_FIELDS}

    def assessments_to_save(self) -> dict[int, AssessmentInput]:
        return {
            a.pk: AssessmentInput(
                self.cleaned_data[f"a{a.pk}_rating"], self.cleaned_data[f"a{a.pk}_text"]
            )
            for a in self.assessments
        }
