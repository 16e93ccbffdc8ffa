"""The published projects in the national strategy's terms (issue 19, ADR 0121): totals per
cluster type and per 戦略分野, and the regions and projects that carry one.

Only the current published vision revisions of the regions that are not abolished count (as
the site's budgets, ``public.selectors.site.overview``). A project of several 戦略分野 counts
under each, so the per-field totals do not add up to the whole; a project with no 類型 or no
戦略分野 counts under 「未設定」. Four queries, whatever the number of regions and projects.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from filing import strategy
from projects.selectors import current_project_strategy_rows, strategy_terms
from public.selectors.search import active_region_ids

UNSET = ""  # the row of the projects without a type / without a 戦略分野


@dataclass
class TermTotal:
    """One row of a table: a term (``code`` "" for 未設定), its projects and budgets."""

    code: str
    label: str
    project_count: int = 0
    region_ids: set = field(default_factory=set)
    by_year: dict[int, int] = field(default_factory=dict)

    @property
    def region_count(self) -> int:
        return len(self.region_ids)

    @property
    def total(self) -> int:
        return sum(self.by_year.values())

    def add(self, region: int, budget: dict[int, int]) -> None:
        self.project_count += 1
        self.region_ids.add(region)
        for year, amount in budget.items():
            self.by_year[year] = self.by_year.get(year, 0) + amount

    def amounts(self, years) -> list[int]:
        return [self.by_year.get(year, 0) for year in years]


@dataclass
class ListInfo:
    kind: str
    version: str
    source: str
    decided_on: object  # date | None


@dataclass
class StrategyTotals:
    project_count: int
    by_type: list[TermTotal]
    by_field: list[TermTotal]
    fiscal_years: tuple[int, ...]
    lists: dict[str, ListInfo]


def _info(kind: str, terms: dict) -> ListInfo:
    row = terms[kind]["list"]
    if row is None:
        shipped = strategy.current(kind)
        return ListInfo(kind, shipped.version, shipped.source, shipped.decided_on)
    return ListInfo(kind, row.version, row.source, row.decided_on)


def _rows(kind: str, terms: dict, held) -> dict[str, TermTotal]:
    """A row per term of the current list, then per older code a project still holds, then
    未設定."""
    entry = terms[kind]
    rows = {code: TermTotal(code, label) for code, label in entry["choices"]}
    for code in held:
        if code not in rows:
            rows[code] = TermTotal(code, entry["labels"].get(code, code))
    rows[UNSET] = TermTotal(UNSET, _("未設定"))
    return rows


def strategy_totals() -> StrategyTotals:
    """The figures of the national page, the API and the CSV (four queries)."""
    terms = strategy_terms()
    projects = current_project_strategy_rows(active_region_ids())
    by_type = _rows(strategy.CLUSTER, terms, {p[2] for p in projects if p[2]})
    by_field = _rows(strategy.SECTOR, terms, {code for p in projects for code in p[3]})
    years: set[int] = set()
    for _pk, region, cluster, sectors, budget in projects:
        years.update(budget)
        by_type[cluster or UNSET].add(region, budget)
        for code in sectors or (UNSET,):
            by_field[code].add(region, budget)
    return StrategyTotals(
        project_count=len(projects),
        by_type=list(by_type.values()),
        by_field=list(by_field.values()),
        fiscal_years=tuple(sorted(years)),
        lists={kind: _info(kind, terms) for kind in strategy.KINDS},
    )


def strategy_choices() -> dict[str, list[tuple[str, str]]]:
    """The filters' choices: every code a project may carry (the current list, then older
    codes), with its label (one query)."""
    terms = strategy_terms()
    choices = {}
    for kind in strategy.KINDS:
        current = list(terms[kind]["choices"])
        known = {code for code, _label in current}
        older = [
            (c, terms[kind]["labels"][c]) for c in strategy.known_codes(kind) if c not in known
        ]
        choices[kind] = current + older
    return choices
