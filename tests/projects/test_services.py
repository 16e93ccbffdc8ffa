"""The projects app's write services: adding a project to a vision draft."""

import pytest

from declarations.lifecycle import FrozenRevisionError, Status
from declarations.services import DraftConflict, declaration_create
from projects.services import (
    MAX_PROJECTS,
    ProjectLimitReached,
    project_add,
    project_delete,
    projects_loaded,
)
from tests.factories import RegionFactory, UserFactory
from visions.models import VisionRevision
from visions.services import vision_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return UserFactory(username="actor")


def test_a_vision_holds_at_most_200_projects(actor):
    region = RegionFactory(slug="v")
    declaration_create(region=region, actor=actor)
    vision = vision_create(region=region, actor=actor)
    from projects.models import Project

    Project.objects.bulk_create(Project(revision=vision, position=i) for i in range(MAX_PROJECTS))

    with pytest.raises(ProjectLimitReached):
        project_add(revision=vision, version=1)
    vision.refresh_from_db()
    assert vision.projects.count() == MAX_PROJECTS and vision.version == 1


@pytest.fixture
def vision(actor):
    region = RegionFactory(slug="p")
    declaration_create(region=region, actor=actor)
    return vision_create(region=region, actor=actor)


def test_projects_are_added_at_the_end_and_each_add_bumps_the_version(vision):
    first = project_add(revision=vision, version=1)
    second = project_add(revision=vision, version=2)
    vision.refresh_from_db()
    assert (first.position, second.position) == (0, 1)
    assert vision.version == 3
    assert list(vision.projects.order_by("position")) == [first, second]


def test_a_project_is_added_after_the_last_even_when_positions_have_gaps(vision):
    from projects.models import Project

    Project.objects.create(revision=vision, position=7)
    assert project_add(revision=vision, version=1).position == 8


def test_adding_from_a_stale_version_is_refused_and_adds_nothing(vision):
    project_add(revision=vision, version=1)
    with pytest.raises(DraftConflict):
        project_add(revision=vision, version=1)
    with pytest.raises(DraftConflict):
        project_add(revision=vision, version="not a number")
    assert vision.projects.count() == 1


def test_a_project_is_deleted_from_the_version_it_was_seen_at(vision):
    project = project_add(revision=vision, version=1)
    with pytest.raises(DraftConflict):
        project_delete(project=project, version=1)
    assert vision.projects.count() == 1

    project_delete(project=project, version=2)
    vision.refresh_from_db()
    assert vision.projects.count() == 0
    assert vision.version == 3


def test_projects_of_a_submitted_vision_cannot_be_added_or_deleted(vision):
    project = project_add(revision=vision, version=1)
    VisionRevision.objects.filter(pk=vision.pk).update(status=Status.SUBMITTED)
    with pytest.raises(FrozenRevisionError):
        project_add(revision=vision, version=2)
    with pytest.raises(FrozenRevisionError):
        project_delete(project=project, version=2)
    assert vision.projects.count() == 1


def test_projects_loaded_reads_every_row_in_six_queries(vision, django_assert_num_queries):
    for version in (1, 2, 3):
        project_add(revision=vision, version=version)
    with django_assert_num_queries(6):  # the projects, then each kind of row (targets: ADR 0104)
        projects = projects_loaded(vision)
        for project in projects:
            list(project.implementers.all())
            list(project.plan_references.all())
            list(project.budget_lines.all())
            list(project.milestones.all())
    assert [p.position for p in projects] == [0, 1, 2]
