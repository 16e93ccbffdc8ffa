"""The published support measures (要綱 第5(1)②, ADR 0114): what ``/support/``, the API
and ``support-measures.csv`` show. Never a measure that is not published (``is_published``).

The catalogue is small (a few hundred measures at most), so the filters by 分野 run over
the published rows in Python: the same on PostgreSQL and SQLite (no JSON containment)."""

from dataclasses import dataclass

from filing.support_catalogue import FieldCode, MeasureKind
from support.models import SupportMeasure


@dataclass(frozen=True)
class MeasureFilters:
    field: str = ""  # a FieldCode value
    kind: str = ""  # a MeasureKind value
    priority: bool | None = None  # 広域リージョン優先 only (True) or not (False)
    open_only: bool = False  # 公募中 only

    def __post_init__(self):
        if self.field and self.field not in set(FieldCode):
            raise ValueError(f"unknown field {self.field!r}")
        if self.kind and self.kind not in set(MeasureKind):
            raise ValueError(f"unknown kind {self.kind!r}")


def published_measures(filters: MeasureFilters | None = None) -> list[SupportMeasure]:
    """The published measures, 広域リージョン優先 first, then by 府省 and name; filtered."""
    filters = filters or MeasureFilters()
    measures = SupportMeasure.objects.published()
    if filters.kind:
        measures = measures.filter(kind=filters.kind)
    if filters.priority is not None:
        measures = measures.filter(gives_priority=filters.priority)
    if filters.open_only:
        measures = measures.filter(is_open=True)
    measures = measures.order_by("-gives_priority", "ministry", "name", "pk")
    return [m for m in measures if not filters.field or filters.field in (m.fields or ())]
