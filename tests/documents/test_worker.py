"""The production path (ADR 0102): a 送付 through the staff page with the database task
backend (django-tasks-db) answers without making any PDF; one pass of the real worker
(``manage.py db_worker --batch``) makes them, and the pages then show their hashes."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import RegionRole
from declarations.models import Prefecture
from documents.models import DocumentBuild, FrozenDocument, Kind
from documents.services import frozen_documents
from filing.bundle import read_bundle_file
from tests.documents.helpers import BUNDLES_DIR
from tests.factories import UserFactory
from workflow.adapter import filing_import
from workflow.verbs import revision_findings

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tasks_in_the_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # A transactional test that ran before without serialized rollback (a browser test) may
    # have flushed the master data the rules read.
    if not Prefecture.objects.exists():
        call_command("load_master_data", stdout=StringIO())
    return settings


def test_a_submission_queues_its_pdfs_and_the_worker_makes_them(tasks_in_the_database):
    from django_tasks_db.models import DBTaskResult

    imported = filing_import(read_bundle_file(BUNDLES_DIR / "valid_region.json"), slug="setouchi")
    editor = UserFactory(username="editor")
    RegionRole.objects.create(user=editor, region=imported.region, role=RegionRole.Role.EDITOR)
    client = Client()
    client.force_login(editor)
    revision = imported.declaration_revision
    warnings = [f for f in revision_findings(revision) if not f.is_error]

    response = client.post(
        "/staff/setouchi/declaration/1/submit/",
        {"version": str(revision.version), "acknowledge": [f"{f.code}|{f.path}" for f in warnings]},
    )

    assert response.status_code == 302
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert "/receipt/" in response["Location"], messages
    assert not FrozenDocument.objects.exists(), "nothing is rendered in the request"
    build = DocumentBuild.objects.get()
    assert build.status == DocumentBuild.Status.PENDING
    assert DBTaskResult.objects.filter(task_path="documents.tasks.documents_make").count() == 1
    assert "作成中です" in client.get(response["Location"]).content.decode()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    build.refresh_from_db()
    assert (build.status, build.attempts) == (DocumentBuild.Status.DONE, 1)
    revision.refresh_from_db()
    made = frozen_documents(revision)
    assert set(made) == {Kind.DOCUMENT, Kind.COVER}
    receipt = client.get(response["Location"]).content.decode()
    assert made[Kind.DOCUMENT].sha256 in receipt and "作成中です" not in receipt
