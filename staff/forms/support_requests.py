"""The form of a request for new support measures (ADR 0116): lenient like a draft (every
field may be empty), the projects as check boxes of the region's project names (a name
saved before and since gone stays a choice, so nothing typed is lost), the ministries one
a line. The strict check is ``support.request_services.request_submit``."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from support.request_services import NAME_MAX_LENGTH, TEXT_MAX_LENGTH, RequestInput


def _lines(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[\n、,，]", text or "") if part.strip()]


class SupportRequestForm(forms.Form):
    title = forms.CharField(label=_("件名"), max_length=NAME_MAX_LENGTH, required=False)
    project_names = forms.MultipleChoiceField(
        label=_("対象のプロジェクト"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("このリージョンの連携ビジョンのプロジェクトから選びます（1件以上）。"),
    )
    needed = forms.CharField(
        label=_("求める支援の内容"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reason = forms.CharField(
        label=_("既存の支援措置では足りない理由"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("「国の支援措置」の一覧にある措置では対応できない理由を書いてください。"),
    )
    ministries = forms.CharField(
        label=_("関係府省"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("1行に1つ（例: 国土交通省）。"),
    )

    def __init__(self, *args, project_names=(), request=None, **kwargs):
        if request is not None and not kwargs.get("data") and not args:
            kwargs["initial"] = {
                "title": request.title,
                "project_names": request.project_names,
                "needed": request.needed,
                "reason": request.reason,
                "ministries": "\n".join(request.ministries),
            }
        super().__init__(*args, **kwargs)
        names = list(project_names)
        kept = list(request.project_names) if request is not None else []
        typed = self.data.getlist("project_names") if hasattr(self.data, "getlist") else []
        for name in [*kept, *typed]:
            if name and name not in names and len(name) <= NAME_MAX_LENGTH:
                names.append(name)
        self.fields["project_names"].choices = [(name, name) for name in names]

    def to_input(self) -> RequestInput:
        data = self.cleaned_data
        return RequestInput(
            title=data["title"],
            project_names=list(data["project_names"]),
            needed=data["needed"],
            reason=data["reason"],
            ministries=_lines(data["ministries"]),
        )
