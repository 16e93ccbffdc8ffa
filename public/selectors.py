"""What the public sees, put together from the apps' public selectors (STYLE.md §6).

Every public view, feed, CSV and API endpoint reads through this module (or the
``published_*``/``current_*`` selectors of the apps), and everything here keeps to
*published* revisions: never a draft, a submitted, returned or accepted-but-not-yet-
published revision, a reviewer's comment, or who moved a status.

A region's history is the list of its publications (公表): each published declaration
revision and each published vision revision, in the order they were published. The
*state* at a publication is what the public saw right after it: the latest declaration
revision and the latest vision revision published by then. The current state is the
state at the latest publication. A region whose current declaration revision is an
abolition (廃止) is shown as abolished, with its history.

Query counts do not grow with members or projects: a region state takes twelve queries,
a page of the region list four, whatever their sizes.
"""

import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache

from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import Kind, Status
from declarations.models import (
    DeclarationField,
    DeclarationRevision,
    FieldChoices,
    Member,
    MemberKindChoices,
    Municipality,
    Prefecture,
    Region,
)
from declarations.selectors import (
    current_declaration_revisions,
    published_declaration_revisions,
    published_declaration_revisions_of,
    published_fields,
    published_members,
)
from declarations.selectors import master_data as master_data_from_db
from filing.data import FieldCode, Filing, MasterData, MemberKind
from filing.master import normalize_kana
from filing.rules.declaration import local_government_area
from projects.models import Project
from projects.selectors import (
    current_budget_by_region_and_year,
    current_project_counts,
    published_vision_revision_loaded,
)
from visions.models import VisionRevision
from visions.selectors import (
    current_vision_revisions,
    published_vision_revisions,
    published_vision_revisions_of,
)
from workflow.adapter import filing_from_revisions

DECLARATION = "declaration"
VISION = "vision"
PUBLICATION_KEY_RE = re.compile(r"\A([dv])([1-9][0-9]{0,8})\Z", re.ASCII)
SLUG_RE = re.compile(r"\A[-a-zA-Z0-9_]{1,80}\Z", re.ASCII)


def is_slug(value) -> bool:
    """A region's slug can only be this (a NUL byte would even break PostgreSQL)."""
    return isinstance(value, str) and SLUG_RE.match(value) is not None


# ---------------------------------------------------------------- master data (cached)


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
_master_cache: dict[str, object] = {}


def master() -> MasterData:
    """The master data (47 prefectures, 1,741 municipalities), read once per process:
    it is loaded by a data migration and never changes while the site runs."""
    with _master_lock:
        if "master" not in _master_cache:
            _master_cache["master"] = master_data_from_db()
        return _master_cache["master"]


def prefectures() -> dict[str, PrefectureInfo]:
    """JIS code → prefecture, in JIS order (read once per process)."""
    with _master_lock:
        if "prefectures" not in _master_cache:
            _master_cache["prefectures"] = {
                p.code: PrefectureInfo(p.code, p.lg_code, p.name, p.kana, p.name_en)
                for p in Prefecture.objects.order_by("code")
            }
        return _master_cache["prefectures"]


def clear_master_cache() -> None:
    with _master_lock:
        _master_cache.clear()


def covered_prefectures(members) -> tuple[PrefectureInfo, ...]:
    """The local governments' area (DESIGN.md), as prefectures in JIS order."""
    area = local_government_area(members, master())
    known = prefectures()
    return tuple(known[code] for code in sorted(area.prefectures) if code in known)


# ---------------------------------------------------------------- publications


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


def _publication(document: str, revision) -> Publication:
    return Publication(
        document=document,
        number=revision.number,
        kind=revision.kind,
        is_minor=revision.is_minor,
        consulted_on=revision.consulted_on,
        reason=revision.reason,
        published_at=_moment(revision),
        pk=revision.pk,
    )


