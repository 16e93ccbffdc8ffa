"""Site-wide: the latest publications (home page, Atom feed) and the overview figures."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models.functions import Coalesce

from declarations.lifecycle import Kind
from declarations.models import FieldChoices
from declarations.selectors import (
    current_declaration_revisions,
    published_declaration_revisions,
    published_fields,
)
from filing.fields import effective_fields
from projects.selectors import current_budget_by_project_and_year, current_project_counts
from public.selectors.history import DECLARATION, VISION, Publication, publication_of
from public.selectors.prefectures import area_members, covered_prefectures, prefectures
from visions.selectors import published_vision_revisions


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
        PublicationEvent(r.declaration.region.slug, r.region_name, publication_of(DECLARATION, r))
        for r in declarations
    ]
    events += [
        PublicationEvent(
            v.vision.region.slug,
            names.get(v.vision.region_id, v.vision.region.slug),
            publication_of(VISION, v),
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
    # field code → {年度: yen}; a project's budget counts under each of its own fields, or,
    # when it names none, under every field its region declares (ADR 0115).
    budget_by_field: dict[str, dict[int, int]]
    budget_by_year: dict[int, int]  # 年度 → yen, every project once
    fiscal_years: tuple[int, ...]


def overview() -> Overview:
    """Site-wide figures (six queries)."""
    current = list(current_declaration_revisions())
    active = {r.pk: r for r in current if r.kind != Kind.ABOLISHED}
    region_of = {r.pk: r.declaration.region_id for r in active.values()}
    members = area_members(active)
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
    for region_id, own, year, total in current_budget_by_project_and_year():
        if region_id not in active_regions:
            continue
        by_year[year] = by_year.get(year, 0) + total
        own = [code for code in own if code in by_field]  # a stray code is not counted
        for code in effective_fields(own, fields_of_region[region_id]):
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
