"""The declarations app's write services: the version check of a draft (``draft_claim``) and
the first revision with its audit row."""

import pytest

from declarations.lifecycle import FrozenRevisionError, Status
from declarations.models import DeclarationRevision, StatusChange
from declarations.services import DraftConflict, RevisionNotStarted, declaration_create, draft_claim
from filing.bundle import read_bundle_file
from tests.factories import RegionFactory, UserFactory
from tests.staff_helpers import BUNDLES
from workflow.adapter import filing_import
from workflow.verbs import revision_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return UserFactory(username="actor")


@pytest.fixture
def draft(actor):
    return declaration_create(region=RegionFactory(slug="r"), actor=actor)


def test_a_claim_bumps_the_version_and_writes_the_fields_in_one_update(draft):
    draft_claim(draft, 1, region_name="名前")

    stored = DeclarationRevision.objects.get(pk=draft.pk)
    assert (stored.version, stored.region_name, draft.version) == (2, "名前", 2)


@pytest.mark.parametrize("version", [0, 2, None, "x", "1.0"])
def test_a_claim_with_another_version_is_a_conflict_and_writes_nothing(draft, version):
    with pytest.raises(DraftConflict):
        draft_claim(draft, version, region_name="名前")

    assert DeclarationRevision.objects.get(pk=draft.pk).region_name == ""


def test_a_claim_on_a_revision_that_left_draft_is_refused_as_frozen(actor):
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="s")
    revision = imported.declaration_revision
    revision_submit(revision=revision, actor=actor)

    with pytest.raises(FrozenRevisionError):
        draft_claim(revision, revision.version, region_name="凍結")


def test_creating_a_declaration_writes_an_audit_row_and_cannot_be_repeated(draft, actor):
    change = StatusChange.objects.get()
    assert (change.old, change.new, change.actor, change.object_id) == (
        "",
        Status.DRAFT,
        actor,
        draft.pk,
    )
    with pytest.raises(RevisionNotStarted):
        declaration_create(region=draft.region, actor=actor)
