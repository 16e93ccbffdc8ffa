"""The filter form of the public region list (GET, never saves anything)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from declarations.models import FieldChoices, MemberKindChoices

MAX_QUERY_LENGTH = 100
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

STATUS_CHOICES = [
    ("", _("すべて")),
    ("active", _("宣言中")),
    ("abolished", _("廃止")),
]
SORT_CHOICES = [
    ("name", _("名称順（五十音順）")),
    ("published", _("公表日の新しい順")),
    ("declared", _("宣言日の新しい順")),
]


class RegionFilterForm(forms.Form):
    """Search words and filters. An unknown choice is reported and ignored; an over-long
    query is cut to its first 100 characters, control characters are dropped."""

    q = forms.CharField(
        label=_("キーワード"),
        required=False,
        help_text=_(
            "リージョンの名称、目指すべき姿、構成団体、プロジェクトの名称から探します。"
            "市町村はよみがな（ひらがな・カタカナ）でも探せます。"
        ),
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )
    prefecture = forms.ChoiceField(label=_("都道府県"), required=False)
    field = forms.ChoiceField(
        label=_("分野"), required=False, choices=[("", _("すべて")), *FieldChoices.choices]
    )
    kind = forms.ChoiceField(
        label=_("構成団体の種別"),
        required=False,
        choices=[("", _("すべて")), *MemberKindChoices.choices],
    )
    # The national strategy's terms of the projects (ADR 0121); choices from the reference data.
    cluster_type = forms.ChoiceField(label=_("プロジェクトの類型"), required=False)
    strategic_field = forms.ChoiceField(label=_("プロジェクトの戦略分野"), required=False)
    status = forms.ChoiceField(label=_("状態"), required=False, choices=STATUS_CHOICES)
    sort = forms.ChoiceField(label=_("並び順"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, prefectures=(), **kwargs):
        from filing import strategy
        from public.selectors.strategy import strategy_choices

        super().__init__(*args, **kwargs)
        self.fields["prefecture"].choices = [
            ("", _("すべて")),
            *((p.code, p.name) for p in prefectures),
        ]
        terms = strategy_choices()
        self.fields["cluster_type"].choices = [("", _("すべて")), *terms[strategy.CLUSTER]]
        self.fields["strategic_field"].choices = [("", _("すべて")), *terms[strategy.SECTOR]]
        for name, bound in self.fields.items():
            if bound.help_text:
                bound.widget.attrs["aria-describedby"] = f"id_{name}_helptext"

    def clean_q(self):
        text = _CONTROL_RE.sub(" ", self.cleaned_data.get("q") or "")
        return text.strip()[:MAX_QUERY_LENGTH]

    def filters(self) -> dict:
        """The valid filters (an invalid one is left out)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q", ""),
            "prefecture": data.get("prefecture", ""),
            "field": data.get("field", ""),
            "member_kind": data.get("kind", ""),
            "status": data.get("status", ""),
            "sort": data.get("sort") or "name",
            "cluster_type": data.get("cluster_type", ""),
            "strategic_field": data.get("strategic_field", ""),
        }


FILTERS = ("prefecture", "field", "kind", "status")
MAX_CACHED_PAGE = 999


def common_list_query(query) -> bool:
    """``query`` (request.GET) asks for the list unfiltered or by one filter, with no search
    words, only known choices, at most a sort and a page number: one of a bounded set."""
    from public.selectors.prefectures import prefectures

    allowed = {*FILTERS, "sort", "page", "q"}
    if any(key not in allowed or len(query.getlist(key)) > 1 for key in query):
        return False
    if query.get("q"):
        return False
    chosen = [name for name in FILTERS if query.get(name)]
    if len(chosen) > 1:
        return False
    known = {
        "prefecture": prefectures,
        "field": lambda: FieldChoices.values,
        "kind": lambda: MemberKindChoices.values,
        "status": lambda: [value for value, _label in STATUS_CHOICES if value],
    }
    if chosen and query[chosen[0]] not in known[chosen[0]]():
        return False
    if query.get("sort") and query["sort"] not in dict(SORT_CHOICES):
        return False
    page = query.get("page", "1")
    # a digit string longer than the largest cached page is not one (and never meets int())
    if not (page.isascii() and page.isdigit()) or len(page) > len(str(MAX_CACHED_PAGE)):
        return False
    return 1 <= int(page) <= MAX_CACHED_PAGE
