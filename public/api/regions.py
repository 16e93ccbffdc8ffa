"""``/regions`` and one region: its current content, history, bundles, members,
projects and budgets. Unknown slugs and publication keys are 404."""

from django.http import QueryDict
from django.urls import reverse
from ninja import Query, Router
from ninja.errors import HttpError

from filing.bundle import filing_to_bundle
from public.api.payloads import (
    absolute,
    licence,
    member_out,
    prefectures_out,
    project_out,
    publication_out,
    target_results_out,
    year_amounts,
)
from public.api.schemas import (
    MAX_LIMIT,
    BundleOut,
    ErrorOut,
    MemberListOut,
    Page,
    PublicationListOut,
    RegionBudgetsOut,
    RegionDetailOut,
    RegionFilters,
    RegionListOut,
    RegionProjectListOut,
    RegionTargetsOut,
    ValidationErrorOut,
)
from public.cache import kept_response, region_stamp, site_stamp
from public.forms import common_list_query
from public.selectors.history import region_history
from public.selectors.region import published_region, region_state
from public.selectors.results import results_by_target, with_results
from public.selectors.search import search_regions
from public.selectors.summaries import field_label, region_summaries

router = Router()
NOT_FOUND = {404: ErrorOut}


def _state_or_404(slug: str, key: str | None = None):
    state = region_state(slug, key)
    if state is None:
        raise HttpError(404, "公表されている宣言リージョン（または版）が見つかりません。")
    return state


MAX_CACHED_OFFSET = 1000
_PAGE_PARAMETERS = {"limit": (1, MAX_LIMIT), "offset": (0, MAX_CACHED_OFFSET)}


def _page_parameters(query) -> QueryDict | None:
    """``query`` without its limit and offset, when each is given once as a plain number in
    the cached range (the first thousand); None when one is not."""
    rest = QueryDict(mutable=True)
    for name in query:
        values = query.getlist(name)
        if len(values) > 1:
            return None
        if name in _PAGE_PARAMETERS:
            low, high = _PAGE_PARAMETERS[name]
            value = values[0]
            if not (value.isascii() and value.isdigit()) or len(value) > len(str(high)):
                return None
            if str(int(value)) != value or not low <= int(value) <= high:
                return None
        else:
            rest[name] = values[0]
    return rest


def common_list_request(request) -> bool:
    """``/regions`` with no search words, one known filter at most, a known sort, and a
    limit and an offset (the first thousand) written as plain numbers: one of a bounded set
    of query strings, so the cache cannot be filled by made-up ones."""
    if "page" in request.GET:  # the HTML list's page number, not a parameter here
        return False
    rest = _page_parameters(request.GET)
    return rest is not None and common_list_query(rest)


def common_page_request(request) -> bool:
    """A site-wide list (``/members``, ``/projects``) with nothing but a plain limit and offset."""
    rest = _page_parameters(request.GET)
    return rest is not None and not rest


def no_query(request) -> bool:
    return not request.GET


# Answers kept as bytes by the publication stamp (ADR 0100, 0106), by the name of the URL.
KEPT_RESPONSES = {
    "region_list": kept_response(site_stamp, common=common_list_request),
    **{
        name: kept_response(region_stamp, common=no_query)
        for name in (
            "region_detail",
            "region_revisions",
            "region_bundle",
            "region_members",
            "region_projects",
            "region_budgets",
            "region_targets",
        )
    },
    "member_list": kept_response(site_stamp, common=common_page_request),
    "project_list": kept_response(site_stamp, common=common_page_request),
    "budgets": kept_response(site_stamp, common=no_query),
}


@router.get(
    "/regions",
    response={200: RegionListOut, 422: ValidationErrorOut},
    url_name="region_list",
    summary="宣言リージョンの一覧（検索・絞り込み）",
)
def region_list(request, filters: Query[RegionFilters], page: Query[Page]):
    # The list's common requests are answered from the cache as bytes, before this runs
    # (``KEPT_RESPONSES``, ADR 0100).
    revisions = search_regions(
        query=filters.q,
        prefecture=filters.prefecture,
        field=filters.field,
        member_kind=filters.kind,
        status=filters.status,
        sort=filters.sort,
        cluster_type=filters.cluster_type,
        strategic_field=filters.strategic_field,
    )
    count = revisions.count()
    summaries = region_summaries(revisions[page.offset : page.offset + page.limit])
    return {
        "license": licence(),
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "items": [
            {
                "slug": s.slug,
                "name": s.name,
                "status": "abolished" if s.is_abolished else "active",
                "declared_on": s.declared_on,
                "published_at": s.published_at,
                "prefectures": prefectures_out(s.prefectures),
                "fields": list(s.fields),
                "member_count": s.member_count,
                "project_count": s.project_count,
                "url": absolute(request, reverse("regions:detail", kwargs={"slug": s.slug})),
                "api_url": absolute(
                    request, reverse("api-1:region_detail", kwargs={"slug": s.slug})
                ),
            }
            for s in summaries
        ],
    }


