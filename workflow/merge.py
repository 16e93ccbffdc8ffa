"""The three-way merge of a draft form saved by two editors (ADR 0095). Plain Python.

Both editors opened the same version (``base``); the other one saved first (``theirs``);
``mine`` is what I post. Each value is one unit of the form: a field, or a whole list of
rows (members, budget lines …), compared with ``==``.

- only theirs changed it: theirs is kept (and named in ``kept_theirs``);
- only I changed it: mine is taken;
- both made the same change: no conflict;
- both changed it differently: a conflict; ``values`` holds mine until the editor chooses.

A unit the base does not know (no base, or a field it did not have) is a conflict
whenever the two sides differ: without the base nothing says who changed it, and nothing
is overwritten unseen. A unit only one side has is taken from that side.
"""

from collections.abc import Mapping
from dataclasses import dataclass

_MISSING = object()


@dataclass(frozen=True)
class MergeResult:
    values: dict
    conflicts: tuple[str, ...] = ()
    kept_theirs: tuple[str, ...] = ()


def merge(base: Mapping, mine: Mapping, theirs: Mapping) -> MergeResult:
    """Merge ``mine`` and ``theirs`` unit by unit against ``base`` (see the module)."""
    values: dict = {}
    conflicts: list[str] = []
    kept: list[str] = []
    for key in dict.fromkeys([*mine, *theirs]):
        ours, other = mine.get(key, _MISSING), theirs.get(key, _MISSING)
        if other is _MISSING or ours == other:
            values[key] = ours
            continue
        if ours is _MISSING:
            values[key] = other
            continue
        original = base.get(key, _MISSING)
        if original is not _MISSING and ours == original:
            values[key] = other
            kept.append(key)
        elif original is not _MISSING and other == original:
            values[key] = ours
        else:
            values[key] = ours
            conflicts.append(key)
    return MergeResult(values=values, conflicts=tuple(conflicts), kept_theirs=tuple(kept))
