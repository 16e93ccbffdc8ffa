"""The projects app's read-only queries: projects and budgets of the current published
vision revisions only (STYLE.md §6), with their rows loaded in a fixed number of queries."""

import pytest

from declarations.lifecycle import Kind, Status
from projects.selectors import (
    current_budget_by_project_and_year,
    current_project_counts,
    current_projects,
    projects_with_details,
    published_vision_revision_loaded,
)
from tests.factories import (
    BudgetLineFactory,
    ImplementerFactory,
    MilestoneFactory,
    ProjectFactory,
    VisionFactory,
    VisionRevisionFactory,
)
from visions.models import VisionRevision

pytestmark = pytest.mark.django_db


def vision_revision(vision, number, status=Status.PUBLISHED, projects=(), **fields):
    """A vision revision with ``projects`` (``(name, {year: amount} | None[, fields])``)
    written while it was a draft, then moved to ``status``."""
    revision = VisionRevisionFactory(vision=vision, number=number, status=Status.DRAFT, **fields)
    for position, (name, budget, *fields) in enumerate(projects):
        project = ProjectFactory(
            revision=revision,
            position=position,
            name=name,
            has_budget=budget is not None,
            fields=list(fields[0]) if fields else [],
        )
        for year, amount in (budget or {}).items():
            BudgetLineFactory(project=project, fiscal_year=year, amount=amount)
    VisionRevision.objects.filter(pk=revision.pk).update(status=status)
    revision.refresh_from_db()
    return revision


def test_current_projects_are_those_of_the_latest_published_vision_revision():
    vision = VisionFactory()
    vision_revision(vision, 1, projects=[("旧", None)])
    vision_revision(vision, 2, projects=[("現行", None)], kind=Kind.CHANGED)
    vision_revision(vision, 3, Status.SUBMITTED, projects=[("送付中", None)], kind=Kind.CHANGED)
    vision_revision(VisionFactory(), 1, Status.DRAFT, projects=[("下書き", None)])
    assert [p.name for p in current_projects()] == ["現行"]


def test_budgets_are_given_by_project_and_year_with_its_fields_over_current_projects():
    vision, other = VisionFactory(), VisionFactory()
    vision_revision(vision, 1, projects=[("旧", {2026: 999})])
    vision_revision(
        vision,
        2,
        projects=[
            ("a", {2026: 100, 2027: 50}, ["tourism"]),
            ("b", {2026: 10}),
            ("予算なし", None),
        ],
        kind=Kind.CHANGED,
    )
    vision_revision(other, 1, projects=[("c", {2028: 7})])
    vision_revision(VisionFactory(), 1, Status.ACCEPTED, projects=[("未公表", {2026: 1})])

    assert current_budget_by_project_and_year() == [
        (vision.region_id, ("tourism",), 2026, 100),
        (vision.region_id, ("tourism",), 2027, 50),
        (vision.region_id, (), 2026, 10),
        (other.region_id, (), 2028, 7),
    ]


def test_budget_lines_of_a_project_marked_without_budget_are_not_counted():
    vision = VisionFactory()
    revision = vision_revision(vision, 1, Status.DRAFT, projects=[("a", {2026: 100})])
    revision.projects.update(has_budget=False)
    VisionRevision.objects.filter(pk=revision.pk).update(status=Status.PUBLISHED)
    assert current_budget_by_project_and_year() == []


def test_project_counts_per_region_follow_the_current_revision(django_assert_num_queries):
    first, second = VisionFactory(), VisionFactory()
    vision_revision(first, 1, projects=[("a", None), ("b", None), ("c", None)])
    vision_revision(first, 2, projects=[("a", None)], kind=Kind.CHANGED)
    vision_revision(second, 1, projects=[("x", None), ("y", None)])
    vision_revision(VisionFactory(), 1, Status.SUBMITTED, projects=[("z", None)])

    with django_assert_num_queries(2):
        counts = current_project_counts()
    assert counts == {first.region_id: 1, second.region_id: 2}
    assert current_project_counts(region_ids=[second.region_id]) == {second.region_id: 2}
    assert current_project_counts(region_ids=[]) == {}


def test_a_published_revision_is_loaded_with_its_projects_in_order(django_assert_num_queries):
    vision = VisionFactory()
    revision = vision_revision(vision, 1, Status.DRAFT, projects=[("一", None), ("二", None)])
    first, second = revision.projects.order_by("position")
    ImplementerFactory(project=second, name="外部の団体")
    MilestoneFactory(project=first, target="実証開始")
    VisionRevision.objects.filter(pk=revision.pk).update(status=Status.PUBLISHED)

    with django_assert_num_queries(7):
        loaded = published_vision_revision_loaded(revision.pk)
    with django_assert_num_queries(0):
        names = [p.name for p in loaded.projects.all()]
        implementers = [i.name for p in loaded.projects.all() for i in p.implementers.all()]
        targets = [m.target for p in loaded.projects.all() for m in p.milestones.all()]
        region = loaded.vision.region
    assert names == ["一", "二"]
    assert implementers == ["外部の団体"]
    assert targets == ["実証開始"]
    assert region == vision.region


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.ACCEPTED])
def test_an_unpublished_revision_is_never_loaded_for_the_public(status):
    revision = vision_revision(VisionFactory(), 1, status, projects=[("a", None)])
    assert published_vision_revision_loaded(revision.pk) is None


def test_projects_with_details_prefetch_every_row_in_six_queries(django_assert_num_queries):
    revision = vision_revision(
        VisionFactory(), 1, Status.DRAFT, projects=[(f"p{i}", {2026: i}) for i in range(4)]
    )
    for project in revision.projects.all():
        ImplementerFactory(project=project)
        MilestoneFactory(project=project)
    with django_assert_num_queries(6):  # the project, then each kind of row (targets: ADR 0104)
        projects = list(projects_with_details().filter(revision=revision))
        rows = [
            (len(p.implementers.all()), len(p.budget_lines.all()), len(p.milestones.all()))
            for p in projects
        ]
        [list(p.plan_references.all()) for p in projects]
    assert [p.name for p in projects] == ["p0", "p1", "p2", "p3"]
    assert rows == [(1, 1, 1)] * 4
