"""Rules of a yearly result (実績) of a project's target (ADR 0108): what a region may report
for a target and 年度, checked when the result is written (a field's error: nothing is
saved, the typed value stays) and again at its 送付.

A result is a report about a published vision (第4(3)「効果について…検証」, the 目標 of
第4(2)②), not a filing: it is checked on its own, not by ``filing.engine.check_filing``.
Pure functions over the plain data below: no database, no Django.

- ``result.target``: the target exists in the region's published vision;
- ``result.year``: the 年度 lies in the project's キ 期間 (the 年度 of its start to the 年度
  of its end) and has ended (a 年度 ends on 3月31日: its result is reported from 4月1日);
- ``result.duplicate``: one result per target and 年度 (a published one is corrected, not
  entered twice);
- ``result.value``: a figure within its unit's range (``filing.targets.range_error``).
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from filing.findings import Finding
from filing.formatting import fiscal_year
from filing.i18n import gettext, gettext_lazy
from filing.rules.common import ERROR, Rule
from filing.rules.wording import day, era_fiscal_year
from filing.targets import number_error, range_error

DOCUMENT = "result"


@dataclass(frozen=True, slots=True)
class TargetPeriod:
    """A published target a result may be for: its unit and its project's キ 期間."""

    key: str
    name: str
    unit: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class ResultEntry:
    target_key: str
    fiscal_year: int | None
    value: Decimal | None


TARGET = Rule(
    "result.target",
    "第4(2)②",
    ERROR,
    gettext_lazy("実績が、公表中の連携ビジョンのプロジェクトの目標（指標）のものであること"),
    document=DOCUMENT,
)
YEAR = Rule(
    "result.year",
    "第4(2)②",
    ERROR,
    gettext_lazy(
        "実績の年度が、プロジェクトの期間（キ）の年度に入り、すでに終わっていること"
        "（年度は3月31日に終わる）"
    ),
    document=DOCUMENT,
)
DUPLICATE = Rule(
    "result.duplicate",
    "第4(2)②",
    ERROR,
    gettext_lazy("同じ目標の同じ年度の実績が一つだけであること（公表した実績は訂正で直す）"),
    document=DOCUMENT,
)
VALUE = Rule(
    "result.value",
    "第4(2)②",
    ERROR,
    gettext_lazy(
        "実績値が記載され、単位に合った範囲の値であること（人・件・円などは 0 以上、「%」は 0〜100）"
    ),
    document=DOCUMENT,
)

RULES = (TARGET, YEAR, DUPLICATE, VALUE)


def year_ended(year: int, today: date) -> bool:
    """年度 ``year`` (4月1日 to the next 3月31日) is over on ``today``."""
    return today >= date(year + 1, 4, 1)


def period_years(start: date | None, end: date | None) -> list[int]:
    """The 年度 of a キ 期間 (empty when it is incomplete or reversed)."""
    if start is None or end is None or start > end:
        return []
    return list(range(fiscal_year(start), fiscal_year(end) + 1))


def years_due(target: TargetPeriod, today: date) -> list[int]:
    """The 年度 of the target's project period that have ended: the grid's columns."""
    return [y for y in period_years(target.start, target.end) if year_ended(y, today)]


def reminder_due(year: int, today: date, days: int) -> bool:
    """A missing result of 年度 ``year`` is reminded ``days`` days after its 3月31日."""
    return today >= date(year + 1, 3, 31) + timedelta(days=days)


def _year_findings(entry: ResultEntry, target: TargetPeriod, today: date, taken) -> list[Finding]:
    year = entry.fiscal_year
    if year is None:
        return [YEAR.finding("fiscal_year", gettext("年度を入力してください"))]
    findings = []
    names = {"year": era_fiscal_year(year)}
    years = period_years(target.start, target.end)
    if years and year not in years:
        message = gettext("%(year)sはプロジェクトの期間（%(first)s〜%(last)s）の外です")
        names |= {"first": era_fiscal_year(years[0]), "last": era_fiscal_year(years[-1])}
        findings.append(YEAR.finding("fiscal_year", message % names))
    elif not years:
        message = gettext("プロジェクトの期間（キ）がないため、実績を書けません")
        findings.append(YEAR.finding("fiscal_year", message))
    elif not year_ended(year, today):
        message = gettext("%(year)sはまだ終わっていません（%(opens)sから書けます）")
        names["opens"] = day(date(year + 1, 4, 1))
        findings.append(YEAR.finding("fiscal_year", message % names))
    if (entry.target_key, year) in set(taken):
        message = gettext(
            "%(year)sの実績はすでにあります。その実績を直すか、公表済みなら訂正してください"
        )
        findings.append(DUPLICATE.finding("fiscal_year", message % names))
    return findings


def check(
    entry: ResultEntry,
    *,
    targets: Mapping[str, TargetPeriod],
    today: date,
    taken: Collection[tuple[str, int]] = (),
) -> list[Finding]:
    """Every finding of one result. ``taken``: the (target key, 年度) that already have
    another result (open or published)."""
    target = targets.get(entry.target_key)
    if target is None:
        message = gettext("公表中の連携ビジョンにない目標です。目標を選んでください")
        return [TARGET.finding("target", message)]
    findings = _year_findings(entry, target, today, taken)
    if entry.value is None:
        findings.append(VALUE.finding("value", gettext("実績値を入力してください")))
    elif reason := (number_error(entry.value) or range_error(entry.value, target.unit)):
        findings.append(VALUE.finding("value", reason))
    return findings
