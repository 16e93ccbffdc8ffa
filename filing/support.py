"""Which national support measures serve a project (要綱 第5(1)②, ADR 0115): the match rule,
pure and plain.

A measure matches a project when they share a 分野 or when one of the measure's tags is a word
of the project's text:

* **Fields**: the project's effective fields (``filing.fields.effective_fields``: its own,
  or every field of its region when it names none) against the fields the measure serves.
  A measure that names no field matches by its tags only.
* **Tags** are keywords: a tag matches when it occurs in the project's name or 具体的内容,
  compared after NFKC and case folding (「ＭａａＳ」 is 「maas」) with spaces removed. A
  one-character tag never matches (it would be found in almost any text).
* **National strategy** (ADR 0121): a measure that lists cluster types or 戦略分野 matches a
  project of the same 類型 or sharing a 戦略分野 (each shared one is a reason, beside the
  fields and tags). A project without them, or a measure without them, is matched as before.
* **Order**: measures that give priority to 広域リージョン projects first, then open before
  closed, then more reasons (shared fields and tags) before fewer, then by name and ministry
  (so the order never depends on the catalogue's).

Each match carries its reasons (which field, which tag) so the page can say why it is shown.
Pins and hides by a reviewer are not the rule's business: ``support.selectors`` applies them.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from filing import strategy
from filing.data import FieldCode
from filing.fields import FIELD_NAMES
from filing.i18n import gettext_lazy as _
from filing.support_catalogue import MeasureData

MIN_TAG = 2  # characters (after folding) a tag needs to be matched at all


def folded(text: str) -> str:
    """``text`` as tags are compared: NFKC, case-folded, without white space."""
    return "".join(unicodedata.normalize("NFKC", text or "").casefold().split())


@dataclass(frozen=True, slots=True)
class Match:
    """A measure that serves a project, and why: the shared ``fields`` (in the 要綱's order)
    and the ``tags`` found in the project's text (in the measure's order)."""

    measure: MeasureData
    fields: tuple[FieldCode, ...] = ()
    tags: tuple[str, ...] = ()
    cluster_type: str = ""  # the project's 類型 when the measure lists it (ADR 0121)
    strategic_fields: tuple[str, ...] = ()  # the shared 戦略分野, canonical order

    @property
    def score(self) -> int:
        return (
            len(self.fields) + len(self.tags) + bool(self.cluster_type) + len(self.strategic_fields)
        )

    @property
    def reasons(self) -> tuple[str, ...]:
        """「分野: A 産業振興」, 「類型: 戦略産業クラスター」, 「戦略分野: 量子」,
        「キーワード: 半導体」: one line per reason."""
        cluster = (
            [
                str(
                    _("類型: %(label)s")
                    % {"label": strategy.label(strategy.CLUSTER, self.cluster_type)}
                )
            ]
            if self.cluster_type
            else []
        )
        return tuple(
            [str(_("分野: %(field)s") % {"field": FIELD_NAMES[code]}) for code in self.fields]
            + cluster
            + [
                str(_("戦略分野: %(label)s") % {"label": strategy.label(strategy.SECTOR, code)})
                for code in self.strategic_fields
            ]
            + [str(_("キーワード: %(tag)s") % {"tag": tag}) for tag in self.tags]
        )


def project_text(name: str, content: str) -> str:
    """A project's words as tags are looked for in them (``folded``, name and content apart
    so that no tag is found across the two)."""
    return f"{folded(name)}\n{folded(content)}"


def match_one(
    measure: MeasureData,
    fields: Iterable,
    haystack: str,
    cluster_type: str = "",
    strategic_fields: Iterable[str] = (),
) -> Match | None:
    """The match of one ``measure`` with a project of ``fields`` (its effective fields),
    words ``haystack`` (``project_text``), ``cluster_type`` and ``strategic_fields``;
    ``None`` when nothing is shared."""
    chosen = {FieldCode(code) for code in fields}
    shared = tuple(code for code in FieldCode if code in chosen and code in measure.fields)
    tags, seen = [], set()
    for tag in measure.tags:
        needle = folded(tag)
        if len(needle) >= MIN_TAG and needle in haystack and needle not in seen:
            tags.append(tag)
            seen.add(needle)
    cluster = cluster_type if cluster_type and cluster_type in measure.cluster_types else ""
    sectors = set(strategic_fields)
    shared_sectors = tuple(code for code in measure.strategic_fields if code in sectors)
    if not shared and not tags and not cluster and not shared_sectors:
        return None
    return Match(
        measure=measure,
        fields=shared,
        tags=tuple(tags),
        cluster_type=cluster,
        strategic_fields=strategy.ordered(strategy.SECTOR, shared_sectors),
    )


def order_key(match: Match) -> tuple:
    """The order of the matches (see the module's docstring)."""
    measure = match.measure
    return (
        not measure.gives_priority,
        not measure.is_open,
        -match.score,
        measure.name,
        measure.ministry,
    )


def match_measures(
    *,
    fields: Iterable,
    name: str = "",
    content: str = "",
    measures: Iterable[MeasureData],
    cluster_type: str = "",
    strategic_fields: Iterable[str] = (),
) -> list[Match]:
    """The measures that serve a project of effective ``fields``, ``name``, ``content``,
    ``cluster_type`` and ``strategic_fields`` (ADR 0121), in the order of ``order_key``,
    each with its reasons."""
    fields = tuple(fields)
    sectors = tuple(strategic_fields)
    haystack = project_text(name, content)
    found = (
        match_one(measure, fields, haystack, cluster_type or "", sectors) for measure in measures
    )
    return sorted((match for match in found if match is not None), key=order_key)
