"""The national strategy's lists in the admin (ADR 0121): operators amend a version's labels,
source and date, or add a revised version. Codes are stable: a term's code must be one that
``filing.strategy`` knows (a new code is added there first, with its data migration), so every
project's and measure's stored code keeps a meaning. The admin's history is the audit."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from filing import strategy
from projects.models import StrategyList, StrategyTerm


class StrategyTermForm(forms.ModelForm):
    class Meta:
        model = StrategyTerm
        fields = ["position", "code", "label"]

    def clean(self):
        data = super().clean()
        parent = self.instance.strategy_list if self.instance.strategy_list_id else None
        kind = getattr(parent, "kind", None) or self.data.get("kind")
        code = data.get("code")
        if code and kind in strategy.KINDS and code not in strategy.known_codes(kind):
            self.add_error(
                "code",
                _("コード「%(code)s」はこの種類の一覧にないコードです（使えるコード: %(codes)s）。")
                % {"code": code, "codes": ", ".join(strategy.known_codes(kind))},
            )
        return data


class StrategyTermInline(admin.TabularInline):
    model = StrategyTerm
    form = StrategyTermForm
    extra = 0


@admin.register(StrategyList)
class StrategyListAdmin(admin.ModelAdmin):
    list_display = ["kind", "version", "decided_on", "source", "is_current"]
    list_filter = ["kind", "is_current"]
    inlines = [StrategyTermInline]
