"""The one order of milestones on every page, PDF and export (ADR 0096): by date, the
undated ones last, the author's order kept among equal dates (a stable sort).

The database reads them in the same order (``projects.models.Milestone.Meta.ordering``:
date with nulls last, then position); this is for sequences that do not come from a query
(the ``Filing`` of a bundle, a PDF made from it)."""

from collections.abc import Iterable
from datetime import date
from typing import Protocol


class Dated(Protocol):
    date: date | None


def date_key(milestone: Dated) -> tuple[bool, date]:
    return (milestone.date is None, milestone.date or date.min)


def in_date_order[M: Dated](milestones: Iterable[M]) -> tuple[M, ...]:
    return tuple(sorted(milestones, key=date_key))
