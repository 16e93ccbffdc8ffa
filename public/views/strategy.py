"""The national page (issue 19, ADR 0121): the published projects in the national strategy's
terms, a chart with its data table per cluster type and per 戦略分野."""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.translation import gettext as _

from filing import strategy
from public.charts import Series, budget_bar_chart, horizontal_bar_chart
from public.selectors.strategy import StrategyTotals, TermTotal, strategy_totals

# The bar colours of the cluster types (CSS classes chart__bar--strategy-N), 未設定 last.
TYPE_KEYS = ("strategy-1", "strategy-2", "strategy-3", "strategy-4", "strategy-5")


@dataclass(frozen=True)
class TableRow:
    term: TermTotal
    amounts: list[int]
    key: str = ""


def _table(rows: list[TermTotal], years) -> list[TableRow]:
    return [
        TableRow(row, row.amounts(years), TYPE_KEYS[min(i, len(TYPE_KEYS) - 1)])
        for i, row in enumerate(rows)
    ]


def strategy_context(totals: StrategyTotals) -> dict:
    years = totals.fiscal_years
    type_rows = _table(totals.by_type, years)
    series = [
        Series(row.key, row.term.label, row.term.by_year) for row in type_rows if row.term.total
    ]
    field_rows = [row for row in totals.by_field]
    return {
        "totals": totals,
        "years": years,
        "type_rows": type_rows,
        "type_series": series,
        "type_chart": budget_bar_chart(
            series,
            years,
            title=_("類型別・年度別の事業費"),
            description=_(
                "年度ごとに、地域未来戦略の類型別のプロジェクトの事業費の合計を棒で示します。"
                "同じ内容を下の表に示します。"
            ),
            id_prefix="strategy-type-chart",
        ),
        "field_rows": _table(field_rows, years),
        "field_chart": horizontal_bar_chart(
            [(row.label, row.total) for row in field_rows],
            title=_("戦略分野別の事業費"),
            description=_(
                "17 の戦略分野ごとに、その戦略分野に関わるプロジェクトの事業費の合計（全年度）を"
                "横棒で示します。同じ内容と年度ごとの額を下の表に示します。"
            ),
            id_prefix="strategy-field-chart",
        ),
        "field_count_chart": horizontal_bar_chart(
            [(row.label, row.project_count) for row in field_rows],
            title=_("戦略分野別のプロジェクトの数"),
            description=_(
                "17 の戦略分野ごとに、その戦略分野に関わるプロジェクトの数を横棒で示します。"
                "同じ内容を下の表に示します。"
            ),
            id_prefix="strategy-count-chart",
            key="count",
            value_text=lambda value: _("%(count)s 件") % {"count": f"{value:,}"},
        ),
        "cluster_list": totals.lists[strategy.CLUSTER],
        "field_list": totals.lists[strategy.SECTOR],
    }


def strategy_page(request):
    """/strategy/: totals per 類型 and per 戦略分野 of the published projects."""
    return render(request, "strategy/strategy.html", strategy_context(strategy_totals()))
