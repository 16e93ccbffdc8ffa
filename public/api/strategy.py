"""``GET /api/v1/strategy``: the published projects in the national strategy's terms
(issue 19, ADR 0121): the lists (version, source, date, terms) and the totals per cluster
type and per 戦略分野 (projects, regions, budgets by 西暦 fiscal year)."""

from datetime import date

from ninja import Router, Schema
from pydantic import Field

from filing import strategy
from public.api.payloads import licence, year_amounts
from public.api.schemas import LicenseOut, YearAmountOut
from public.selectors.strategy import strategy_totals

router = Router()


class TermTotalOut(Schema):
    code: str | None = Field(description="コード。null は類型・戦略分野を付けていないプロジェクト")
    label: str
    project_count: int
    region_count: int
    total: int = Field(description="事業費の合計（円、全年度）")
    by_fiscal_year: list[YearAmountOut]


class TermOut(Schema):
    code: str
    label: str


class StrategyListOut(Schema):
    version: str
    source: str
    decided_on: date | None
    terms: list[TermOut] = Field(description="現行の版の並び（コードは版をまたいで変わらない）")


class StrategyOut(Schema):
    license: LicenseOut
    note: str
    project_count: int
    cluster_types: StrategyListOut
    strategic_fields: StrategyListOut
    by_cluster_type: list[TermTotalOut]
    by_strategic_field: list[TermTotalOut]


def _row(row) -> dict:
    return {
        "code": row.code or None,
        "label": row.label,
        "project_count": row.project_count,
        "region_count": row.region_count,
        "total": row.total,
        "by_fiscal_year": year_amounts(row.by_year),
    }


def _list(info, rows) -> dict:
    return {
        "version": info.version,
        "source": info.source,
        "decided_on": info.decided_on,
        "terms": [{"code": row.code, "label": row.label} for row in rows if row.code],
    }


@router.get(
    "/strategy",
    response=StrategyOut,
    url_name="strategy",
    summary="類型別・戦略分野別のプロジェクトの数と事業費",
)
def strategy_figures(request):
    totals = strategy_totals()
    return {
        "license": licence(),
        "note": (
            "宣言中の宣言リージョンの現在の連携ビジョンにあるプロジェクトを、地域未来戦略の類型と"
            "日本成長戦略会議の 17 の戦略分野で数えたものです。事業費は予算措置を伴うプロジェクトの"
            "年度別の額（円、年度は西暦で 4 月から翌年 3 月）。複数の戦略分野に関わるプロジェクトは"
            "各戦略分野に数えるので、戦略分野別の合計は全体と一致しません。"
        ),
        "project_count": totals.project_count,
        "cluster_types": _list(totals.lists[strategy.CLUSTER], totals.by_type),
        "strategic_fields": _list(totals.lists[strategy.SECTOR], totals.by_field),
        "by_cluster_type": [_row(row) for row in totals.by_type],
        "by_strategic_field": [_row(row) for row in totals.by_field],
    }
