"""The read-only open-data API, ``/api/v1/`` (django-ninja, OpenAPI 3.1 at
``/api/v1/openapi.json``).

Published data only: every endpoint reads through ``public.selectors``
(STYLE.md §6). Every response body carries the data licence (``license``), and so does
the OpenAPI document's ``info``. Bad input never answers 500: unknown slugs and
publication keys are 404, malformed query parameters 422, both declared.
"""

from datetime import date, datetime

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from pydantic import Field

from declarations.models import FieldChoices, MemberKindChoices
from filing.bundle import filing_to_bundle
from public import selectors
from public.charts import yen

MAX_LIMIT = 500
DEFAULT_LIMIT = 100


def _licence() -> dict:
    return {
        "name": settings.DATA_LICENCE["name"],
        "url": settings.DATA_LICENCE["url"],
        "attribution": f"{settings.PORTAL_NAME}",
    }


api = NinjaAPI(
    title="広域リージョン連携ポータル オープンデータ API",
    version="1",
    description=(
        "広域リージョン連携推進要綱に基づいて公表された連携宣言書・連携ビジョン・プロジェクトを、"
        "読み取り専用の JSON で提供します。公表された版だけを返します。"
        f"データは {settings.DATA_LICENCE['name']}（{settings.DATA_LICENCE['url']}）の条件で"
        f"利用できます。出典として「{settings.PORTAL_NAME}」と記載してください。"
    ),
    urls_namespace="api-1",
    docs_url=None,
    openapi_extra={
        "info": {
            "license": {
                "name": settings.DATA_LICENCE["name"],
                "url": settings.DATA_LICENCE["url"],
            },
        }
    },
)


# ---------------------------------------------------------------- schemas


class LicenseOut(Schema):
    name: str
    url: str
    attribution: str


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict]


class PrefectureOut(Schema):
    code: str = Field(description="JIS 都道府県コード（2桁）")
    name: str


class FieldOut(Schema):
    code: str = Field(description="industry / tourism / transport / other")
    label: str
    text: str = ""


class PublicationOut(Schema):
    key: str = Field(description="公表の識別子（d = 連携宣言書、v = 連携ビジョン、数字は版）")
    document: str
    number: int
    kind: str = Field(description="established（策定）/ changed（変更）/ abolished（廃止）")
    is_minor: bool
    consulted_on: date | None
    reason: str
    published_at: datetime
    bundle_url: str


class RegionSummaryOut(Schema):
    slug: str
    name: str
    status: str = Field(description="active（宣言中）/ abolished（廃止）")
    declared_on: date | None
    published_at: datetime | None
    prefectures: list[PrefectureOut]
    fields: list[str]
    member_count: int
    project_count: int
    url: str
    api_url: str


class RegionListOut(Schema):
    license: LicenseOut
    count: int
    limit: int
    offset: int
    items: list[RegionSummaryOut]


class MemberOut(Schema):
    key: str
    name: str
    kind: str
    kind_label: str
    lg_code: str
    area_prefectures: list[str]
    activity_prefectures: list[str]
    multi_industry: bool


class RegionOut(Schema):
    slug: str
    name: str
    status: str
    area_note: str
    prefectures: list[PrefectureOut]
    aspiration: str
    fields: list[FieldOut]
    declared_on: date | None
    declaration: PublicationOut
    vision: PublicationOut | None
    member_count: int
    project_count: int
    url: str


class RegionDetailOut(Schema):
    license: LicenseOut
    region: RegionOut


class PublicationListOut(Schema):
    license: LicenseOut
    region: str
    items: list[PublicationOut]


class BundleOut(Schema):
    license: LicenseOut
    region: str
    publication: PublicationOut
    bundle: dict = Field(description="DESIGN.md のリージョン・バンドル（この公表の時点）")


class MemberListOut(Schema):
    license: LicenseOut
    region: str
    items: list[MemberOut]


class BudgetLineOut(Schema):
    fiscal_year: int
    amount: int


class MilestoneOut(Schema):
    date: date | None
    target: str


class PlanReferenceOut(Schema):
    plan: str
    section: str
    note: str


