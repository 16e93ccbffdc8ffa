"""One region as the public saw it right after one publication (ten queries)."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from declarations.lifecycle import Kind
from declarations.models import (
    DeclarationField,
    DeclarationRevision,
    Member,
    MemberKindChoices,
    Region,
)
from declarations.selectors import published_declaration_revisions
from filing.data import Filing
from projects.models import Project
from projects.selectors import projects_with_details
from public.selectors.history import PUBLICATION_KEY_RE, History, Publication, history_of
from public.selectors.prefectures import PrefectureInfo, covered_prefectures, member_data
from reports.selectors import published_verifications
from support.request_selectors import published_requests
from visions.models import VisionRevision
from visions.selectors import published_vision_revisions_of
from workflow.adapter import filing_from_revisions

SLUG_RE = re.compile(r"\A[-a-zA-Z0-9_]{1,80}\Z", re.ASCII)


def is_slug(value) -> bool:
    """A region's slug can only be this (a NUL byte would even break PostgreSQL)."""
    return isinstance(value, str) and SLUG_RE.match(value) is not None


MEMBER_KIND_ORDER = [choice.value for choice in MemberKindChoices]


@dataclass(frozen=True)
class MemberGroup:
    kind: str
    label: str
    members: tuple[Member, ...]


@dataclass(frozen=True)
class RegionState:
    """A region as the public saw it right after one publication."""

    region: Region
    history: History
    publication: Publication  # the publication this state follows
    declaration: DeclarationRevision  # fields and members prefetched
    vision: VisionRevision | None  # projects and their rows prefetched
    filing: Filing
    prefectures: tuple[PrefectureInfo, ...]
    member_names: dict[str, str] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.region.slug

    @cached_property
    def verifications(self) -> list:
        """The region's published 検証 records, newest first, with their assessments (two
        queries, when the page shows them): the verification history (ADR 0105)."""
        return list(published_verifications(self.region))

    @cached_property
    def support_requests(self) -> list:
        """The region's requests for new support measures a reviewer published with their
        outcome (ADR 0116), newest first; never a request that is not published."""
        return published_requests(self.region)

    @property
    def is_current(self) -> bool:
        return self.publication == self.history.latest

    @property
    def is_abolished(self) -> bool:
        return self.declaration.kind == Kind.ABOLISHED

    @property
    def declaration_publication(self) -> Publication:
        return self.history.state_at(self.publication.key)[0]

    @property
    def vision_publication(self) -> Publication | None:
        return self.history.state_at(self.publication.key)[1]

    @property
    def member_groups(self) -> tuple[MemberGroup, ...]:
        by_kind = defaultdict(list)
        for member in self.declaration.members.all():
            by_kind[member.kind].append(member)
        return tuple(
            MemberGroup(kind, MemberKindChoices(kind).label, tuple(by_kind[kind]))
            for kind in MEMBER_KIND_ORDER
            if by_kind[kind]
        )

    @property
    def projects(self) -> list[Project]:
        return list(self.vision.projects.all()) if self.vision is not None else []


def published_region(slug: str) -> Region | None:
    """The region, if it has at least one published declaration revision (one query)."""
    if not is_slug(slug):
        return None
    return (
        Region.objects.filter(slug=slug)
        .filter(
            Exists(published_declaration_revisions().filter(declaration__region=OuterRef("pk")))
        )
        .first()
    )


# What a state's two revisions show, prefetched on them in one plan (ADR 0131).
DECLARATION_PLAN = (
    Prefetch("fields", queryset=DeclarationField.objects.order_by("position", "pk")),
    Prefetch("members", queryset=Member.objects.order_by("position", "pk")),
)
VISION_PLAN = (Prefetch("projects", queryset=projects_with_details()),)


def region_state(slug: str, key: str | None = None) -> RegionState | None:
    """The region's state after publication ``key`` ("d2", "v1"; default: the latest),
    or ``None`` when there is no such published region or publication (ten queries).

    The region's published revisions are read once, whole: they give the region (none: no
    published region), its history and the state's two revisions, on which ``DECLARATION_PLAN``
    and ``VISION_PLAN`` prefetch what the page shows."""
    if key is not None and (not isinstance(key, str) or not PUBLICATION_KEY_RE.match(key)):
        return None
    if not is_slug(slug):
        return None
    declarations = {
        revision.pk: revision
        for revision in published_declaration_revisions()
        .filter(declaration__region__slug=slug)
        .select_related("declaration__region")
        .order_by("number")
    }
    if not declarations:
        return None
    region = next(iter(declarations.values())).declaration.region
    visions = {
        revision.pk: revision
        for revision in published_vision_revisions_of(region.pk).select_related("vision__region")
    }
    history = history_of(declarations.values(), visions.values())
    target = history.find(key) if key is not None else history.latest
    if target is None:
        return None
    state = history.state_at(target.key)
    if state is None:
        return None
    declaration_publication, vision_publication = state
    declaration = declarations[declaration_publication.pk]
    prefetch_related_objects([declaration], *DECLARATION_PLAN)
    vision = visions[vision_publication.pk] if vision_publication is not None else None
    if vision is not None:
        prefetch_related_objects([vision], *VISION_PLAN)
    return RegionState(
        region=region,
        history=history,
        publication=target,
        declaration=declaration,
        vision=vision,
        filing=filing_from_revisions(declaration, vision),
        prefectures=covered_prefectures(member_data(declaration.members.all())),
        member_names={m.key: m.name for m in declaration.members.all()},
    )
