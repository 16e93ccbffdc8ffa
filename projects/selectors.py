"""Read-only queries of the projects app.

Public pages read projects only through functions that keep to published vision
revisions (STYLE.md §6).
"""

from django.db.models import Sum

from projects.models import PROJECT_CHILDREN, BudgetLine, Project
from visions.selectors import current_vision_revisions, published_vision_revisions


def published_vision_revision_loaded(pk: int):
    """A published vision revision with its projects and their rows (eight queries).
    Here rather than in visions: projects depend on visions, never the other way."""
    from django.db.models import Prefetch

    return (
        published_vision_revisions()
        .select_related("vision__region")
        .prefetch_related(Prefetch("projects", queryset=projects_with_details()))
        .filter(pk=pk)
        .first()
    )


def projects_with_details():
    """Projects with their implementers, plan references, budget lines, milestones
    and targets prefetched (six queries however many projects)."""
    return Project.objects.prefetch_related(*PROJECT_CHILDREN).order_by("position", "pk")


def current_projects():
    """The projects of every region's current published vision revision."""
    return Project.objects.filter(revision__in=current_vision_revisions()).select_related(
        "revision__vision__region"
    )


def current_budget_by_project_and_year():
    """(region id, the project's own 分野 codes, 年度, yen) per project and 年度 of the current
    published vision revisions' projects that carry a budget (one query; ADR 0115: the
    budgets by field count each project under its own fields)."""
    rows = (
        BudgetLine.objects.filter(
            project__revision__in=current_vision_revisions(), project__has_budget=True
        )
        .values_list("project__revision__vision__region_id", "project_id", "fiscal_year")
        .annotate(total=Sum("amount"))
        .order_by("project__revision__vision__region_id", "project_id", "fiscal_year")
    )
    rows = list(rows)
    fields = dict(
        Project.objects.filter(pk__in={project for _r, project, _y, _t in rows}).values_list(
            "pk", "fields"
        )
    )
    return [
        (region, tuple(fields.get(project) or ()), year, total)
        for region, project, year, total in rows
    ]


def current_project_counts(*, region_ids=None) -> dict[int, int]:
    """Region id → number of projects in its current published vision revision, for the
    given regions (default: all). Two queries: the current revisions, then the projects
    counted by revision (which the index on the revision key answers)."""
    from django.db.models import Count

    revisions = current_vision_revisions()
    if region_ids is not None:
        revisions = revisions.filter(vision__region_id__in=list(region_ids))
    region_of = dict(revisions.values_list("pk", "vision__region_id"))
    rows = (
        Project.objects.filter(revision_id__in=list(region_of))
        .values_list("revision_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {region_of[revision_id]: count for revision_id, count in rows}