class ProjectOut(Schema):
    region: str
    number: int
    name: str
    implementers: list[str]
    joint_body_of: list[str] | None
    plan_references: list[PlanReferenceOut]
    content: str
    has_budget: bool
    budget_total: int | None
    budget: list[BudgetLineOut]
    effects: str
    start: date | None
    end: date | None
    milestones: list[MilestoneOut]
    other: str


class ProjectListOut(Schema):
    license: LicenseOut
    count: int
    limit: int
    offset: int
    items: list[ProjectOut]


class RegionProjectListOut(Schema):
    license: LicenseOut
    region: str
    items: list[ProjectOut]


class MemberWithRegionOut(MemberOut):
    region: str
    region_name: str
    region_status: str


class AllMembersOut(Schema):
    license: LicenseOut
    count: int
    limit: int
    offset: int
    items: list[MemberWithRegionOut]


class YearAmountOut(Schema):
    fiscal_year: int
    amount: int
    amount_text: str


class ProjectBudgetOut(Schema):
    project: str
    total: int | None
    by_fiscal_year: list[BudgetLineOut]


class RegionBudgetsOut(Schema):
    license: LicenseOut
    region: str
    total: int
    by_fiscal_year: list[YearAmountOut]
    projects: list[ProjectBudgetOut]


class FieldBudgetOut(Schema):
    field: str
    label: str
    by_fiscal_year: list[YearAmountOut]


class BudgetsOut(Schema):
    license: LicenseOut
    note: str
    total: int
    by_fiscal_year: list[YearAmountOut]
    by_field: list[FieldBudgetOut]


class RootOut(Schema):
    name: str
    description: str
    license: LicenseOut
    openapi: str
    endpoints: dict[str, str]
    downloads: dict[str, str]


# ---------------------------------------------------------------- parameters


class Page(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10**9)


class RegionFilters(Schema):
    q: str = Field(
        "", max_length=200, description="キーワード（名称、目指すべき姿、構成団体、プロジェクト）"
    )
    prefecture: str = Field("", max_length=2, description="JIS 都道府県コード（2桁）")
    field: str = Field("", max_length=20)
    kind: str = Field("", max_length=40, description="構成団体の種別")
    status: str = Field("", max_length=20, description="active / abolished")
    sort: str = Field("name", max_length=20, description="name / published / declared")


class MemberFilters(Schema):
    q: str = Field("", max_length=200)
    kind: str = Field("", max_length=40)
    prefecture: str = Field("", max_length=2)


class ProjectFilters(Schema):
    q: str = Field("", max_length=200)


# ---------------------------------------------------------------- helpers


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _publication_out(request, slug: str, publication) -> dict:
    return {
        "key": publication.key,
        "document": publication.document,
        "number": publication.number,
        "kind": publication.kind,
        "is_minor": publication.is_minor,
        "consulted_on": publication.consulted_on,
        "reason": publication.reason,
        "published_at": publication.published_at,
        "bundle_url": _absolute(
            request, reverse("api-1:region_bundle", kwargs={"slug": slug, "key": publication.key})
        ),
    }


def _prefectures_out(prefectures) -> list[dict]:
    return [{"code": p.code, "name": p.name} for p in prefectures]


def _member_out(member) -> dict:
    return {
        "key": member.key,
        "name": member.name,
        "kind": member.kind,
        "kind_label": str(MemberKindChoices(member.kind).label),
        "lg_code": member.lg_code,
        "area_prefectures": list(member.area_prefectures or []),
        "activity_prefectures": list(member.activity_prefectures or []),
        "multi_industry": member.multi_industry,
    }


def _project_out(slug: str, number: int, project, names: dict[str, str]) -> dict:
    return {
        "region": slug,
        "number": number,
        "name": project.name,
        "implementers": [
            names.get(i.member_key, i.member_key) if i.member_key else i.name
            for i in project.implementers.all()
        ],
        "joint_body_of": (
            [names.get(key, key) for key in project.joint_body_of]
            if project.joint_body_of is not None
            else None
        ),
        "plan_references": [
            {"plan": r.plan, "section": r.section, "note": r.note}
            for r in project.plan_references.all()
        ],
        "content": project.content,
        "has_budget": project.has_budget,
        "budget_total": project.budget_total,
        "budget": [
            {"fiscal_year": line.fiscal_year, "amount": line.amount}
            for line in project.budget_lines.all()
        ],
        "effects": project.effects,
        "start": project.start,
        "end": project.end,
        "milestones": [{"date": m.date, "target": m.target} for m in project.milestones.all()],
        "other": project.other,
    }


