"""Prefectures (read once per process) and the area a region's members cover.

The master data is loaded by a data migration and never changes while the site
runs, so it is read once and kept; ``covered_prefectures`` turns members into the
local governments' area (DESIGN.md) with the rule core's own function.
"""

import threading
from collections import defaultdict
from dataclasses import dataclass

from declarations.models import Prefecture
from declarations.selectors import master_data, published_members
from filing.data import MemberData, MemberKind
from filing.rules.declaration import local_government_area


@dataclass(frozen=True, slots=True)
class PrefectureInfo:
    code: str  # JIS "01"
    lg_code: str
    name: str
    kana: str
    name_en: str

    @property
    def map_id(self) -> str:
        """The id of the prefecture's <path> in the vendored @svg-maps/japan map."""
        return self.name_en.lower()


_master_lock = threading.Lock()
_master_cache: dict[str, object] = {}  # the prefectures with their readings and names


def prefectures() -> dict[str, PrefectureInfo]:
    """JIS code → prefecture, in JIS order (read once per process)."""
    with _master_lock:
        if "prefectures" not in _master_cache:
            _master_cache["prefectures"] = {
                p.code: PrefectureInfo(p.code, p.lg_code, p.name, p.kana, p.name_en)
                for p in Prefecture.objects.order_by("code")
            }
        return _master_cache["prefectures"]


def covered_prefectures(members) -> tuple[PrefectureInfo, ...]:
    """The local governments' area (DESIGN.md), as prefectures in JIS order."""
    area = local_government_area(members, master_data())
    known = prefectures()
    return tuple(known[code] for code in sorted(area.prefectures) if code in known)


def member_data(members):
    """The model members as ``MemberData`` with what the area needs."""

    return [
        MemberData(
            key=m.key,
            name=m.name,
            kind=MemberKind(m.kind),
            lg_code=m.lg_code,
            area_prefectures=tuple(m.area_prefectures or ()),
        )
        for m in members
    ]


def area_members(revision_ids) -> dict[int, list]:
    """Revision id → its members as ``MemberData`` with what the area needs (one query;
    plain rows, not model instances: a page of the list reads a thousand of them)."""

    members = defaultdict(list)
    rows = published_members(revision_ids).values_list(
        "revision_id", "key", "name", "kind", "lg_code", "area_prefectures"
    )
    for revision_id, key, name, kind, lg_code, area in rows:
        members[revision_id].append(
            MemberData(
                key=key,
                name=name,
                kind=MemberKind(kind),
                lg_code=lg_code,
                area_prefectures=tuple(area or ()),
            )
        )
    return members