_PUBLICATION_FIELDS = (
    "pk",
    "number",
    "kind",
    "is_minor",
    "consulted_on",
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
    declarations = published_declaration_revisions_of(region_id).only(*_PUBLICATION_FIELDS)
    visions = published_vision_revisions_of(region_id).only(*_PUBLICATION_FIELDS)
    publications = [_publication(DECLARATION, r) for r in declarations]
    publications += [_publication(VISION, r) for r in visions]
    # Same moment: the declaration first, since a vision is read against it.
    publications.sort(key=lambda p: (p.published_at, p.document != DECLARATION, p.number))
    return History(tuple(publications))


# ---------------------------------------------------------------- a region's state


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


def _declaration_loaded(pk: int) -> DeclarationRevision | None:
    return (
        published_declaration_revisions()
        .select_related("declaration__region")
        .prefetch_related(
            Prefetch("fields", queryset=DeclarationField.objects.order_by("position", "pk")),
            Prefetch("members", queryset=Member.objects.order_by("position", "pk")),
        )
        .filter(pk=pk)
        .first()
    )


def region_state(slug: str, key: str | None = None) -> RegionState | None:
    """The region's state after publication ``key`` ("d2", "v1"; default: the latest),
    or ``None`` when there is no such published region or publication (twelve queries)."""
    if key is not None and (not isinstance(key, str) or not PUBLICATION_KEY_RE.match(key)):
        return None
    region = published_region(slug)
    if region is None:
        return None
    history = region_history(region.pk)
    target = history.find(key) if key is not None else history.latest
    if target is None:
        return None
    state = history.state_at(target.key)
    if state is None:
        return None
    declaration_publication, vision_publication = state
    declaration = _declaration_loaded(declaration_publication.pk)
    vision = (
        published_vision_revision_loaded(vision_publication.pk)
        if vision_publication is not None
        else None
    )
    if declaration is None:
        return None
    return RegionState(
        region=region,
        history=history,
        publication=target,
        declaration=declaration,
        vision=vision,
        filing=filing_from_revisions(declaration, vision),
        prefectures=covered_prefectures(_member_data(declaration.members.all())),
        member_names={m.key: m.name for m in declaration.members.all()},
    )


def _member_data(members):
    from filing.data import MemberData

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


# ---------------------------------------------------------------- freshness stamps


# These two run on every public request (ETag, Last-Modified, cache keys), so they are
# one hand-written query each rather than two ORM aggregates: the SQL is built once from
# the models' table names and runs the same on SQLite and PostgreSQL.


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@cache
def _stamp_sql() -> tuple[str, str]:
    from declarations.models import Declaration
    from visions.models import Vision

    declarations, revisions = _table(Declaration), _table(DeclarationRevision)
    visions, vision_revisions, regions = _table(Vision), _table(VisionRevision), _table(Region)
    moment = "COALESCE(r.published_at, r.updated_at)"
    region = (
        f"SELECT MAX(t) FROM ("
        f"SELECT {moment} AS t FROM {revisions} r "
        f"INNER JOIN {declarations} d ON r.declaration_id = d.id "
        f"INNER JOIN {regions} g ON d.region_id = g.id "
        f"WHERE g.slug = %s AND r.status = %s "
        f"UNION ALL "
        f"SELECT {moment} AS t FROM {vision_revisions} r "
        f"INNER JOIN {visions} v ON r.vision_id = v.id "
        f"INNER JOIN {regions} g ON v.region_id = g.id "
        f"WHERE g.slug = %s AND r.status = %s AND EXISTS ("
        f"SELECT 1 FROM {revisions} p INNER JOIN {declarations} pd ON p.declaration_id = pd.id "
        f"WHERE pd.region_id = g.id AND p.status = %s)"
        f") stamps"
    )
    site = (
        f"SELECT MAX(t) FROM ("
        f"SELECT {moment} AS t FROM {revisions} r WHERE r.status = %s "
        f"UNION ALL "
        f"SELECT {moment} AS t FROM {vision_revisions} r WHERE r.status = %s"
        f") stamps"
    )
    return region, site


def _as_datetime(value) -> datetime | None:
    """A MAX() of a datetime column: a datetime on PostgreSQL, text on SQLite (UTC)."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed


def region_stamp(slug: str) -> datetime | None:
    """When the region's public content last changed: its latest publication (one query).
    ``None`` when the region has no published declaration revision."""
    if not is_slug(slug):
        return None
    published = str(Status.PUBLISHED)
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql()[0], [slug, published, slug, published, published])
        row = cursor.fetchone()
    return _as_datetime(row[0]) if row else None


def site_stamp() -> datetime | None:
    """The latest publication anywhere (one query)."""
    published = str(Status.PUBLISHED)
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql()[1], [published, published])
        row = cursor.fetchone()
    return _as_datetime(row[0]) if row else None


# ---------------------------------------------------------------- search and list


SORTS = {
    "name": ("region_name", "declaration__region__slug"),
    "published": (F("published_at").desc(nulls_last=True), "region_name"),
    "declared": (F("declared_on").desc(nulls_last=True), "region_name"),
}
STATUS_ACTIVE = "active"
STATUS_ABOLISHED = "abolished"
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def search_terms(query: str, *, limit: int = 10) -> list[str]:
    """The words of a query: NFKC-folded (full-width space and letters), control
    characters dropped, split on spaces; at most ``limit`` words."""
    text = unicodedata.normalize("NFKC", query or "")
    text = _CONTROL_RE.sub(" ", text)
    return [term for term in text.split() if term][:limit]


def _variants(term: str) -> list[str]:
    hiragana = normalize_kana(term)
    variants = [term, hiragana, to_katakana(hiragana)]
    return list(dict.fromkeys(v for v in variants if v))


def _term_condition(term: str) -> Q:
    variants = _variants(term)
    hiragana = normalize_kana(term)
    text = Q()
    member = Q()
    project = Q()
    for variant in variants:
        text |= (
            Q(region_name__icontains=variant)
            | Q(aspiration__icontains=variant)
            | Q(area_note__icontains=variant)
            | Q(declaration__region__slug__icontains=variant)
        )
        member |= Q(name__icontains=variant)
        project |= Q(name__icontains=variant)
    # A kana (or kanji) query finds a municipality or prefecture by the master data's
    # よみがな, so 「さっぽろ」「サッポロ」「札幌」 all find the member 札幌市.
    member |= Q(
        lg_code__in=Municipality.objects.filter(
            Q(kana__contains=hiragana) | Q(name__contains=term)
        ).values("lg_code")
    )
    member |= Q(
        lg_code__in=Prefecture.objects.filter(
            Q(kana__contains=hiragana) | Q(name__contains=term)
        ).values("lg_code")
    )
    members = Member.objects.filter(member, revision=OuterRef("pk"))
    projects = Project.objects.filter(
        project,
        revision__in=current_vision_revisions().values("pk"),
        revision__vision__region=OuterRef("declaration__region"),
    )
    return text | Exists(members) | Exists(projects)


def _prefecture_condition(code: str) -> Exists:
    return Exists(
        Member.objects.filter(revision=OuterRef("pk")).filter(
            Q(
                kind__in=[MemberKind.PREFECTURE, MemberKind.MUNICIPALITY],
                lg_code__startswith=code,
            )
            | Q(kind=MemberKind.OTHER_LOCAL_GOVERNMENT, area_prefectures__icontains=f'"{code}"')
        )
    )


def search_regions(
    *,
    query: str = "",
    prefecture: str = "",
    field: str = "",
    member_kind: str = "",
    status: str = "",
    sort: str = "name",
):
    """The current published declaration revisions that match; a queryset."""
    revisions = current_declaration_revisions()
    for term in search_terms(query):
        revisions = revisions.filter(_term_condition(term))
    if prefecture in prefectures():
        revisions = revisions.filter(_prefecture_condition(prefecture))
    if field in FieldChoices.values:
        revisions = revisions.filter(
            Exists(DeclarationField.objects.filter(revision=OuterRef("pk"), code=field))
        )
    if member_kind in MemberKindChoices.values:
        revisions = revisions.filter(
            Exists(Member.objects.filter(revision=OuterRef("pk"), kind=member_kind))
        )
    if status == STATUS_ACTIVE:
        revisions = revisions.exclude(kind=Kind.ABOLISHED)
    elif status == STATUS_ABOLISHED:
        revisions = revisions.filter(kind=Kind.ABOLISHED)
    return revisions.order_by(*SORTS.get(sort, SORTS["name"]))


@dataclass(frozen=True)
class RegionSummary:
    slug: str
    name: str
    is_abolished: bool
    declared_on: date | None
    published_at: datetime | None
    aspiration: str
    prefectures: tuple[PrefectureInfo, ...]
    fields: tuple[str, ...]
    member_count: int
    project_count: int


def field_label(code: str, text: str = "") -> str:
    if code == FieldCode.OTHER:
        return _("その他（%(text)s）") % {"text": text} if text else str(_("その他"))
    return str(FieldChoices(code).label)


def _area_members(revision_ids) -> dict[int, list]:
    """Revision id → its members as ``MemberData`` with what the area needs (one query;
    plain rows, not model instances: a page of the list reads a thousand of them)."""
    from filing.data import MemberData

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


def region_summaries(revisions) -> list[RegionSummary]:
    """Summaries of the given current declaration revisions (three queries)."""
    revisions = list(revisions)
    ids = [r.pk for r in revisions]
    members = _area_members(ids)
    fields = defaultdict(list)
    for entry in published_fields(ids):
        fields[entry.revision_id].append(field_label(entry.code, entry.text))
    project_counts = current_project_counts(region_ids=[r.declaration.region_id for r in revisions])
    return [
        RegionSummary(
            slug=r.declaration.region.slug,
            name=r.region_name,
            is_abolished=r.kind == Kind.ABOLISHED,
            declared_on=r.declared_on,
            published_at=r.published_at,
            aspiration=r.aspiration,
            prefectures=covered_prefectures(members[r.pk]),
            fields=tuple(fields[r.pk]),
            member_count=len(members[r.pk]),
            project_count=project_counts.get(r.declaration.region_id, 0),
        )
        for r in revisions
    ]


# ---------------------------------------------------------------- site-wide


@dataclass(frozen=True)
class PublicationEvent:
    """A publication anywhere, for the home page and the Atom feed."""

    slug: str
    region_name: str
    publication: Publication


def latest_publications(limit: int = 10) -> list[PublicationEvent]:
    """The latest ``limit`` publications of any region, newest first (three queries)."""
    moment = Coalesce("published_at", "updated_at")
    declarations = list(
        published_declaration_revisions()
        .select_related("declaration__region")
        .annotate(moment=moment)
        .order_by("-moment", "-pk")[:limit]
    )
    visions = list(
        published_vision_revisions()
        .select_related("vision__region")
        .annotate(moment=moment)
        .order_by("-moment", "-pk")[:limit]
    )
    names = {
        r.declaration.region_id: r.region_name
        for r in current_declaration_revisions().filter(
            declaration__region_id__in={v.vision.region_id for v in visions}
        )
    }
    events = [
        PublicationEvent(r.declaration.region.slug, r.region_name, _publication(DECLARATION, r))
        for r in declarations
    ]
    events += [
        PublicationEvent(
            v.vision.region.slug,
            names.get(v.vision.region_id, v.vision.region.slug),
            _publication(VISION, v),
        )
        for v in visions
    ]
    events.sort(key=lambda e: (e.publication.published_at, e.publication.pk), reverse=True)
    return events[:limit]


@dataclass(frozen=True)
class Overview:
    """Counts, coverage and budgets over every region that is declared (not abolished)."""

    region_count: int
    abolished_count: int
    member_count: int
    project_count: int
    budget_total: int
    # JIS code → [(slug, region name)], for every prefecture (empty list when none).
    coverage: dict[str, list[tuple[str, str]]]
    # field code → {年度: yen}; a project's budget counts for every field its region declares.
    budget_by_field: dict[str, dict[int, int]]
    budget_by_year: dict[int, int]  # 年度 → yen, every project once
    fiscal_years: tuple[int, ...]


def overview() -> Overview:
    """Site-wide figures (five queries)."""
    current = list(current_declaration_revisions())
    active = {r.pk: r for r in current if r.kind != Kind.ABOLISHED}
    region_of = {r.pk: r.declaration.region_id for r in active.values()}
    members = _area_members(active)
    coverage: dict[str, list[tuple[str, str]]] = {code: [] for code in prefectures()}
    for pk, revision in sorted(active.items(), key=lambda item: item[1].region_name):
        for prefecture in covered_prefectures(members[pk]):
            coverage[prefecture.code].append(
                (revision.declaration.region.slug, revision.region_name)
            )
    fields_of_region = defaultdict(set)
    for entry in published_fields(active):
        fields_of_region[region_of[entry.revision_id]].add(entry.code)
    active_regions = set(region_of.values())
    by_field: dict[str, dict[int, int]] = {code: {} for code in FieldChoices.values}
    by_year: dict[int, int] = {}
    for region_id, year, total in current_budget_by_region_and_year():
        if region_id not in active_regions:
            continue
        by_year[year] = by_year.get(year, 0) + total
        for code in fields_of_region[region_id]:
            by_field[code][year] = by_field[code].get(year, 0) + total
    project_counts = current_project_counts(region_ids=active_regions)
    return Overview(
        region_count=len(active),
        abolished_count=len(current) - len(active),
        member_count=sum(len(m) for m in members.values()),
        project_count=sum(project_counts.values()),
        budget_total=sum(by_year.values()),
        coverage=coverage,
        budget_by_field=by_field,
        budget_by_year=by_year,
        fiscal_years=tuple(sorted(by_year)),
    )


# ---------------------------------------------------------------- members and projects


def _member_term_condition(term: str) -> Q:
    hiragana = normalize_kana(term)
    condition = Q()
    for variant in _variants(term):
        condition |= Q(name__icontains=variant)
    condition |= Q(
        lg_code__in=Municipality.objects.filter(
            Q(kana__contains=hiragana) | Q(name__contains=term)
        ).values("lg_code")
    )
    condition |= Q(
        lg_code__in=Prefecture.objects.filter(
            Q(kana__contains=hiragana) | Q(name__contains=term)
        ).values("lg_code")
    )
    return condition


def search_members(*, query: str = "", member_kind: str = "", prefecture: str = ""):
    """Members of every region's current published declaration revision (abolished
    regions included: their revision says so), with their revision and region."""
    members = Member.objects.filter(
        revision__in=current_declaration_revisions().values("pk")
    ).select_related("revision__declaration__region")
    for term in search_terms(query):
        members = members.filter(_member_term_condition(term))
    if member_kind in MemberKindChoices.values:
        members = members.filter(kind=member_kind)
    if prefecture in prefectures():
        members = members.filter(
            Q(
                kind__in=[MemberKind.PREFECTURE, MemberKind.MUNICIPALITY],
                lg_code__startswith=prefecture,
            )
            | Q(
                kind=MemberKind.OTHER_LOCAL_GOVERNMENT,
                area_prefectures__icontains=f'"{prefecture}"',
            )
            | Q(
                kind=MemberKind.ECONOMIC_ORGANIZATION,
                activity_prefectures__icontains=f'"{prefecture}"',
            )
        )
    return members.order_by("revision__declaration__region__slug", "position", "pk")


def active_region_ids():
    """Ids of the regions whose current declaration revision is not an abolition."""
    return (
        current_declaration_revisions()
        .exclude(kind=Kind.ABOLISHED)
        .values("declaration__region_id")
    )


def search_projects(*, query: str = ""):
    """Projects of the current published vision revisions of the regions that are not
    abolished, with their rows prefetched."""
    projects = (
        Project.objects.filter(
            revision__in=current_vision_revisions().values("pk"),
            revision__vision__region_id__in=active_region_ids(),
        )
        .select_related("revision__vision__region")
        .prefetch_related("implementers", "plan_references", "budget_lines", "milestones")
    )
    for term in search_terms(query):
        condition = Q()
        for variant in _variants(term):
            condition |= Q(name__icontains=variant) | Q(content__icontains=variant)
        projects = projects.filter(condition)
    return projects.order_by("revision__vision__region__slug", "position", "pk")


def current_region_names(region_ids) -> dict[int, str]:
    """Region id → the name in its current published declaration revision (one query)."""
    return dict(
        current_declaration_revisions()
        .filter(declaration__region_id__in=list(region_ids))
        .values_list("declaration__region_id", "region_name")
    )


def current_member_names(region_ids) -> dict[int, dict[str, str]]:
    """Region id → {member key → name} from the current declaration revisions (one query)."""
    names: dict[int, dict[str, str]] = defaultdict(dict)
    rows = Member.objects.filter(
        revision__in=current_declaration_revisions().values("pk"),
        revision__declaration__region_id__in=list(region_ids),
    ).values_list("revision__declaration__region_id", "key", "name")
    for region_id, key, name in rows:
        names[region_id][key] = name
    return names
