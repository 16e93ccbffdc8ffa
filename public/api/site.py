"""Site-wide lists: every region's members and projects (searchable), and the budgets."""

from ninja import Query, Router

from declarations.models import FieldChoices
from public.api.payloads import licence, member_out, project_out, year_amounts
from public.api.schemas import (
    AllMembersOut,
    BudgetsOut,
    MemberFilters,
    Page,
    ProjectFilters,
    ProjectListOut,
    ValidationErrorOut,
)
from public.selectors.search import search_members, search_projects
from public.selectors.site import overview
from public.selectors.summaries import current_member_names

router = Router()


@router.get(
    "/members",
    response={200: AllMembersOut, 422: ValidationErrorOut},
    url_name="member_list",
    summary="すべての宣言リージョンの構成団体（検索）",
)
def member_list(request, filters: Query[MemberFilters], page: Query[Page]):
    members = search_members(
        query=filters.q, member_kind=filters.kind, prefecture=filters.prefecture
    )
    count = members.count()
    chunk = list(members[page.offset : page.offset + page.limit])
    return {
        "license": licence(),
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "items": [
            {
                **member_out(m),
                "region": m.revision.declaration.region.slug,
                "region_name": m.revision.region_name,
                "region_status": "abolished" if m.revision.kind == "abolished" else "active",
            }
            for m in chunk
        ],
    }


@router.get(
    "/projects",
    response={200: ProjectListOut, 422: ValidationErrorOut},
    url_name="project_list",
    summary="すべての宣言リージョンのプロジェクト（検索）",
)
def project_list(request, filters: Query[ProjectFilters], page: Query[Page]):
    projects = search_projects(
        query=filters.q,
        cluster_type=filters.cluster_type,
        strategic_field=filters.strategic_field,
    )
    count = projects.count()
    chunk = list(projects[page.offset : page.offset + page.limit])
    region_ids = {p.revision.vision.region_id for p in chunk}
    names = current_member_names(region_ids)
    items = []
    for project in chunk:
        region = project.revision.vision.region
        items.append(project_out(region.slug, project.position + 1, project, names[region.pk]))
    return {
        "license": licence(),
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "items": items,
    }


@router.get("/budgets", response=BudgetsOut, url_name="budgets", summary="年度別・分野別の事業費")
def budgets(request):
    figures = overview()
    return {
        "license": licence(),
        "note": (
            "宣言中の宣言リージョンの現在の連携ビジョンにある、予算措置を伴うプロジェクトの事業費です。"
            "分野別の額は、プロジェクトごとの分野に計上した事業費の合計です。複数の分野に取り組む"
            "プロジェクトの事業費は各分野に、分野を選んでいないプロジェクトの事業費はその宣言リージョンの"
            "すべての分野に計上されます（分野別の額の合計は総額と一致しません）。"
        ),
        "total": figures.budget_total,
        "by_fiscal_year": year_amounts(figures.budget_by_year),
        "by_field": [
            {
                "field": code,
                "label": str(label),
                "by_fiscal_year": year_amounts(figures.budget_by_field.get(code, {})),
            }
            for code, label in FieldChoices.choices
        ],
    }
