"""declarations.clock: every move of a verb is recorded at one moment, the present or the
one a loader gives with ``recorded_at``; the verbs take no ``at`` (ADR 0101)."""

import inspect
from datetime import UTC, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from declarations.clock import now, recorded_at
from declarations.models import StatusChange
from filing.bundle import read_bundle_file
from reviews.models import Review, Submission
from tests.factories import RegionFactory
from tests.staff_helpers import BUNDLES
from workflow import verbs
from workflow.adapter import filing_import

MOMENT = datetime(2025, 6, 5, 5, 0, tzinfo=UTC)


def test_now_is_the_present_outside_recorded_at():
    before = timezone.now()
    assert before <= now() <= timezone.now()


def test_recorded_at_gives_its_moment_and_restores_the_present_after():
    with recorded_at(MOMENT):
        assert now() == MOMENT
        with recorded_at(None):
            assert now() > MOMENT
        assert now() == MOMENT
    assert now() > MOMENT


def test_recorded_at_refuses_a_naive_moment():
    with pytest.raises(ValueError), recorded_at(datetime(2025, 6, 5, 14)):
        pass


@pytest.mark.parametrize(
    "verb", ["revision_submit", "revision_return", "revision_accept", "revision_publish"]
)
def test_the_verbs_take_no_moment(verb):
    assert "at" not in inspect.signature(getattr(verbs, verb)).parameters


@pytest.mark.django_db
def test_a_history_recorded_at_a_moment_dates_every_row_of_it():
    result = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), region=RegionFactory())
    revision = result.declaration_revision
    with recorded_at(MOMENT):
        verbs.revision_submit(revision=revision, actor=None)
        verbs.revision_accept(revision=revision, actor=None)
    revision.refresh_from_db()
    assert revision.submitted_at == revision.accepted_at == revision.published_at == MOMENT
    rows = {"object_id": revision.pk, "content_type": ContentType.objects.get_for_model(revision)}
    moves = StatusChange.objects.filter(**rows).exclude(new="draft")  # not the import's row
    assert [change.at for change in moves] == [MOMENT] * 3
    assert {review.at for review in Review.objects.filter(**rows)} == {MOMENT}
    submission = Submission.objects.get(**rows)
    assert submission.submitted_at == MOMENT
    assert submission.receipt_number.startswith("R7-")
