"""The support-measure catalogue in the admin (要綱 第5(1)②, ADR 0114): operators
(superusers) and reviewers (the ``reviewer`` group, support 0001) add, change and delete
measures one by one, and import or export the whole catalogue as CSV (docs/support.md).

A thin client of ``support.services``: the form checks the 分野, タグ, 年度 and URL with the
same rules as the CSV (``filing.support_catalogue``); the import is all or nothing and lists
every error with its row and column; nothing here answers 500 on a bad file.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from filing import strategy
from filing import support_catalogue as catalogue
from filing.text import TextRefused, clean_text
from support.models import SupportMeasure
from support.services import delete_measures, export_catalogue, import_catalogue, save_measure

FIELD_CHOICES = [(str(code), label) for code, label in catalogue.FIELD_LABELS.items()]


class SupportMeasureForm(forms.ModelForm):
    """The measure's lists as people write them: 分野 as check boxes, タグ and 年度 as text."""

    fields = forms.MultipleChoiceField(
        label=gettext_lazy("対象分野"),
        choices=FIELD_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # The national strategy's terms (ADR 0121): the shipped lists' codes with their labels.
    cluster_types = forms.MultipleChoiceField(
        label=gettext_lazy("類型"),
        choices=[(t.code, t.label) for t in strategy.current(strategy.CLUSTER).terms],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    strategic_fields = forms.MultipleChoiceField(
        label=gettext_lazy("戦略分野"),
        choices=[(t.code, t.label) for t in strategy.current(strategy.SECTOR).terms],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    tags = forms.CharField(
        label=gettext_lazy("タグ"),
        required=False,
        help_text=gettext_lazy("「、」か空白で区切ります（例: 観光、DX、人材）。"),
    )
    fiscal_years = forms.CharField(
        label=gettext_lazy("年度"),
        required=False,
        help_text=gettext_lazy("西暦か令和で、「、」か空白で区切ります（例: 2026 令和9）。"),
    )
    url = forms.CharField(label=gettext_lazy("URL"), required=False, max_length=catalogue.MAX_URL)

    class Meta:
        model = SupportMeasure
        fields = [
            "name",
            "ministry",
            "kind",
            "fields",
            "cluster_types",
            "strategic_fields",
            "tags",
            "fiscal_years",
            "url",
            "gives_priority",
            "is_open",
            "is_published",
            "is_demo",
            "summary",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["tags"] = "、".join(self.instance.tags or ())
            self.initial["fiscal_years"] = " ".join(
                str(year) for year in self.instance.fiscal_years or ()
            )

    def _clean_text(self, name: str, *, multiline: bool = False) -> str:
        try:
            return clean_text(self.cleaned_data.get(name) or "", multiline=multiline).strip()
        except TextRefused as refusal:
            raise forms.ValidationError(refusal.message) from None

    def clean_name(self):
        return self._clean_text("name")

    def clean_ministry(self):
        return self._clean_text("ministry")

    def clean_summary(self):
        return self._clean_text("summary", multiline=True)

    def clean_fields(self):
        return list(self.cleaned_data.get("fields") or [])

    def clean_cluster_types(self):
        return list(
            strategy.ordered(strategy.CLUSTER, self.cleaned_data.get("cluster_types") or [])
        )

    def clean_strategic_fields(self):
        chosen = self.cleaned_data.get("strategic_fields") or []
        return list(strategy.ordered(strategy.SECTOR, chosen))

    def _parsed(self, name: str, parse):
        value, problems = parse(self._clean_text(name))
        if problems:
            raise forms.ValidationError(problems)
        return list(value)

    def clean_tags(self):
        return self._parsed("tags", catalogue.parse_tags)

    def clean_fiscal_years(self):
        return self._parsed("fiscal_years", catalogue.parse_years)

    def clean_url(self):
        value = self._clean_text("url")
        if problem := catalogue.url_problem(value):
            raise forms.ValidationError(problem)
        return value


class CatalogueFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV ファイル"),
        help_text=gettext_lazy("UTF-8（BOM はあってもなくてもかまいません）、2 MB まで。"),
    )


@admin.register(SupportMeasure)
class SupportMeasureAdmin(admin.ModelAdmin):
    form = SupportMeasureForm
    list_display = [
        "name",
        "ministry",
        "kind",
        "field_labels",
        "year_labels",
        "gives_priority",
        "is_open",
        "is_published",
        "is_demo",
        "updated_at",
    ]
    list_filter = ["kind", "gives_priority", "is_open", "is_published", "is_demo", "ministry"]
    search_fields = ["name", "ministry", "summary"]
    readonly_fields = ["updated_at"]
    change_list_template = "admin/support/supportmeasure/change_list.html"

    @admin.display(description=gettext_lazy("対象分野"))
    def field_labels(self, obj):
        labels = catalogue.FIELD_LABELS
        return "、".join(labels.get(code, code) for code in obj.fields or ()) or "—"

    @admin.display(description=gettext_lazy("年度"))
    def year_labels(self, obj):
        return " ".join(str(year) for year in obj.fiscal_years or ()) or "—"

    def save_model(self, request, obj, form, change):
        save_measure(obj)

    def delete_model(self, request, obj):
        delete_measures([obj])

    def delete_queryset(self, request, queryset):
        delete_measures(list(queryset))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="support_supportmeasure_import"),
            path("export/", wrap(self.export_view), name="support_supportmeasure_export"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_import": self._may_import(request),
        }
        return super().changelist_view(request, extra_context)

    def _may_import(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = HttpResponse(export_catalogue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="support-measures.csv"'
        return response

    def import_view(self, request):
        if not self._may_import(request):
            raise PermissionDenied
        errors = []
        posted = request.method == "POST"
        form = CatalogueFileForm(request.POST, request.FILES) if posted else CatalogueFileForm()
        if posted and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > catalogue.MAX_BYTES:  # not even read
                errors = [catalogue.CatalogueError(0, "", catalogue.too_large_message())]
            else:
                outcome = import_catalogue(upload.read(), actor=request.user)
                if outcome.ok:
                    messages.success(request, _imported_message(outcome))
                    return HttpResponseRedirect(reverse("admin:support_supportmeasure_changelist"))
                errors = outcome.errors
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("国の支援措置の CSV の取り込み"),
            "form": form,
            "errors": errors,
            "columns": catalogue.COLUMNS,
        }
        return TemplateResponse(
            request,
            "admin/support/supportmeasure/import.html",
            context,
            status=400 if posted else 200,  # a success has redirected
        )


def _imported_message(outcome) -> str:
    return _(
        "CSV を取り込みました（追加 %(created)d 件、更新 %(updated)d 件、変更なし %(unchanged)d 件）。"
    ) % {
        "created": len(outcome.created),
        "updated": len(outcome.updated),
        "unchanged": outcome.unchanged,
    }
