"""The moment a lifecycle move is recorded at.

Every verb records its move (the revision's stamp, the ``StatusChange``, a reviewer's
``Review``, a ``Submission``) at ``now()``: the present, unless a caller that writes a
history afterwards (``load_demo_data``) wraps the verb in ``recorded_at(moment)``. The
verbs' signatures stay plain (no ``at`` argument on any of them, ADR 0101).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_recorded_at: ContextVar[datetime | None] = ContextVar("recorded_at", default=None)


def now() -> datetime:
    """When the move being made is recorded: ``recorded_at``'s moment, or the present."""
    return _recorded_at.get() or timezone.now()


@contextmanager
def recorded_at(moment: datetime | None) -> Iterator[None]:
    """Record the moves made inside the block at ``moment`` (an aware datetime; ``None``
    leaves them at the present)."""
    if moment is not None and timezone.is_naive(moment):
        raise ValueError("recorded_at needs an aware datetime")
    token = _recorded_at.set(moment)
    try:
        yield
    finally:
        _recorded_at.reset(token)
