"""The visions app's write services: the first vision revision and its draft save."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from declarations.lifecycle import FrozenRevisionError, Kind, Status
from declarations.models import StatusChange
from declarations.services import DraftConflict, RevisionNotStarted, declaration_create
from tests.factories import RegionFactory, UserFactory
from visions.models import VisionRevision
from visions.services import VisionDraft, vision_create, vision_draft_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return UserFactory(username="actor")


def test_a_vision_needs_a_declaration_and_saves_its_consultation_date(actor):
    region = RegionFactory(slug="v")
    with pytest.raises(RevisionNotStarted):
        vision_create(region=region, actor=actor)
    declaration_create(region=region, actor=actor)
    vision = vision_create(region=region, actor=actor)

    vision_draft_save(
        revision=vision, version=1, draft=VisionDraft(consulted_on=vision.created_at.date())
    )

    vision.refresh_from_db()
    assert vision.consulted_on == vision.created_at.date()


@pytest.fixture
def region(actor):
    region = RegionFactory(slug="vision-region")
    declaration_create(region=region, actor=actor)
    return region


def test_vision_create_starts_an_empty_established_draft_and_records_it(region, actor):
    vision = vision_create(region=region, actor=actor)
    assert (vision.number, vision.kind, vision.status) == (1, Kind.ESTABLISHED, Status.DRAFT)
    assert vision.aspiration == "" and vision.projects.count() == 0
    change = StatusChange.objects.get(
        content_type=ContentType.objects.get_for_model(vision), object_id=vision.pk
    )
    assert change.actor == actor and change.new == Status.DRAFT


def test_a_region_has_one_vision_and_a_second_create_names_the_first(region, actor):
    first = vision_create(region=region, actor=actor)
    with pytest.raises(RevisionNotStarted) as refused:
        vision_create(region=region, actor=actor)
    assert refused.value.revision == first
    assert VisionRevision.objects.filter(vision__region=region).count() == 1


def test_a_draft_save_is_lenient_incomplete_texts_are_kept_for_the_submission(region, actor):
    vision = vision_create(region=region, actor=actor)
    vision_draft_save(
        revision=vision,
        version=1,
        draft=VisionDraft(
            aspiration="書きかけ",
            roadmap="",
            aspiration_plan_reference={"plan": "", "section": "", "note": ""},
            verified_on=date(2999, 1, 1),  # a rule's business at submission, not the draft's
        ),
    )
    vision.refresh_from_db()
    assert vision.aspiration == "書きかけ" and vision.roadmap == ""
    assert vision.verified_on == date(2999, 1, 1)
    assert vision.aspiration_plan_reference == {"plan": "", "section": "", "note": ""}
    assert vision.version == 2


def test_a_draft_save_from_a_stale_version_is_refused_and_writes_nothing(region, actor):
    vision = vision_create(region=region, actor=actor)
    vision_draft_save(revision=vision, version=1, draft=VisionDraft(aspiration="一人目"))
    with pytest.raises(DraftConflict):
        vision_draft_save(revision=vision, version=1, draft=VisionDraft(aspiration="二人目"))
    vision.refresh_from_db()
    assert (vision.aspiration, vision.version) == ("一人目", 2)


def test_a_submitted_vision_cannot_be_saved(region, actor):
    vision = vision_create(region=region, actor=actor)
    VisionRevision.objects.filter(pk=vision.pk).update(status=Status.SUBMITTED)
    with pytest.raises(FrozenRevisionError):
        vision_draft_save(revision=vision, version=1, draft=VisionDraft(aspiration="x"))


@pytest.mark.parametrize(
    ("kind", "written"),
    [
        (Kind.ESTABLISHED, {"aspiration": "新", "reason": "", "is_minor": False}),
        (Kind.CHANGED, {"aspiration": "新", "reason": "理由", "is_minor": True}),
        (Kind.ABOLISHED, {"aspiration": "元の姿", "reason": "理由", "is_minor": False}),
    ],
)
def test_a_draft_save_writes_what_the_kind_of_revision_holds(region, actor, kind, written):
    vision = vision_create(region=region, actor=actor)
    VisionRevision.objects.filter(pk=vision.pk).update(kind=kind, aspiration="元の姿")
    vision.refresh_from_db()
    vision_draft_save(
        revision=vision,
        version=1,
        draft=VisionDraft(
            aspiration="新", reason="理由", is_minor=True, consulted_on=date(2026, 5, 1)
        ),
    )
    vision.refresh_from_db()
    assert {key: getattr(vision, key) for key in written} == written
    assert vision.consulted_on == date(2026, 5, 1)