@router.get(
    "/regions/{slug}",
    response={200: RegionDetailOut, **NOT_FOUND},
    url_name="region_detail",
    summary="宣言リージョンの現在の内容",
)
def region_detail(request, slug: str):
    state = _state_or_404(slug)
    declaration = state.declaration
    vision = state.vision_publication
    return {
        "license": licence(),
        "region": {
            "slug": state.slug,
            "name": declaration.region_name,
            "name_en": declaration.region_name_en,
            "status": "abolished" if state.is_abolished else "active",
            "area_note": declaration.area_note,
            "prefectures": prefectures_out(state.prefectures),
            "aspiration": declaration.aspiration,
            "aspiration_en": declaration.aspiration_en,
            "fields": [
                {
                    "code": entry.code,
                    "label": field_label(entry.code, entry.text),
                    "text": entry.text,
                }
                for entry in declaration.fields.all()
            ],
            "declared_on": declaration.declared_on,
            "declaration": publication_out(request, slug, state.declaration_publication),
            "vision": publication_out(request, slug, vision) if vision is not None else None,
            "member_count": len(declaration.members.all()),
            "project_count": len(state.projects),
            "url": absolute(request, reverse("regions:detail", kwargs={"slug": slug})),
        },
    }


@router.get(
    "/regions/{slug}/revisions",
    response={200: PublicationListOut, **NOT_FOUND},
    url_name="region_revisions",
    summary="宣言リージョンの公表の履歴（古い順）",
)
def region_revisions(request, slug: str):
    region = published_region(slug)
    if region is None:
        raise HttpError(404, "公表されている宣言リージョンが見つかりません。")
    history = region_history(region.pk)
    return {
        "license": licence(),
        "region": slug,
        "items": [publication_out(request, slug, p) for p in history.states],
    }


@router.get(
    "/regions/{slug}/revisions/{key}",
    response={200: BundleOut, **NOT_FOUND},
    url_name="region_bundle",
    summary="ある公表の時点のリージョン・バンドル（DESIGN.md の形式）",
)
def region_bundle(request, slug: str, key: str):
    state = _state_or_404(slug, key)
    return {
        "license": licence(),
        "region": slug,
        "publication": publication_out(request, slug, state.publication),
        "bundle": filing_to_bundle(state.filing),
    }


@router.get(
    "/regions/{slug}/members",
    response={200: MemberListOut, **NOT_FOUND},
    url_name="region_members",
    summary="宣言リージョンの構成団体（現在の連携宣言書）",
)
def region_members(request, slug: str):
    state = _state_or_404(slug)
    return {
        "license": licence(),
        "region": slug,
        "items": [member_out(m) for m in state.declaration.members.all()],
    }


@router.get(
    "/regions/{slug}/projects",
    response={200: RegionProjectListOut, **NOT_FOUND},
    url_name="region_projects",
    summary="宣言リージョンのプロジェクト（現在の連携ビジョン）",
)
def region_projects(request, slug: str):
    state = _state_or_404(slug)
    return {
        "license": licence(),
        "region": slug,
        "items": [
            project_out(slug, number, project, state.member_names)
            for number, project in enumerate(state.projects, start=1)
        ],
    }


@router.get(
    "/regions/{slug}/budgets",
    response={200: RegionBudgetsOut, **NOT_FOUND},
    url_name="region_budgets",
    summary="宣言リージョンの年度別事業費",
)
def region_budgets(request, slug: str):
    state = _state_or_404(slug)
    by_year: dict[int, int] = {}
    projects = []
    for project in state.projects:
        lines = [(line.fiscal_year, line.amount) for line in project.budget_lines.all()]
        if project.has_budget:
            for year, amount in lines:
                by_year[year] = by_year.get(year, 0) + amount
        projects.append(
            {
                "project": project.name,
                "total": project.budget_total if project.has_budget else None,
                "by_fiscal_year": [
                    {"fiscal_year": year, "amount": amount}
                    for year, amount in (lines if project.has_budget else [])
                ],
            }
        )
    return {
        "license": licence(),
        "region": slug,
        "total": sum(by_year.values()),
        "by_fiscal_year": year_amounts(by_year),
        "projects": projects,
    }


@router.get(
    "/regions/{slug}/targets",
    response={200: RegionTargetsOut, **NOT_FOUND},
    url_name="region_targets",
    summary="宣言リージョンの目標（指標）と公表された年度ごとの実績",
)
def region_targets(request, slug: str):
    state = _state_or_404(slug)
    vision = state.vision_publication
    results = results_by_target([state.vision.vision_id]) if state.vision is not None else {}
    return {
        "license": licence(),
        "region": slug,
        "vision": publication_out(request, slug, vision) if vision is not None else None,
        "items": [
            {
                "number": number,
                "project": project.name,
                "targets": [
                    target_results_out(request, slug, entry)
                    for entry in with_results(project, results)
                ],
            }
            for number, project in enumerate(state.projects, start=1)
        ],
    }