def _state_or_404(slug: str, key: str | None = None):
    state = selectors.region_state(slug, key)
    if state is None:
        raise HttpError(404, "公表されている宣言リージョン（または版）が見つかりません。")
    return state


def _year_amounts(by_year: dict[int, int]) -> list[dict]:
    return [
        {"fiscal_year": year, "amount": amount, "amount_text": yen(amount)}
        for year, amount in sorted(by_year.items())
    ]


# ---------------------------------------------------------------- endpoints

NOT_FOUND = {404: ErrorOut}


@api.get("/", response=RootOut, url_name="root", summary="この API の案内とライセンス")
def root(request):
    def url(name, **kwargs):
        return _absolute(request, reverse(name, kwargs=kwargs))

    return {
        "name": api.title,
        "description": api.description,
        "license": _licence(),
        "openapi": url("api-1:openapi-json"),
        "endpoints": {
            "regions": url("api-1:region_list"),
            "members": url("api-1:member_list"),
            "projects": url("api-1:project_list"),
            "budgets": url("api-1:budgets"),
        },
        "downloads": {
            "regions.csv": url("opendata_regions"),
            "members.csv": url("opendata_members"),
            "projects.csv": url("opendata_projects"),
            "publications.atom": url("feeds:publications"),
        },
    }


@api.get(
    "/regions",
    response={200: RegionListOut, 422: ValidationErrorOut},
    url_name="region_list",
    summary="宣言リージョンの一覧（検索・絞り込み）",
)
def region_list(request, filters: Query[RegionFilters], page: Query[Page]):
    revisions = selectors.search_regions(
        query=filters.q,
        prefecture=filters.prefecture,
        field=filters.field,
        member_kind=filters.kind,
        status=filters.status,
        sort=filters.sort,
    )
    count = revisions.count()
    summaries = selectors.region_summaries(revisions[page.offset : page.offset + page.limit])
    return {
        "license": _licence(),
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
                "prefectures": _prefectures_out(s.prefectures),
                "fields": list(s.fields),
                "member_count": s.member_count,
                "project_count": s.project_count,
                "url": _absolute(request, reverse("regions:detail", kwargs={"slug": s.slug})),
                "api_url": _absolute(
                    request, reverse("api-1:region_detail", kwargs={"slug": s.slug})
                ),
            }
            for s in summaries
        ],
    }


@api.get(
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
        "license": _licence(),
        "region": {
            "slug": state.slug,
            "name": declaration.region_name,
            "status": "abolished" if state.is_abolished else "active",
            "area_note": declaration.area_note,
            "prefectures": _prefectures_out(state.prefectures),
            "aspiration": declaration.aspiration,
            "fields": [
                {
                    "code": entry.code,
                    "label": selectors.field_label(entry.code, entry.text),
                    "text": entry.text,
                }
                for entry in declaration.fields.all()
            ],
            "declared_on": declaration.declared_on,
            "declaration": _publication_out(request, slug, state.declaration_publication),
            "vision": _publication_out(request, slug, vision) if vision is not None else None,
            "member_count": len(declaration.members.all()),
            "project_count": len(state.projects),
            "url": _absolute(request, reverse("regions:detail", kwargs={"slug": slug})),
        },
    }


@api.get(
    "/regions/{slug}/revisions",
    response={200: PublicationListOut, **NOT_FOUND},
    url_name="region_revisions",
    summary="宣言リージョンの公表の履歴（古い順）",
)
def region_revisions(request, slug: str):
    region = selectors.published_region(slug)
    if region is None:
        raise HttpError(404, "公表されている宣言リージョンが見つかりません。")
    history = selectors.region_history(region.pk)
    return {
        "license": _licence(),
        "region": slug,
        "items": [_publication_out(request, slug, p) for p in history.states],
    }


