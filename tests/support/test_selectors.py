"""support.selectors: the measures shown under a project (ADR 0115): the rule's matches over
published measures only, hidden ones left out, pinned ones first with their note, nothing
for an unpublished project on the public side, two queries for any number of projects."""

import pytest

from declarations.lifecycle import Status
from support.match_services import match_hide, match_pin
from support.models import SupportMeasure
from support.selectors import project_matches, projects_matches, published_project_matches
from visions.models import VisionRevision

pytestmark = pytest.mark.django_db

REGION_FIELDS = ["industry", "tourism", "transport", "other"]


def measure(name, fields=(), tags=(), *, published=True, **more):
    return SupportMeasure.objects.create(
        name=name,
        ministry=more.pop("ministry", "国土交通省"),
        fields=list(fields),
        tags=list(tags),
        is_published=published,
        **more,
    )


@pytest.fixture
def maas(imported):
    project = imported.vision_revision.projects.get(name="瀬戸内MaaS推進プロジェクト")
    project.fields = ["transport"]
    project.save()
    return project


def names(shown):
    return [s.measure.name for s in shown]


def test_published_measures_that_share_a_field_or_a_tag_are_shown_with_reasons(maas):
    measure("交通の補助", ["transport"])
    measure("観光の補助", ["tourism"])
    measure("MaaS の実証", tags=["MaaS"], ministry="経済産業省")
    measure("交通の非公表", ["transport"], published=False)

    shown = project_matches(maas, REGION_FIELDS)

    assert names(shown) == ["MaaS の実証", "交通の補助"]  # one reason each: by name
    assert shown[0].reasons == ("キーワード: MaaS",)
    assert shown[1].reasons == ("分野: C 交通",)
    assert not any(s.pinned for s in shown)


def test_a_project_without_its_own_fields_matches_every_field_of_its_region(imported):
    project = imported.vision_revision.projects.get(name="瀬戸内MaaS推進プロジェクト")
    measure("観光の補助", ["tourism"])

    assert names(project_matches(project, REGION_FIELDS)) == ["観光の補助"]
    assert project_matches(project, ["industry"]) == []


def test_a_hidden_measure_is_gone_and_a_pinned_one_first_with_its_note(maas, reviewer):
    region = maas.revision.vision.region
    kept = measure("あ 交通の補助", ["transport"], gives_priority=True)
    hidden = measure("い 交通の別の補助", ["transport"])
    pinned = measure("う 観光の補助", ["tourism"])  # the rule does not match it
    match_hide(region=region, project_name=maas.name, measure=hidden, actor=reviewer)
    match_pin(
        region=region, project_name=maas.name, measure=pinned, note="周遊と組む", actor=reviewer
    )

    shown = project_matches(maas, REGION_FIELDS)

    assert names(shown) == ["う 観光の補助", "あ 交通の補助"]
    assert (shown[0].pinned, shown[0].note, shown[0].reasons) == (True, "周遊と組む", ())
    assert kept.pk == shown[1].measure.pk


def test_a_decision_follows_the_project_name_not_another_project(maas, reviewer, imported):
    region = maas.revision.vision.region
    hidden = measure("交通の補助", ["transport"])
    match_hide(region=region, project_name="別のプロジェクト", measure=hidden, actor=reviewer)

    assert names(project_matches(maas, REGION_FIELDS)) == ["交通の補助"]


def test_a_pinned_measure_that_is_not_published_is_not_shown(maas, reviewer):
    draft = measure("非公表の補助", ["transport"], published=False)
    match_pin(
        region=maas.revision.vision.region, project_name=maas.name, measure=draft, actor=reviewer
    )

    assert project_matches(maas, REGION_FIELDS) == []


def test_the_public_side_shows_nothing_for_an_unpublished_project(maas):
    measure("交通の補助", ["transport"])
    region = maas.revision.vision.region

    assert published_project_matches(region, [maas], REGION_FIELDS) == {}
    VisionRevision.objects.filter(pk=maas.revision_id).update(status=Status.PUBLISHED)
    maas.refresh_from_db()
    assert names(published_project_matches(region, [maas], REGION_FIELDS)[maas.pk]) == [
        "交通の補助"
    ]


def test_two_queries_for_every_project_of_a_vision(imported, django_assert_num_queries):
    for i in range(5):
        measure(f"補助{i}", ["industry"])
    projects = list(imported.vision_revision.projects.all())

    with django_assert_num_queries(2):
        shown = projects_matches(imported.region, projects, REGION_FIELDS)

    assert set(shown) == {p.pk for p in projects}
