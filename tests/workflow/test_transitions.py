"""Every (status, target status) pair is allowed or refused exactly as the transition table says."""

import itertools

import pytest

from declarations.lifecycle import TRANSITIONS, Status
from declarations.models import StatusChange
from declarations.services import TransitionNotAllowed, revision_transition
from tests.factories import DeclarationRevisionFactory, UserFactory, VisionRevisionFactory

pytestmark = pytest.mark.django_db

ALL_PAIRS = list(itertools.product(Status, Status))


def test_the_table_is_the_lifecycle_of_design_md():
    assert set(TRANSITIONS) == {
        (Status.DRAFT, Status.SUBMITTED),
        (Status.SUBMITTED, Status.RETURNED),
        (Status.RETURNED, Status.DRAFT),
        (Status.SUBMITTED, Status.ACCEPTED),
        (Status.ACCEPTED, Status.PUBLISHED),
    }


@pytest.mark.parametrize(
    "factory", [DeclarationRevisionFactory, VisionRevisionFactory], ids=["declaration", "vision"]
)
@pytest.mark.parametrize(("old", "new"), ALL_PAIRS, ids=[f"{a}->{b}" for a, b in ALL_PAIRS])
def test_each_move_is_allowed_only_when_in_the_table(factory, old, new):
    revision = factory(status=old)
    actor = UserFactory()
    if (old, new) in TRANSITIONS:
        change = revision_transition(revision=revision, new=new, actor=actor, comment="理由")
        revision.refresh_from_db()
        assert revision.status == new
        assert (change.old, change.new, change.actor, change.comment) == (old, new, actor, "理由")
        assert change.revision == revision and change.region == revision.region
    else:
        with pytest.raises(TransitionNotAllowed):
            revision_transition(revision=revision, new=new, actor=actor)
        revision.refresh_from_db()
        assert revision.status == old
        assert not StatusChange.objects.exists()


def test_a_move_records_its_timestamp():
    revision = DeclarationRevisionFactory()
    revision_transition(revision=revision, new=Status.SUBMITTED)
    revision.refresh_from_db()
    assert revision.submitted_at is not None


def test_a_stale_object_cannot_skip_the_table():
    revision = DeclarationRevisionFactory()
    stale = type(revision).objects.get(pk=revision.pk)
    revision_transition(revision=revision, new=Status.SUBMITTED)
    # the stale copy still says draft; the service reads the stored status
    with pytest.raises(TransitionNotAllowed):
        revision_transition(revision=stale, new=Status.SUBMITTED)
