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


def strategy_terms() -> dict:
    """The national strategy's reference data (ADR 0121) in one query: for each kind
    (``filing.strategy.CLUSTER``, ``SECTOR``) the current version's ``(code, label)`` pairs
    in order (``"choices"``), every code's label across all versions, newest version first
    (``"labels"``) and the current version's row (``"list"``, for its source and date)."""
    from filing import strategy
    from projects.models import StrategyTerm

    result = {kind: {"choices": [], "labels": {}, "list": None} for kind in strategy.KINDS}
    terms = StrategyTerm.objects.select_related("strategy_list").order_by(
        "strategy_list__kind", "-strategy_list__decided_on", "-strategy_list_id", "position"
    )
    for term in terms:
        kind = term.strategy_list.kind
        entry = result.setdefault(kind, {"choices": [], "labels": {}, "list": None})
        if term.strategy_list.is_current:
            entry["list"] = term.strategy_list
            entry["choices"].append((term.code, term.label))
        entry["labels"].setdefault(term.code, term.label)
    for kind, entry in result.items():
        if not entry["choices"]:  # no reference rows (a fresh test database): the shipped list
            shipped = strategy.current(kind)
            entry["choices"] = [(t.code, t.label) for t in shipped.terms]
        for code in strategy.known_codes(kind):
            entry["labels"].setdefault(code, strategy.label(kind, code))
    return result


def current_project_strategy_rows(region_ids) -> list[tuple]:
    """(project pk, region id, cluster type, 戦略分野 codes, {年度: yen}) of the projects of
    the current published vision revisions of ``region_ids`` (a subquery or a list), ADR 0121.
    Two queries however many regions and projects; the budget only of projects that carry
    one (予算措置を伴う)."""
    projects = list(
        Project.objects.filter(
            revision__in=current_vision_revisions().values("pk"),
            revision__vision__region_id__in=region_ids,
        )
        .order_by("revision__vision__region_id", "position", "pk")
        .values_list("pk", "revision__vision__region_id", "cluster_type", "strategic_fields")
    )
    budgets: dict[int, dict[int, int]] = {}
    lines = BudgetLine.objects.filter(
        project_id__in=[row[0] for row in projects], project__has_budget=True
    ).values_list("project_id", "fiscal_year", "amount")
    for project, year, amount in lines:
        years = budgets.setdefault(project, {})
        years[year] = years.get(year, 0) + amount
    return [
        (pk, region, cluster or "", tuple(sectors or ()), budgets.get(pk, {}))
        for pk, region, cluster, sectors in projects
    ]
