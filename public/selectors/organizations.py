"""Where regions overlap (要綱 第3(3) なお書き: a member may join several regions; ADR 0122).

One organisation across regions is one **public id**, worked out from what each region's
published ``Member`` row says (never from the ``Organization`` rows, which any draft creates):

* ``lg-<団体コード>``: a prefecture or municipality whose 全国地方公共団体コード is in the
  master data;
* ``cn-<法人番号>``: a member carrying its 13-digit 法人番号 (``Member.corporate_number``, ADR
  0123); a member written without it but with the same kind and name joins it (and the
  kind-and-name id answers with a redirect to it);
* ``<kind>-<12 hex>``: otherwise, the kind and the name as a key (NFKC, no white space,
  case folded), hashed so the address stays short and ASCII.

Everything here reads the *current* published declaration and vision revisions of every
region in three queries, whatever the number of regions or members (``national``), and keeps
to published states only. A region whose current declaration is an abolition (廃止) is
listed on an organisation's page as abolished but covers nothing and shares nothing.
"""

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from declarations.lifecycle import Kind
from declarations.models import Member, MemberKindChoices
from declarations.selectors import current_declaration_revisions, master_data
from filing.data import MemberData, MemberKind
from projects.models import Implementer, Project
from public.selectors.prefectures import PrefectureInfo, covered_prefectures, prefectures
from visions.selectors import current_vision_revisions

LG_KINDS = frozenset({MemberKind.PREFECTURE.value, MemberKind.MUNICIPALITY.value})
ID_RE = re.compile(r"\A(?:lg-[0-9]{6}|cn-[0-9]{13}|[a-z_]{2,40}-[0-9a-f]{12})\Z", re.ASCII)
CORPORATE_RE = re.compile(r"\A[0-9]{13}\Z", re.ASCII)


def is_organization_id(value) -> bool:
    return isinstance(value, str) and ID_RE.match(value) is not None


