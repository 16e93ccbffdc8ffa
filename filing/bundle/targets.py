"""A project's ``targets`` in a region bundle (ADR 0104), read strictly and written back.

```json
"targets": [{
  "name": "観光入込客数", "unit": "万人",
  "baseline": {"value": 120, "on": "2024-03-31"},
  "values": [{"fiscal_year": 2026, "value": 130}, {"fiscal_year": 2027, "value": 140}],
  "final": {"fiscal_year": 2030, "value": 150},
  "source": "県観光客動態調査", "better": "higher"
}]
```

Decisions (each one tested):

* ``targets`` may be left out (no targets; the rule ``project.targets`` warns). At most
  ``TARGETS`` per project and ``TARGET_VALUES`` values per target, checked before any is read.
* ``name``, ``unit`` and ``source`` are texts (``null`` reads as empty, left to the rule);
  ``unit`` at most ``MAX_UNIT`` characters.
* ``baseline`` and ``final`` are ``null`` or objects whose members may be ``null`` (the rule
  reports a missing final target). ``better`` is ``"higher"`` or ``"lower"``; left out it
  reads as ``"higher"`` (most targets count something that should grow).
* A fiscal year (年度) is a JSON integer from 1900 to 2999; the same year twice in ``values``
  is an input error (it would hold two targets for one year). Values are kept by 年度.
* A figure is a JSON number: at most four decimals and 15 significant digits, within ±10^15,
  and inside the unit's sensible range (``filing.targets.range_error``: no negative count
  or money, a bare count is whole, 「%」 is 0 to 100). A ``value`` in ``values`` is required.
* Whether the years lie in the project's period, and whether a final target is given, is
  the rule's business (``project.targets``): the period may still change in a draft.
"""

from decimal import Decimal

import filing.targets as figures  # a module import: filing.targets reads the limits below
from filing.bundle.errors import BundleError, child, describe, quote, type_error
from filing.bundle.keys import BASELINE_KEYS, FINAL_KEYS, TARGET_KEYS, TARGET_VALUE_KEYS
from filing.bundle.limits import MAX_UNIT, MAX_YEAR, MIN_YEAR, TARGET_VALUES, TARGETS
from filing.data import Better, TargetData


def read_targets(reader, obj: dict, path: str) -> tuple[TargetData, ...]:
    """The ``targets`` of the project ``obj`` at ``path`` (``reader``: the bundle's reader)."""
    list_path = child(path, "targets")
    return tuple(
        _target(reader, value, child(list_path, index))
        for index, value in enumerate(reader.array(obj, "targets", path, TARGETS))
    )


def _target(reader, value, path: str) -> TargetData:
    obj = reader.mapping(value, path, TARGET_KEYS)
    unit = reader.text(obj, "unit", path, MAX_UNIT)
    baseline = reader.optional_object(obj, "baseline", path, BASELINE_KEYS) or {}
    final = reader.optional_object(obj, "final", path, FINAL_KEYS) or {}
    return TargetData(
        name=reader.text(obj, "name", path),
        unit=unit,
        baseline_value=_figure(baseline.get("value"), f"{path}.baseline.value", unit),
        baseline_on=reader.day(baseline, "on", child(path, "baseline")),
        values=_values(reader, obj, path, unit),
        final_year=_year(final.get("fiscal_year"), f"{path}.final.fiscal_year"),
        final_value=_figure(final.get("value"), f"{path}.final.value", unit),
        source=reader.text(obj, "source", path),
        better=_better(obj.get("better"), f"{path}.better"),
    )


def _values(reader, obj: dict, path: str, unit: str) -> tuple[tuple[int, Decimal], ...]:
    values: list[tuple[int, Decimal]] = []
    seen: dict[int, int] = {}
    list_path = child(path, "values")
    for index, value in enumerate(reader.array(obj, "values", path, TARGET_VALUES)):
        item_path = child(list_path, index)
        item = reader.mapping(value, item_path, TARGET_VALUE_KEYS)
        year = _year(item.get("fiscal_year"), f"{item_path}.fiscal_year", required=True)
        if year in seen:
            raise BundleError(
                f"{item_path}.fiscal_year",
                f"年度 {year} が values[{seen[year]}] と重複しています（1 つの年度に目標値は 1 つです）",
            )
        seen[year] = index
        figure = _figure(item.get("value"), f"{item_path}.value", unit, required=True)
        values.append((year, figure))
    return tuple(sorted(values))


def _year(value, path: str, *, required: bool = False) -> int | None:
    if value is None:
        if required:
            raise BundleError(path, "年度 fiscal_year（2026 などの整数）を指定してください")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise type_error(path, "年度（2026 などの 4 桁の整数）", value)
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise BundleError(path, f"年度は {MIN_YEAR} から {MAX_YEAR} までにしてください")
    return value


def _figure(value, path: str, unit: str, *, required: bool = False) -> Decimal | None:
    if value is None:
        if required:
            raise BundleError(path, "目標値 value（数値）を指定してください")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise type_error(path, "数値", value)
    figure = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    reason = figures.number_error(figure) or figures.range_error(figure, unit)
    if reason:
        raise BundleError(path, f"{reason}（{describe(value)} が指定されています）")
    return figures.plain(figure)


def _better(value, path: str) -> Better:
    if value is None:
        return Better.HIGHER
    if not isinstance(value, str):
        raise type_error(path, '文字列（"higher" か "lower"）', value)
    if value not in Better:
        raise BundleError(
            path,
            f'不明な向き {quote(value)} です（"higher": 高いほどよい、"lower": 低いほどよい）',
        )
    return Better(value)


def targets_to_bundle(targets: tuple[TargetData, ...]) -> list[dict]:
    """The canonical ``targets`` of a project (every key, ``null`` for an empty object)."""
    return [_target_to_bundle(target) for target in targets]


def _target_to_bundle(target: TargetData) -> dict:
    has_baseline = target.baseline_value is not None or target.baseline_on is not None
    has_final = target.final_year is not None or target.final_value is not None
    return {
        "name": target.name,
        "unit": target.unit,
        "baseline": {
            "value": figures.json_number(target.baseline_value),
            "on": target.baseline_on.isoformat() if target.baseline_on else None,
        }
        if has_baseline
        else None,
        "values": [
            {"fiscal_year": year, "value": figures.json_number(value)}
            for year, value in target.values
        ],
        "final": {
            "fiscal_year": target.final_year,
            "value": figures.json_number(target.final_value),
        }
        if has_final
        else None,
        "source": target.source,
        "better": str(target.better),
    }