@api.get(
    "/regions/{slug}/revisions/{key}",
    response={200: BundleOut, **NOT_FOUND},
    url_name="region_bundle",
    summary="ある公表の時点のリージョン・バンドル（DESIGN.md の形式）",
)
def region_bundle(request, slug: str, key: str):
    state = _state_or_404(slug, key)
    return {
        "license": _licence(),
        "region": slug,
        "publication": _publication_out(request, slug, state.publication),
        "bundle": filing_to_bundle(state.filing),
    }


@api.get(
    "/regions/{slug}/members",
    response={200: MemberListOut, **NOT_FOUND},
    url_name="region_members",
    summary="宣言リージョンの構成団体（現在の連携宣言書）",
)
def region_members(request, slug: str):
    state = _state_or_404(slug)
    return {
        "license": _licence(),
        "region": slug,
        "items": [_member_out(m) for m in state.declaration.members.all()],
    }


@api.get(
    "/regions/{slug}/projects",
    response={200: RegionProjectListOut, **NOT_FOUND},
    url_name="region_projects",
    summary="宣言リージョンのプロジェクト（現在の連携ビジョン）",
)
def region_projects(request, slug: str):
    state = _state_or_404(slug)
    return {
        "license": _licence(),
        "region": slug,
        "items": [
            _project_out(slug, number, project, state.member_names)
            for number, project in enumerate(state.projects, start=1)
        ],
    }


@api.get(
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
        "license": _licence(),
        "region": slug,
        "total": sum(by_year.values()),
        "by_fiscal_year": _year_amounts(by_year),
        "projects": projects,
    }


@api.get(
    "/members",
    response={200: AllMembersOut, 422: ValidationErrorOut},
    url_name="member_list",
    summary="すべての宣言リージョンの構成団体（検索）",
)
def member_list(request, filters: Query[MemberFilters], page: Query[Page]):
    members = selectors.search_members(
        query=filters.q, member_kind=filters.kind, prefecture=filters.prefecture
    )
    count = members.count()
    chunk = list(members[page.offset : page.offset + page.limit])
    return {
        "license": _licence(),
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "items": [
            {
                **_member_out(m),
                "region": m.revision.declaration.region.slug,
                "region_name": m.revision.region_name,
                "region_status": "abolished" if m.revision.kind == "abolished" else "active",
            }
            for m in chunk
        ],
    }


@api.get(
    "/projects",
    response={200: ProjectListOut, 422: ValidationErrorOut},
    url_name="project_list",
    summary="すべての宣言リージョンのプロジェクト（検索）",
)
def project_list(request, filters: Query[ProjectFilters], page: Query[Page]):
    projects = selectors.search_projects(query=filters.q)
    count = projects.count()
    chunk = list(projects[page.offset : page.offset + page.limit])
    region_ids = {p.revision.vision.region_id for p in chunk}
    names = selectors.current_member_names(region_ids)
    items = []
    for project in chunk:
        region = project.revision.vision.region
        items.append(_project_out(region.slug, project.position + 1, project, names[region.pk]))
    return {
        "license": _licence(),
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "items": items,
    }


@api.get("/budgets", response=BudgetsOut, url_name="budgets", summary="年度別・分野別の事業費")
def budgets(request):
    overview = selectors.overview()
    return {
        "license": _licence(),
        "note": (
            "宣言中の宣言リージョンの現在の連携ビジョンにある、予算措置を伴うプロジェクトの事業費です。"
            "分野別の額は、その分野に取り組む宣言リージョンのプロジェクトの事業費の合計で、"
            "複数の分野に取り組む宣言リージョンの事業費は各分野に計上されます（分野別の額の合計は総額と一致しません）。"
        ),
        "total": overview.budget_total,
        "by_fiscal_year": _year_amounts(overview.budget_by_year),
        "by_field": [
            {
                "field": code,
                "label": str(label),
                "by_fiscal_year": _year_amounts(overview.budget_by_field.get(code, {})),
            }
            for code, label in FieldChoices.choices
        ],
    }
