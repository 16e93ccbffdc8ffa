"""Where a comment or a finding points inside a revision: a bundle JSON path (DESIGN.md).

An anchor is one of the paths this module lists for a revision (``""`` is the revision as a
whole, ``members[2]`` a member, ``vision.projects[0]`` a project, ``declaration.fields``
the fields). A finding's path (``vision.projects[0].period``) belongs to the longest anchor
it starts with. Pure functions: the lists of names come from the caller.
"""

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


def _starts(path: str, prefix: str) -> bool:
    if not prefix:
        return True
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def anchor_of(path: str, anchors: Sequence[Anchor]) -> Anchor:
    """The most specific anchor ``path`` falls under (the whole revision at worst)."""
    best = anchors[0]
    for anchor in anchors:
        if _starts(path, anchor.path) and len(anchor.path) > len(best.path):
            best = anchor
    return best
