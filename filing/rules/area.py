"""The local governments' area of a filing (第3(3)ア), worked out once per check: which
prefecture a prefecture or municipality member stands for, and what the 北海道・沖縄県
exception needs. Pure functions over ``filing.data``; pages, documents and the rules read
them (through ``filing.rules.declaration``, which re-exports them).
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from filing.data import MasterData, MemberData, MemberKind

# 第3(3)ア: 北海道 and 沖縄県 may form a region on their own.
EXCEPTION_PREFECTURES = ("01", "47")


def _normalized_name(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def lg_prefecture(member: MemberData, master: MasterData) -> str | None:
    """The prefecture of a prefecture or municipality member whose code and name are known."""
    name = _normalized_name(member.name)
    if member.kind == MemberKind.PREFECTURE:
        prefecture = master.prefecture_lg_codes.get(member.lg_code)
        if prefecture is not None and name == master.prefectures[prefecture]:
            return prefecture
    elif member.kind == MemberKind.MUNICIPALITY:
        known = master.municipalities.get(member.lg_code)
        if known is not None:
            municipality, prefecture = known
            if name in (municipality, master.prefectures[prefecture] + municipality):
                return prefecture
    return None


@dataclass(frozen=True, slots=True)
class LocalGovernmentArea:
    """The local governments' area (第3(3)ア) and what the 北海道/沖縄県 exception needs."""

    prefectures: frozenset[str]
    prefecture_members: frozenset[str]  # prefectures that are members themselves
    municipalities: dict[str, frozenset[str]]  # prefecture → lg_codes of member municipalities


def local_government_area(members: Iterable[MemberData], master: MasterData) -> LocalGovernmentArea:
    prefectures: set[str] = set()
    prefecture_members: set[str] = set()
    municipalities: dict[str, set[str]] = {}
    for member in members:
        if member.kind == MemberKind.OTHER_LOCAL_GOVERNMENT:
            prefectures.update(
                code for code in member.area_prefectures if code in master.prefectures
            )
            continue
        prefecture = lg_prefecture(member, master)
        if prefecture is None:
            continue
        prefectures.add(prefecture)
        if member.kind == MemberKind.PREFECTURE:
            prefecture_members.add(prefecture)
        else:
            municipalities.setdefault(prefecture, set()).add(member.lg_code)
    return LocalGovernmentArea(
        prefectures=frozenset(prefectures),
        prefecture_members=frozenset(prefecture_members),
        municipalities={code: frozenset(codes) for code, codes in municipalities.items()},
    )
