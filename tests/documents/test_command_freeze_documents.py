"""manage.py freeze_documents (ADR 0102): puts on the worker's queue again the PDFs of every
submitted revision that are missing (a revision sent before the worker made them, a lost
task), failed ones only with --retry-failed; --now makes them in this process."""

from io import StringIO

import pytest
from django.core.management import call_command

from declarations.lifecycle import Status
from declarations.services import revision_transition
from documents import render as pdf
from documents.models import DocumentBuild, Kind
from documents.services import frozen_documents
from workflow.verbs import revision_submit

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("freeze_documents", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_revision_sent_before_the_worker_is_queued_and_made_and_nothing_twice(
    imported, django_capture_on_commit_callbacks
):
    revision = imported.declaration_revision
    revision_transition(revision=revision, new=Status.SUBMITTED)  # as before builds existed

    with django_capture_on_commit_callbacks(execute=True):
        first = run()
    with django_capture_on_commit_callbacks(execute=True):
        second = run()

    assert set(frozen_documents(revision)) == {Kind.DOCUMENT, Kind.COVER}
    assert "PDF の作成を 1 件、列に入れました" in first
    assert "PDF の作成を 0 件、列に入れました" in second
    assert DocumentBuild.objects.get().status == DocumentBuild.Status.DONE


def test_a_lost_task_is_queued_again(imported, editor, django_capture_on_commit_callbacks):
    revision_submit(revision=imported.declaration_revision, actor=editor)  # its task never ran

    with django_capture_on_commit_callbacks(execute=True):
        output = run()

    assert "1 件" in output
    assert set(frozen_documents(imported.declaration_revision)) == {Kind.DOCUMENT, Kind.COVER}


def test_a_build_being_made_or_waiting_for_its_retry_is_left_to_its_task(
    imported, editor, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    revision_submit(revision=imported.declaration_revision, actor=editor)
    DocumentBuild.objects.update(next_attempt_at=timezone.now() + timedelta(minutes=5))

    with django_capture_on_commit_callbacks(execute=True):
        output = run()

    assert "0 件" in output
    assert not frozen_documents(imported.declaration_revision)


def test_failed_builds_are_made_again_only_with_retry_failed(
    imported, editor, django_capture_on_commit_callbacks
):
    revision_submit(revision=imported.declaration_revision, actor=editor)
    DocumentBuild.objects.update(status=DocumentBuild.Status.FAILED, attempts=6)

    with django_capture_on_commit_callbacks(execute=True):
        assert "0 件" in run()
    assert not frozen_documents(imported.declaration_revision)
    with django_capture_on_commit_callbacks(execute=True):
        assert "1 件" in run("--retry-failed")

    build = DocumentBuild.objects.get()
    assert (build.status, build.attempts) == (DocumentBuild.Status.DONE, 7)


def test_now_makes_them_in_this_process_and_reports_what_it_could_not(
    imported, editor, monkeypatch, tmp_path
):
    revision_submit(revision=imported.declaration_revision, actor=editor)

    assert "PDF を作った版 1 件、作れなかった版 0 件" in run("--now")
    assert set(frozen_documents(imported.declaration_revision)) == {Kind.DOCUMENT, Kind.COVER}
    assert "PDF を作った版 0 件" in run("--now")

    revision_submit(revision=imported.vision_revision, actor=editor)
    monkeypatch.setattr(pdf, "FONT_FILES", {400: tmp_path / "gone.otf"})
    with pytest.raises(SystemExit):
        run("--now")
