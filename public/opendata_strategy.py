"""``/opendata/strategy.csv`` (issue 19, ADR 0121): the figures of the national page in long
format, one value a row (docs/open-data.md): the axis (類型 or 戦略分野), the list's version,
the term's code and name, the figure (プロジェクト数, 宣言リージョン数, 事業費), the 西暦 fiscal
year (blank for the counts), the value and its unit."""

from django.utils.translation import gettext as _

from filing import strategy
from public.opendata import csv_response, open_data
from public.selectors.strategy import strategy_totals


def strategy_rows(totals) -> list[list]:
    rows = []
    axes = (
        (strategy.CLUSTER, _("類型"), totals.by_type),
        (strategy.SECTOR, _("戦略分野"), totals.by_field),
    )
    for kind, axis, terms in axes:
        version = totals.lists[kind].version
        for term in terms:
            head = [axis, version, term.code, term.label]
            rows.append([*head, _("プロジェクト数"), "", term.project_count, _("件")])
            rows.append([*head, _("宣言リージョン数"), "", term.region_count, _("リージョン")])
            for year in sorted(term.by_year):
                rows.append([*head, _("事業費"), year, term.by_year[year], _("円")])
    return rows


@open_data
def strategy_csv(request):
    header = [
        _("集計の軸"),
        _("一覧の版"),
        _("コード"),
        _("名称"),
        _("項目"),
        _("年度"),
        _("値"),
        _("単位"),
    ]
    return csv_response("strategy.csv", header, strategy_rows(strategy_totals()))
