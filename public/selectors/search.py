"""Searching the current published data: regions, members and projects.

A query is folded (NFKC), split into words, and each word matches in hiragana,
katakana and as typed; a kana word also finds a municipality or prefecture by the
master data's よみがな, so 「さっぽろ」「サッポロ」「札幌」 all find 札幌市.

The region search reads one precomputed, folded text per region (``RegionSearchText``,
written at each publication by ``public.search_index``; ADR 0100); members and projects
are searched in their own tables.
"""

import re
import unicodedata

from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce, NullIf

from declarations.lifecycle import Kind
from declarations.models import (
    DeclarationField,
    FieldChoices,
    Member,
    MemberKindChoices,
    Municipality,
    Prefecture,
)
from declarations.selectors import current_declaration_revisions
from filing.data import MemberKind
from filing.master import normalize_kana
from projects.models import PROJECT_CHILDREN, Project
from public.models import RegionSearchText
from public.search_index import fold
from public.selectors.prefectures import prefectures
from visions.selectors import current_vision_revisions

# 名称順 is 五十音順: by the よみがな (hiragana), a region without one by its name (ADR 0087).
READING = Coalesce(NullIf("region_name_kana", Value("")), "region_name")
SORTS = {
    "name": (READING, "region_name", "declaration__region__slug"),
    "published": (F("published_at").desc(nulls_last=True), READING),
    "declared": (F("declared_on").desc(nulls_last=True), READING),
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


def _prefecture_condition(code: str) -> Exists:
    return Exists(
        Member.objects.filter(revision=OuterRef("pk")).filter(
            Q(kind__in=[MemberKind.PREFECTURE, MemberKind.MUNICIPALITY], lg_code__startswith=code)
            | Q(kind=MemberKind.OTHER_LOCAL_GOVERNMENT, area_prefectures__icontains=f'"{code}"')
        )
    )


def _region_text_condition(term: str) -> Q:
    """One word in the region's precomputed search text (``RegionSearchText``, ADR 0100):
    the name, よみがな, aspiration, area, fields, members and their master よみがな and the
    project names of the current publication, folded like the word."""
    return Q(
        declaration__region_id__in=RegionSearchText.objects.filter(
            text__contains=fold(term)
        ).values("region_id")
    )


def search_regions(
    *,
    query: str = "",
    prefecture: str = "",
    field: str = "",
    member_kind: str = "",
    status: str = "",
    sort: str = "name",
    cluster_type: str = "",
    strategic_field: str = "",
):
    """The current published declaration revisions that match; a queryset. ``cluster_type``
    and ``strategic_field`` (ADR 0121): the region's current published vision has a project
    that carries it (a code the form or the API has checked)."""
    revisions = current_declaration_revisions()
    for term in search_terms(query):
        revisions = revisions.filter(_region_text_condition(term))
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
    if cluster_type or strategic_field:
        revisions = revisions.filter(
            Exists(
                strategy_projects(cluster_type, strategic_field).filter(
                    revision__vision__region_id=OuterRef("declaration__region_id")
                )
            )
        )
    if status == STATUS_ACTIVE:
        revisions = revisions.exclude(kind=Kind.ABOLISHED)
    elif status == STATUS_ABOLISHED:
        revisions = revisions.filter(kind=Kind.ABOLISHED)
    return revisions.order_by(*SORTS.get(sort, SORTS["name"]))


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


def strategy_projects(cluster_type: str = "", strategic_field: str = ""):
    """Projects of the current published vision revisions that carry ``cluster_type`` and
    ``strategic_field`` (either may be "", ADR 0121). The 戦略分野 are looked for as a quoted
    code in the JSON list, which SQLite and PostgreSQL both answer."""
    projects = Project.objects.filter(revision__in=current_vision_revisions().values("pk"))
    if cluster_type:
        projects = projects.filter(cluster_type=cluster_type)
    if strategic_field:
        projects = projects.filter(strategic_fields__icontains=f'"{strategic_field}"')
    return projects


def search_projects(*, query: str = "", cluster_type: str = "", strategic_field: str = ""):
    """Projects of the current published vision revisions of the regions that are not
    abolished, with their rows (targets included) prefetched; ``cluster_type`` and
    ``strategic_field`` narrow them to the projects that carry it (ADR 0121)."""
    projects = (
        Project.objects.filter(
            revision__in=current_vision_revisions().values("pk"),
            revision__vision__region_id__in=active_region_ids(),
        )
        .select_related("revision__vision__region")
        .prefetch_related(*PROJECT_CHILDREN)
    )
    if cluster_type or strategic_field:
        projects = projects.filter(
            pk__in=strategy_projects(cluster_type, strategic_field).values("pk")
        )
    for term in search_terms(query):
        condition = Q()
        for variant in _variants(term):
            condition |= Q(name__icontains=variant) | Q(content__icontains=variant)
        projects = projects.filter(condition)
    return projects.order_by("revision__vision__region__slug", "position", "pk")
