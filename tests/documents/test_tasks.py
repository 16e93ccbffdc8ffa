"""The worker's task (``documents.tasks.documents_make``, ADR 0102): it claims its build, makes
the PDFs of what was sent (the same bytes as rendering at once, even after the revision was
returned and edited), retries a failure after a back-off and fails after the last attempt,
and never makes the same PDFs twice."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from declarations.lifecycle import Status
from documents import render as pdf
from documents.models import DocumentBuild, FrozenDocument, Kind
from documents.services import frozen_documents, read_frozen, render_document
from documents.tasks import documents_make, retry_delay
from filing.bundle import read_bundle_file
from filing.data import MemberData, MemberKind, RevisionInfo, RevisionKind
from tests.documents.helpers import BUNDLES_DIR, flat_text
from tests.review_helpers import make_documents
from workflow.adapter import filing_import
from workflow.verbs import revision_accept, revision_reopen, revision_return, revision_submit

pytestmark = pytest.mark.django_db


def sent(revision, editor):
    revision_submit(revision=revision, actor=editor)
    revision.refresh_from_db()
    return revision


def test_a_submission_records_its_build_and_renders_nothing(
    imported, editor, monkeypatch, django_capture_on_commit_callbacks
):
    import documents.services

    def no_rendering(*args, **kwargs):
        raise AssertionError("rendered inside the 送付")

    monkeypatch.setattr(documents.services, "_render_main", no_rendering)
    monkeypatch.setattr(documents.services, "_render_cover", no_rendering)
    with django_capture_on_commit_callbacks() as callbacks:
        revision = sent(imported.declaration_revision, editor)

    build = DocumentBuild.objects.get()
    assert (build.status, build.attempts, build.revision) == (
        DocumentBuild.Status.PENDING,
        0,
        revision,
    )
    assert build.submitted_at == revision.submitted_at
    assert build.inputs["region_slug"] == "setouchi"
    assert build.inputs["cover"]["document_number"] == revision.cover_number
    assert not FrozenDocument.objects.exists()
    assert any("make_later" in repr(callback) for callback in callbacks)


def test_a_rolled_back_submission_leaves_no_build(imported, editor):
    with pytest.raises(RuntimeError), transaction.atomic():
        revision_submit(revision=imported.declaration_revision, actor=editor)
        raise RuntimeError

    assert not DocumentBuild.objects.exists()


def test_once_the_submission_commits_the_task_makes_both_pdfs(
    imported, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        revision = sent(imported.declaration_revision, editor)

    build = DocumentBuild.objects.get()
    assert (build.status, build.attempts, build.last_error) == (DocumentBuild.Status.DONE, 1, "")
    assert build.done_at is not None
    made = frozen_documents(revision)
    assert set(made) == {Kind.DOCUMENT, Kind.COVER}
    assert made[Kind.DOCUMENT].sha256 in flat_text(read_frozen(made[Kind.COVER]))


def test_the_bytes_made_later_are_the_bytes_made_at_once(imported, editor):
    revision = sent(imported.declaration_revision, editor)
    at_once = {kind: render_document(revision, kind) for kind in Kind.values}

    assert make_documents() == 1

    later = {kind: read_frozen(row) for kind, row in frozen_documents(revision).items()}
    assert later == at_once


def test_a_vision_made_later_is_the_vision_made_at_once(imported, editor):
    sent(imported.declaration_revision, editor)
    vision = sent(imported.vision_revision, editor)
    at_once = render_document(vision, Kind.DOCUMENT)

    make_documents()

    assert read_frozen(frozen_documents(vision)[Kind.DOCUMENT]) == at_once


def test_a_revision_returned_and_edited_before_the_job_runs_still_gets_what_was_sent(
    imported, editor
):
    revision = sent(imported.declaration_revision, editor)
    submitted_at = revision.submitted_at
    at_once = {kind: render_document(revision, kind) for kind in Kind.values}
    revision_return(revision=revision, actor=editor, comment="目指すべき姿を具体的に")
    revision_reopen(revision=revision, actor=editor)
    revision.refresh_from_db()
    revision.aspiration = "差戻しの後に書き直した目指すべき姿。"
    revision.cover_number = "瀬戸内第999号"
    revision.declared_on = revision.declared_on + timedelta(days=30)
    revision.save()

    assert make_documents() == 1

    rows = {row.kind: row for row in FrozenDocument.objects.filter(submitted_at=submitted_at)}
    assert {kind: read_frozen(row) for kind, row in rows.items()} == at_once
    text = flat_text(at_once[Kind.DOCUMENT]) + flat_text(at_once[Kind.COVER])
    assert "書き直した" not in text and "瀬戸内第999号" not in text
    assert DocumentBuild.objects.get().status == DocumentBuild.Status.DONE


def test_a_change_keeps_the_published_revision_it_was_compared_with(
    published_declaration, sent_vision, editor
):
    """The 変更 lists what changed since the revision published when it was sent (recorded on
    the build), even when the change itself is published before the job runs."""
    first = published_declaration
    bundle = read_bundle_file(BUNDLES_DIR / "valid_region.json")
    newcomer = MemberData("newlab", "瀬戸内新素材研究所", MemberKind.RESEARCH_INSTITUTE)
    change = replace(
        bundle,
        members=(*bundle.members, newcomer),
        vision=None,
        declaration=replace(
            bundle.declaration,
            declared_on=date(2026, 11, 2),
            revision=RevisionInfo(kind=RevisionKind.CHANGED, consulted_on=date(2026, 10, 20)),
        ),
    )
    second = sent(filing_import(change, region=first.region).declaration_revision, editor)
    at_once = render_document(second, Kind.DOCUMENT)
    # the change is accepted and published before the worker comes to it
    revision_accept(revision=second, actor=editor)
    second.refresh_from_db()
    assert second.status == Status.PUBLISHED
    assert (
        DocumentBuild.objects.get(document="declaration", object_id=second.pk).inputs["previous"]
        == first.pk
    )

    make_documents()

    made = read_frozen(frozen_documents(second)[Kind.DOCUMENT])
    assert made == at_once
    assert "加わった構成団体瀬戸内新素材研究所" in flat_text(made)


def test_a_failure_is_retried_after_a_back_off_then_failed(
    imported, editor, settings, monkeypatch, tmp_path
):
    settings.DOCUMENTS_MAX_ATTEMPTS = 2
    settings.DOCUMENTS_RETRY_DELAY = 30
    sent(imported.declaration_revision, editor)
    build = DocumentBuild.objects.get()
    monkeypatch.setattr(pdf, "FONT_FILES", {400: tmp_path / "gone.otf"})
    before = timezone.now()

    assert documents_make.call(build.pk) == DocumentBuild.Status.PENDING
    build.refresh_from_db()
    assert build.attempts == 1 and build.last_error.startswith("PdfError")
    assert before + timedelta(seconds=29) < build.next_attempt_at
    assert build.next_attempt_at < timezone.now() + timedelta(seconds=31)
    assert documents_make.call(build.pk) == "not due"  # waiting for its retry

    DocumentBuild.objects.filter(pk=build.pk).update(next_attempt_at=timezone.now())
    assert documents_make.call(build.pk) == DocumentBuild.Status.FAILED
    build.refresh_from_db()
    assert (build.status, build.attempts) == (DocumentBuild.Status.FAILED, 2)
    assert documents_make.call(build.pk) == "not due"
    assert not FrozenDocument.objects.exists()


def test_a_claimed_build_is_not_made_by_a_second_worker(imported, editor, monkeypatch):
    sent(imported.declaration_revision, editor)
    build = DocumentBuild.objects.get()
    import documents.tasks

    def second_worker(claimed):
        # while the first worker makes the PDFs, the same task runs again
        assert documents_make.call(claimed.pk) == "not due"
        return real(claimed)

    real = documents.tasks.build_make
    monkeypatch.setattr(documents.tasks, "build_make", second_worker)

    assert documents_make.call(build.pk) == DocumentBuild.Status.DONE
    assert FrozenDocument.objects.count() == 2
    assert DocumentBuild.objects.get().attempts == 1


def test_what_was_sent_and_is_lost_fails_at_once_and_says_why(imported, editor):
    from reviews.models import Submission

    revision = sent(imported.declaration_revision, editor)
    # a 送付 recorded before its content was kept (ADR 0094's backfill), then reopened
    Submission.objects.filter(pk=Submission.objects.get().pk)._raw_delete(Submission.objects.db)
    revision_return(revision=revision, actor=editor, comment="差戻し")
    revision_reopen(revision=revision, actor=editor)

    assert make_documents() == 1

    build = DocumentBuild.objects.get()
    assert (build.status, build.attempts) == (DocumentBuild.Status.FAILED, 1)
    assert "送付した内容が記録されておらず" in build.last_error


def test_the_back_off_doubles_up_to_its_bound(settings):
    settings.DOCUMENTS_RETRY_DELAY = 30
    settings.DOCUMENTS_RETRY_MAX_DELAY = 100
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 100, 100]
