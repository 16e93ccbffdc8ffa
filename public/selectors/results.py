"""目標（指標）with their published yearly results (実績, ADR 0104, 0108): what the region page,
the chart, ``/api/v1/regions/{slug}/targets`` and ``targets.csv`` show.

Results are read only through ``reports.selectors.published_results`` (the latest published
correction of each target and 年度): a draft, submitted or returned result, or a correction
not yet accepted, never appears; the figure published before it stays.
"""

from dataclasses import dataclass
from decimal import Decimal

from reports.models import TargetResult
from reports.selectors import current_published_vision, published_results


@dataclass(frozen=True)
class TargetYear:
    """One 年度 (西暦) of a target: its target value (if any), whether it is the final
    target, and the published result (if any). ``fiscal_year`` is None only for a final
    target written without its 年度."""

    fiscal_year: int | None
    target: Decimal | None
    is_final: bool
    result: TargetResult | None = None


@dataclass(frozen=True)
class TargetWithResults:
    target: object  # projects.ProjectTarget
    years: tuple[TargetYear, ...]

    @property
    def has_results(self) -> bool:
        return any(year.result is not None for year in self.years)


def target_years(target, results: dict[int, TargetResult]) -> tuple[TargetYear, ...]:
    """The target's 年度 in order: every year with a target value or the final target, and
    every year with a published result (``results``: 年度 → result) even without a target
    value. A target with no year at all still has one row."""
    by_year = dict(target.value_list())
    final = target.final_year
    if final is not None:
        by_year.setdefault(final, target.final_value)
    years = sorted(set(by_year) | set(results))
    rows = [TargetYear(year, by_year.get(year), year == final, results.get(year)) for year in years]
    if final is None and target.final_value is not None:
        rows.append(TargetYear(None, target.final_value, True))
    return tuple(rows or [TargetYear(None, None, False)])


def results_by_target(vision_ids) -> dict[tuple[int, str], dict[int, TargetResult]]:
    """(vision id, target key) → 年度 → the published result (one query)."""
    found: dict[tuple[int, str], dict[int, TargetResult]] = {}
    for (vision_id, key, year), result in published_results(vision_ids).items():
        found.setdefault((vision_id, key), {})[year] = result
    return found


def with_results(project, results) -> list[TargetWithResults]:
    """A project's targets with their years; ``results`` from ``results_by_target``."""
    vision_id = project.revision.vision_id
    return [
        TargetWithResults(target, target_years(target, results.get((vision_id, target.key), {})))
        for target in project.targets.all()
    ]


def published_evidence(slug: str, pk: int) -> TargetResult | None:
    """The result whose evidence file may be served: a published result that is the figure
    the public reads now (not one a published correction replaced) of the region's current
    published vision, with a file. ``None`` otherwise."""
    result = (
        TargetResult.objects.filter(pk=pk, vision__region__slug=slug)
        .select_related("vision__region")
        .first()
    )
    if result is None or not result.evidence_file:
        return None
    revision = current_published_vision(result.vision.region)
    if revision is None or revision.vision_id != result.vision_id:
        return None
    current = published_results([result.vision_id]).get(
        (result.vision_id, result.target_key, result.fiscal_year)
    )
    return result if current is not None and current.pk == result.pk else None
