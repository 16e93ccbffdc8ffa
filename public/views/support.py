"""The public catalogue of national support measures, ``/support/`` (要綱 第5(1)②, ADR
0114), and its open-data CSV ``/opendata/support-measures.csv``.

Published measures only (``public.selectors.support``). Both follow the site stamp, which
moves with every change of the catalogue (``public.selectors.stamps``): the page is kept
whole for its bounded set of filter addresses, the CSV answers conditional requests."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from filing.support_catalogue import FIELD_LABELS, KIND_LABELS, write_csv
from public.cache import public_page, site_stamp
from public.opendata import open_data
from public.selectors.support import MeasureFilters, published_measures

PRIORITY_CHOICES = [("", _("すべて")), ("1", _("広域リージョン優先のもの")), ("0", _("それ以外"))]
FILTERS = ("field", "kind", "priority", "open")


class MeasureFilterForm(forms.Form):
    """The filters of ``/support/`` (GET, never saves): an unknown choice is reported and left out."""

    field = forms.ChoiceField(
        label=_("分野"),
        required=False,
        choices=[("", _("すべて")), *((str(c), label) for c, label in FIELD_LABELS.items())],
    )
    kind = forms.ChoiceField(
        label=_("種類"),
        required=False,
        choices=[("", _("すべて")), *((str(k), label) for k, label in KIND_LABELS.items())],
    )
    priority = forms.ChoiceField(
        label=_("広域リージョン優先"), required=False, choices=PRIORITY_CHOICES
    )
    open = forms.BooleanField(label=_("公募中のものだけ"), required=False)

    def filters(self) -> MeasureFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        priority = data.get("priority", "")
        return MeasureFilters(
            field=data.get("field", ""),
            kind=data.get("kind", ""),
            priority=None if not priority else priority == "1",
            open_only=bool(data.get("open")),
        )


def is_common_query(request) -> bool:
    """Known filters with known values, each once: a bounded set of pages, kept whole."""
    query = request.GET
    if any(key not in FILTERS or len(query.getlist(key)) > 1 for key in query):
        return False
    if query.get("open", "on") != "on":  # the check box sends "on"; anything else is made up
        return False
    return MeasureFilterForm(query).is_valid()


@public_page(site_stamp, whole_page=is_common_query)
def measure_list(request):
    form = MeasureFilterForm(request.GET)
    filters = form.filters()
    measures = published_measures(filters)
    return render(
        request,
        "support/measure_list.html",
        {
            "form": form,
            "measures": measures,
            "field_labels": {str(code): label for code, label in FIELD_LABELS.items()},
            "filtered": filters != MeasureFilters(),
        },
    )


@open_data
def measures_csv(request):
    """Every published measure, the columns of the admin's CSV but 公表 (docs/open-data.md)."""
    content = write_csv(((m.to_data(), True) for m in published_measures()), with_published=False)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="support-measures.csv"'
    return response