def name_key(name: str) -> str:
    """A name as a key: NFKC (full-width letters and digits, the ideographic space), no white
    space at all, case folded: 「瀬戸内　経済連合会」 and 「瀬戸内経済連合会」 are one."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def name_id(kind: str, name: str) -> str:
    digest = hashlib.sha256(f"{kind}\x1f{name_key(name)}".encode()).hexdigest()
    return f"{kind}-{digest[:12]}"


def organization_id(kind: str, name: str, lg_code: str = "", corporate_number: str = "") -> str:
    """The public id of a member as written in a region (see the module's text)."""
    if kind in LG_KINDS and lg_code:
        master = master_data()
        known = (
            master.prefecture_lg_codes if kind == MemberKind.PREFECTURE else master.municipalities
        )
        if lg_code in known:
            return f"lg-{lg_code}"
    if corporate_number and CORPORATE_RE.match(corporate_number):
        return f"cn-{corporate_number}"
    return name_id(kind, name)


# ---------------------------------------------------------------- the national picture


@dataclass(frozen=True)
class ProjectRef:
    number: int  # as numbered on the region's page (#project-<number>)
    name: str
    as_founder: bool = False  # a founder of the joint body that implements it (第4(2)③イ)


@dataclass(frozen=True)
class Membership:
    """One organisation in one region's current published declaration."""

    region_id: int
    slug: str
    region_name: str
    is_abolished: bool
    member_key: str
    name: str  # as the region writes it
    projects: tuple[ProjectRef, ...] = ()
    region_name_en: str = ""  # the region's optional English name (ADR 0124)


@dataclass(frozen=True)
class OrganizationInfo:
    id: str
    kind: str
    name: str  # the name most regions write
    lg_code: str
    memberships: tuple[Membership, ...]
    corporate_number: str = ""

    @property
    def kind_label(self) -> str:
        return str(MemberKindChoices(self.kind).label)

    @property
    def active(self) -> tuple[Membership, ...]:
        return tuple(m for m in self.memberships if not m.is_abolished)

    @property
    def prefecture(self) -> PrefectureInfo | None:
        """The prefecture of a local government known to the master data."""
        master = master_data()
        code = master.prefecture_lg_codes.get(self.lg_code)
        if code is None and self.lg_code in master.municipalities:
            code = master.municipalities[self.lg_code][1]
        return prefectures().get(code) if code else None


@dataclass(frozen=True)
class RegionInfo:
    id: int
    slug: str
    name: str
    reading: str
    is_abolished: bool
    prefectures: tuple[PrefectureInfo, ...]
    member_ids: dict[str, str] = field(default_factory=dict)  # member key → public id
    name_en: str = ""  # the optional English name (ADR 0124)


@dataclass(frozen=True)
class Shared:
    """Another region and what it shares with one region."""

    region: RegionInfo
    prefectures: tuple[PrefectureInfo, ...]
    organizations: tuple[OrganizationInfo, ...]


@dataclass(frozen=True)
class PrefectureCoverage:
    prefecture: PrefectureInfo
    regions: tuple[RegionInfo, ...]


@dataclass(frozen=True)
class National:
    regions: tuple[RegionInfo, ...]  # in 五十音順, the abolished ones included
    organizations: dict[str, OrganizationInfo]
    aliases: dict[str, str]  # a kind-and-name id → the 法人番号 id it joined

    def region(self, slug: str) -> RegionInfo | None:
        return next((r for r in self.regions if r.slug == slug), None)

    def organization(self, org_id: str) -> OrganizationInfo | None:
        return self.organizations.get(self.aliases.get(org_id, org_id))

    @property
    def active_regions(self) -> tuple[RegionInfo, ...]:
        return tuple(r for r in self.regions if not r.is_abolished)

    def coverage(self) -> list[PrefectureCoverage]:
        """Every prefecture (JIS order) with the regions whose area covers it."""
        by_code = defaultdict(list)
        for region in self.active_regions:
            for prefecture in region.prefectures:
                by_code[prefecture.code].append(region)
        return [PrefectureCoverage(p, tuple(by_code[p.code])) for p in prefectures().values()]

    def in_several(self) -> list[OrganizationInfo]:
        """The organisations that are members of two or more active regions, most first."""
        several = [o for o in self.organizations.values() if len(o.active) >= 2]
        return sorted(several, key=lambda o: (-len(o.active), name_key(o.name), o.id))

    def shared_with(self, slug: str) -> list[Shared]:
        """The other active regions sharing a prefecture or a member with region ``slug``."""
        this = self.region(slug)
        if this is None or this.is_abolished:
            return []
        own_codes = {p.code for p in this.prefectures}
        own_ids = set(this.member_ids.values())
        shared = []
        for other in self.active_regions:
            if other.slug == slug:
                continue
            common = tuple(p for p in other.prefectures if p.code in own_codes)
            ids = sorted(own_ids & set(other.member_ids.values()))
            if common or ids:
                organizations = tuple(self.organizations[i] for i in ids)
                shared.append(Shared(other, common, organizations))
        shared.sort(key=lambda s: (-len(s.organizations) - len(s.prefectures), s.region.reading))
        return shared


def _member_rows():
    """Every member of every region's current published declaration revision (one query)."""
    columns = [
        "revision__declaration__region_id",
        "revision__declaration__region__slug",
        "revision__region_name",
        "revision__region_name_kana",
        "revision__region_name_en",
        "revision__kind",
        "key",
        "name",
        "kind",
        "lg_code",
        "area_prefectures",
        "corporate_number",
    ]
    return (
        Member.objects.filter(revision__in=current_declaration_revisions().values("pk"))
        .order_by("revision__declaration__region_id", "position", "pk")
        .values_list(*columns)
    )


def _project_rows(region_ids) -> dict[int, list[tuple[int, str, list, tuple]]]:
    """Region id → its current vision's projects in page order as (pk, name, joint body
    founders, implementer member keys) (two queries)."""
    projects = list(
        Project.objects.filter(
            revision__in=current_vision_revisions().values("pk"),
            revision__vision__region_id__in=list(region_ids),
        )
        .order_by("revision__vision__region_id", "position", "pk")
        .values_list("revision__vision__region_id", "pk", "name", "joint_body_of")
    )
    keys = defaultdict(list)
    for project_id, key in (
        Implementer.objects.filter(project_id__in=[row[1] for row in projects])
        .exclude(member_key="")
        .order_by("project_id", "position", "pk")
        .values_list("project_id", "member_key")
    ):
        keys[project_id].append(key)
    by_region = defaultdict(list)
    for region_id, pk, name, founders in projects:
        by_region[region_id].append((pk, name, list(founders or ()), tuple(keys[pk])))
    return by_region


def national() -> National:
    """Every current published region, its members as organisations and their projects
    (three queries, whatever the number of regions, members and projects)."""
    rows = list(_member_rows())
    regions: dict[int, dict] = {}
    members = defaultdict(list)  # public id → [(region id, key, name, kind, lg_code, cn)]
    by_name_key = defaultdict(set)  # kind-and-name id → 法人番号 ids written with that name
    for row in rows:
        (region_id, slug, region_name, kana, name_en, kind_of_revision) = row[:6]
        key, name, kind, lg_code, area, corporate = row[6:]
        corporate = corporate or ""
        region = regions.setdefault(
            region_id,
            {
                "slug": slug,
                "name": region_name,
                "reading": kana or region_name,
                "name_en": name_en or "",
                "abolished": kind_of_revision == Kind.ABOLISHED,
                "members": [],
                "ids": {},
            },
        )
        region["members"].append(
            MemberData(key, name, MemberKind(kind), lg_code, tuple(area or ()))
        )
        org_id = organization_id(kind, name, lg_code, corporate)
        if org_id.startswith("cn-"):
            by_name_key[name_id(kind, name)].add(org_id)
        region["ids"][key] = org_id
        members[org_id].append((region_id, key, name, kind, lg_code, corporate))
    # A member written without its 法人番号 joins the one organisation with that kind and name.
    aliases = {
        plain: next(iter(numbered)) for plain, numbered in by_name_key.items() if len(numbered) == 1
    }
    for region in regions.values():
        region["ids"] = {k: aliases.get(i, i) for k, i in region["ids"].items()}
    for plain, numbered in aliases.items():
        members[numbered] += members.pop(plain, [])

    projects = _project_rows([r for r, d in regions.items() if not d["abolished"]])
    refs = defaultdict(list)  # (region id, member key) → ProjectRef
    for region_id, items in projects.items():
        for number, (_pk, name, founders, keys) in enumerate(items, start=1):
            for key in dict.fromkeys(keys):
                refs[(region_id, key)].append(ProjectRef(number, name))
            for key in dict.fromkeys(founders):
                if key not in keys:
                    refs[(region_id, key)].append(ProjectRef(number, name, as_founder=True))

    infos = {
        region_id: RegionInfo(
            id=region_id,
            slug=data["slug"],
            name=data["name"],
            reading=data["reading"],
            is_abolished=data["abolished"],
            prefectures=covered_prefectures(data["members"]) if not data["abolished"] else (),
            member_ids=data["ids"],
            name_en=data["name_en"],
        )
        for region_id, data in regions.items()
    }
    organizations = {}
    for org_id, entries in members.items():
        memberships = tuple(
            sorted(
                (
                    Membership(
                        region_id=region_id,
                        slug=infos[region_id].slug,
                        region_name=infos[region_id].name,
                        is_abolished=infos[region_id].is_abolished,
                        member_key=key,
                        name=name,
                        projects=tuple(refs.get((region_id, key), ())),
                        region_name_en=infos[region_id].name_en,
                    )
                    for region_id, key, name, _kind, _lg, _cn in entries
                ),
                key=lambda m: (m.is_abolished, infos[m.region_id].reading, m.slug),
            )
        )
        names = Counter(name for _r, _k, name, _kind, _lg, _cn in entries)
        first = entries[0]
        organizations[org_id] = OrganizationInfo(
            id=org_id,
            kind=first[3],
            name=names.most_common(1)[0][0],
            lg_code=first[4] if org_id.startswith("lg-") else "",
            memberships=memberships,
            corporate_number=org_id[3:] if org_id.startswith("cn-") else "",
        )
    ordered = tuple(sorted(infos.values(), key=lambda r: (r.reading, r.slug)))
    return National(ordered, organizations, aliases)


def published_organization(org_id: str) -> tuple[OrganizationInfo | None, National | None]:
    """The organisation with public id ``org_id`` and the national picture it was found in;
    ``(None, None)`` for an id that cannot be one (no query)."""
    if not is_organization_id(org_id):
        return None, None
    picture = national()
    return picture.organization(org_id), picture


def member_ids(members) -> dict[str, str]:
    """Member key → public id, for members of one revision (model rows; no query)."""
    ids = {}
    for m in members:
        ids[m.key] = organization_id(m.kind, m.name, m.lg_code, m.corporate_number or "")
    return ids
