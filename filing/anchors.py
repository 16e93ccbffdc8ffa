"""Where a comment or a finding points inside a revision: a bundle JSON path (DESIGN.md).

The one reader of those paths. ``parse_path`` splits a path into what every page needs to
place it (``vision.projects[2].budget.by_fiscal_year["2027"]`` → the list
``vision.projects``, row 2, its item ``budget``); ``falls_under`` says whether a path is
at or below another.

An anchor is one of the paths this module lists for a revision (``""`` is the revision as a
whole, ``members[2]`` a member, ``vision.projects[0]`` a project, ``declaration.fields``
the fields). A finding's path (``vision.projects[0].period``) belongs to the longest anchor
it starts with. Pure functions: the lists of names come from the caller.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from filing.i18n import gettext as _


@dataclass(frozen=True, slots=True)
class Anchor:
    path: str
    label: str

    @property
    def html_id(self) -> str:
        """An id for the item on the review page (``item-members-2``)."""
        if not self.path:
            return "item-revision"
        cleaned = "".join(c if c.isalnum() else "-" for c in self.path)
        return "item-" + "-".join(part for part in cleaned.split("-") if part)


_FIRST_INDEX = re.compile(r"\[(\d+)\](?:\.(\w+))?")


@dataclass(frozen=True, slots=True)
class PathParts:
    """A bundle JSON path read up to its first row: ``head`` is what comes before the first
    ``[i]`` (the whole path when there is none), ``index`` that row, ``item`` the name right
    after it (``""`` for the row itself)."""

    path: str
    head: str
    index: int | None = None
    item: str = ""

    def row_of(self, head: str) -> int | None:
        """The row of list ``head`` this path is in (``members`` → 3 for ``members[3].name``)."""
        return self.index if self.head == head else None


def parse_path(path: str) -> PathParts:
    """``members[3].lg_code`` → (head ``members``, index 3, item ``lg_code``);
    ``vision.projects[2].budget.by_fiscal_year["2027"]`` → (``vision.projects``, 2,
    ``budget``); ``region.name`` → (``region.name``, None, "")."""
    head, bracket, _rest = path.partition("[")
    if not bracket:
        return PathParts(path, path)
    match = _FIRST_INDEX.match(path, len(head))
    if match is None:  # ``by_fiscal_year["2027"]``: a key, not a row
        return PathParts(path, head)
    return PathParts(path, head, int(match.group(1)), match.group(2) or "")


def falls_under(path: str, prefix: str) -> bool:
    """Whether ``path`` is ``prefix`` or inside it (``""`` holds every path)."""
    if not prefix:
        return True
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def declaration_anchors(member_names: Sequence[str]) -> list[Anchor]:
    anchors = [
        Anchor("", _("版の全体")),
        Anchor("declaration.revision", _("策定・変更・廃止の区分")),
        Anchor("region", _("名称と区域")),
        Anchor("declaration.aspiration", _("目指すべき姿")),
        Anchor("declaration.fields", _("取り組む分野")),
        Anchor("members", _("リージョン構成団体（全体）")),
    ]
    anchors += [
        Anchor(
            f"members[{index}]",
            _("構成団体 %(number)d: %(name)s") % {"number": index + 1, "name": name},
        )
        for index, name in enumerate(member_names)
    ]
    return anchors


def vision_anchors(project_names: Sequence[str]) -> list[Anchor]:
    anchors = [
        Anchor("", _("版の全体")),
        Anchor("vision.revision", _("策定・変更・廃止の区分")),
        Anchor("vision.aspiration", _("中長期的な目指すべき姿")),
        Anchor("vision.roadmap", _("ロードマップ")),
        Anchor("vision.verified_on", _("検証")),
        Anchor("vision.projects", _("プロジェクト（全体）")),
    ]
    anchors += [
        Anchor(
            f"vision.projects[{index}]",
            _("プロジェクト %(number)d: %(name)s")
            % {"number": index + 1, "name": name or _("（名称未入力）")},
        )
        for index, name in enumerate(project_names)
    ]
    return anchors


def anchor_of(path: str, anchors: Sequence[Anchor]) -> Anchor:
    """The most specific anchor ``path`` falls under (the whole revision at worst)."""
    best = anchors[0]
    for anchor in anchors:
        if falls_under(path, anchor.path) and len(anchor.path) > len(best.path):
            best = anchor
    return best
