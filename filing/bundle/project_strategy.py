"""A project's national-strategy terms in a region bundle (ADR 0121), read strictly and
written back.

```json
"cluster_type": "strategic_industry_cluster",
"strategic_fields": ["ai_semiconductors", "quantum"]
```

Decisions (each one tested):

* Both keys are optional. ``cluster_type`` is one code of ``filing.strategy`` (``CLUSTER``)
  or ``null``/absent for none; ``strategic_fields`` a list of 戦略分野 codes (``SECTOR``),
  absent or ``[]`` for none. The writer leaves out what is empty, so the bundles of projects
  without them stay the same.
* A code of any shipped version is accepted (a revised list keeps the old codes' meaning);
  an unknown code, a wrong type and the same 戦略分野 twice are input errors with their path.
  The 戦略分野 are kept in the canonical order of ``filing.strategy``.
"""

from filing import strategy
from filing.bundle.errors import BundleError, child, quote, type_error
from filing.bundle.limits import STRATEGIC_FIELDS


def _codes(kind: str) -> str:
    return ", ".join(f'"{code}"' for code in strategy.known_codes(kind))


def read_cluster_type(obj: dict, path: str) -> str:
    value = obj.get("cluster_type")
    if value is None:
        return ""
    item_path = child(path, "cluster_type")
    if not isinstance(value, str):
        raise type_error(item_path, "類型のコード（文字列）か null", value)
    if value not in strategy.known_codes(strategy.CLUSTER):
        raise BundleError(
            item_path,
            f"不明な類型 {quote(value)} です（使える類型: {_codes(strategy.CLUSTER)}）",
        )
    return value


def read_strategic_fields(reader, obj: dict, path: str) -> tuple[str, ...]:
    list_path = child(path, "strategic_fields")
    known = strategy.known_codes(strategy.SECTOR)
    chosen: list[str] = []
    for index, value in enumerate(reader.array(obj, "strategic_fields", path, STRATEGIC_FIELDS)):
        item_path = child(list_path, index)
        if not isinstance(value, str):
            raise type_error(item_path, "戦略分野のコード（文字列）", value)
        if value not in known:
            raise BundleError(
                item_path,
                f"不明な戦略分野 {quote(value)} です（使える戦略分野: {_codes(strategy.SECTOR)}）",
            )
        if value in chosen:
            raise BundleError(item_path, f"戦略分野 {quote(value)} が重複しています")
        chosen.append(value)
    return strategy.ordered(strategy.SECTOR, chosen)


def project_strategy_to_bundle(cluster_type: str, strategic_fields) -> dict:
    """``cluster_type`` and ``strategic_fields`` when the project carries them, else nothing."""
    data: dict = {}
    if cluster_type:
        data["cluster_type"] = cluster_type
    if strategic_fields:
        data["strategic_fields"] = list(strategic_fields)
    return data
