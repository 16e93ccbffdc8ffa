"""Fixtures of the review tests: a reviewer in the ``reviewer`` group, a region's editor and
viewer, and the valid test region imported and submitted (declaration and vision)."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import REVIEWER_GROUP, RegionRole
from filing.bundle import read_bundle_file
from tests.factories import UserFactory
from tests.mfa_helpers import verified_client
from workflow.adapter import filing_import

BUNDLES = Path(__file__).resolve().parent / "data" / "bundles"


def signed_in(user) -> Client:
    """A client signed in as ``user``; reviewers and operators also with a verified second
    factor, as the admin requires (ADR 0082)."""
    return verified_client(user)


@pytest.fixture
def reviewer():
    user = UserFactory(
        username="shinsa",
        email="shinsa@soumu.example.jp",
        is_staff=True,
        last_name="審査",
        first_name="花子",
    )
    user.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    return user


@pytest.fixture
def reviewer_client(reviewer):
    return signed_in(reviewer)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.jp", "pw-root-only")


@pytest.fixture
def imported():
    return filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="setouchi")


@pytest.fixture
def editor(imported):
    user = UserFactory(username="editor", email="editor@setouchi.example.jp")
    RegionRole.objects.create(user=user, region=imported.region, role=RegionRole.Role.EDITOR)
    return user


@pytest.fixture
def viewer(imported):
    user = UserFactory(username="viewer", email="viewer@setouchi.example.jp")
    RegionRole.objects.create(user=user, region=imported.region, role=RegionRole.Role.VIEWER)
    return user


def submit(revision, actor):
    """Move a valid draft to submitted as ``revision_submit`` does (with its ``Submission``
    row, the 受付番号), without rendering its PDFs (seconds per revision); tests of the
    submission itself use the service."""
    from declarations.lifecycle import Status
    from declarations.services import revision_transition
    from filing.bundle import filing_to_bundle
    from reviews.services import submission_record
    from visions.selectors import paired_declaration
    from workflow.verbs import revision_filing

    if revision.document == "vision" and not revision.declaration_revision_id:
        revision.declaration_revision = paired_declaration(revision)
        revision.save(update_fields=["declaration_revision"])
    change = revision_transition(revision=revision, new=Status.SUBMITTED, actor=actor)
    filing = revision_filing(revision)
    submission_record(
        revision=revision, actor=actor, snapshot=filing_to_bundle(filing) if filing else {}
    )
    return change


@pytest.fixture
def submitted(imported, editor):
    """The test region with its declaration and vision submitted (waiting for review)."""
    submit(imported.declaration_revision, editor)
    submit(imported.vision_revision, editor)
    imported.declaration_revision.refresh_from_db()
    imported.vision_revision.refresh_from_db()
    return imported


def revision_url(revision, suffix: str = "") -> str:
    return f"/admin/reviews/review/revisions/{revision.document}/{revision.pk}/{suffix}"


def make_documents() -> int:
    """Run the worker's job (``documents.tasks.documents_make``) of every 送付 whose PDFs are
    still to be made, as the worker does after the 送付 commits (ADR 0102). Inside a
    ``django_db`` test the task queued by ``on_commit`` never runs, so a test about the PDFs
    calls this. Returns how many builds it ran."""
    from documents.models import DocumentBuild
    from documents.tasks import documents_make

    pks = list(
        DocumentBuild.objects.filter(status=DocumentBuild.Status.PENDING).values_list(
            "pk", flat=True
        )
    )
    for pk in pks:
        documents_make.call(pk)
    return len(pks)


def submit_and_make(*, revision, actor, **kwargs):
    """``revision_submit``, then the worker's job of its PDFs (``make_documents``)."""
    from workflow.verbs import revision_submit

    change = revision_submit(revision=revision, actor=actor, **kwargs)
    make_documents()
    return change
