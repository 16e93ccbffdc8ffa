"""A region's history: its publications (公表), oldest first, and the state after each.

A publication is a published declaration revision or a published vision revision.
The *state* at a publication is what the public saw right after it: the latest
declaration revision and the latest vision revision published by then.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import Kind
from declarations.selectors import published_declaration_revisions_of
from visions.selectors import published_vision_revisions_of

DECLARATION = "declaration"
VISION = "vision"
PUBLICATION_KEY_RE = re.compile(r"\A([dv])([1-9][0-9]{0,8})\Z", re.ASCII)


def _moment(revision) -> datetime:
    return revision.published_at or revision.updated_at


@dataclass(frozen=True, slots=True)
class Publication:
    """One published revision of a region's declaration or vision."""

    document: str  # "declaration" | "vision"
    number: int
    kind: str  # established | changed | abolished
    is_minor: bool
    consulted_on: date | None
    reason: str
    published_at: datetime
    pk: int
    consultation_body: str = ""  # 協議を行った会議体等 (ADR 0120)

    @property
    def key(self) -> str:
        return f"{self.document[0]}{self.number}"

    @property
    def document_label(self) -> str:
        return _("連携宣言書") if self.document == DECLARATION else _("連携ビジョン")

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def is_abolition(self) -> bool:
        return self.kind == Kind.ABOLISHED


def publication_of(document: str, revision) -> Publication:
    """The ``Publication`` of a published declaration or vision revision."""
    return Publication(
        document=document,
        number=revision.number,
        kind=revision.kind,
        is_minor=revision.is_minor,
        consulted_on=revision.consulted_on,
        reason=revision.reason,
        published_at=_moment(revision),
        pk=revision.pk,
        consultation_body=revision.consultation_body,
    )


_PUBLICATION_FIELDS = (
    "pk",
    "number",
    "kind",
    "is_minor",
    "consulted_on",
    "consultation_body",
    "reason",
    "published_at",
    "updated_at",
)


@dataclass(frozen=True)
class History:
    """A region's publications, oldest first."""

    publications: tuple[Publication, ...]

    @property
    def newest_first(self) -> tuple[Publication, ...]:
        return tuple(reversed(self.publications))

    @property
    def latest(self) -> Publication | None:
        return self.publications[-1] if self.publications else None

    def find(self, key: str) -> Publication | None:
        return next((p for p in self.publications if p.key == key), None)

    def state_at(self, key: str) -> tuple[Publication, Publication | None] | None:
        """(declaration, vision) publications the public saw right after ``key``."""
        declaration = vision = None
        for publication in self.publications:
            if publication.document == DECLARATION:
                declaration = publication
            else:
                vision = publication
            if publication.key == key:
                return (declaration, vision) if declaration is not None else None
        return None

    @property
    def states(self) -> tuple[Publication, ...]:
        """The publications that have a state (a declaration published by then)."""
        return tuple(p for p in self.publications if self.state_at(p.key) is not None)


def region_history(region_id: int) -> History:
    """Two queries."""
    return history_of(
        published_declaration_revisions_of(region_id).only(*_PUBLICATION_FIELDS),
        published_vision_revisions_of(region_id).only(*_PUBLICATION_FIELDS),
    )


def history_of(declarations, visions) -> History:
    """The history of a region's published declaration and vision revisions (already read,
    or querysets: then one query each)."""
    publications = [publication_of(DECLARATION, r) for r in declarations]
    publications += [publication_of(VISION, r) for r in visions]
    # Same moment: the declaration first, since a vision is read against it.
    publications.sort(key=lambda p: (p.published_at, p.document != DECLARATION, p.number))
    return History(tuple(publications))
