"""reviews.Submission (ADR 0094): every 送付 of a revision leaves one append-only row with its
number (第1回送付, 第2回送付 …), a 受付番号 unique across the portal and the bundle of what was
sent, written by ``workflow.verbs.revision_submit``; the data migration gives the 送付 made
before the record existed theirs."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from declarations.lifecycle import Status
from declarations.models import AppendOnlyError, DeclarationRevision
from declarations.services import revision_transition
from filing.bundle import filing_to_bundle, parse_bundle
from reviews.models import Submission
from reviews.selectors import latest_submissions, submissions_of
from reviews.services import receipt_number
from workflow.adapter import declaration_revision_loaded, filing_from_revisions
from workflow.verbs import revision_reopen, revision_return, revision_submit

pytestmark = pytest.mark.django_db


def test_receipt_number_is_era_year_and_six_digit_serial():
    jst = datetime.timezone(datetime.timedelta(hours=9))
    assert receipt_number(datetime.datetime(2026, 12, 2, 6, 0, tzinfo=jst), 123) == "R8-000123"
    # 2019-12-31 21:00 UTC is already 令和2年 in Japan.
    assert receipt_number(datetime.datetime(2019, 12, 31, 21, 0, tzinfo=datetime.UTC), 1) == (
        "R2-000001"
    )
    assert receipt_number(datetime.datetime(2019, 5, 1, tzinfo=jst), 7) == "R1-000007"


def test_submit_return_reopen_submit_numbers_the_submissions_one_and_two(
    imported, editor, reviewer
):
    revision = imported.declaration_revision
    revision_submit(revision=revision, actor=editor)
    first_content = filing_to_bundle(
        filing_from_revisions(declaration_revision_loaded(revision.pk))
    )
    revision_return(revision=revision, actor=reviewer, comment="目指すべき姿を具体的に。")
    revision_reopen(revision=revision, actor=editor)
    revision.refresh_from_db()
    revision.aspiration = "瀬戸内の島々をつなぐ新しい目指すべき姿"
    revision.save()
    revision_submit(revision=revision, actor=editor)
    revision.refresh_from_db()

    first, second = submissions_of(revision)
    assert (first.sequence, second.sequence) == (1, 2)
    assert (first.label, second.label) == ("第1回送付", "第2回送付")
    assert first.actor == second.actor == editor
    assert second.submitted_at == revision.submitted_at
    assert first.submitted_at < second.submitted_at
    assert first.receipt_number != second.receipt_number
    year = timezone.localtime(second.submitted_at).year
    assert second.receipt_number.startswith(f"R{year - 2018}-")
    # The snapshot is what was sent each time, as the region bundle.
    assert first.snapshot == first_content
    assert first.snapshot["declaration"]["aspiration"] != revision.aspiration
    assert second.snapshot["declaration"]["aspiration"] == revision.aspiration
    assert parse_bundle(second.snapshot) == filing_from_revisions(
        declaration_revision_loaded(revision.pk)
    )
    assert latest_submissions([revision])[("declaration", revision.pk)].pk == second.pk


def test_receipt_numbers_are_unique_and_run_on_across_revisions(imported, editor):
    revision_submit(revision=imported.declaration_revision, actor=editor)
    revision_submit(revision=imported.vision_revision, actor=editor)
    rows = list(Submission.objects.order_by("pk"))
    assert len(rows) == 2
    serials = [row.receipt_serial for row in rows]
    assert serials[1] == serials[0] + 1
    assert len({row.receipt_number for row in rows}) == 2
    vision = rows[1]
    assert vision.sequence == 1 and vision.revision == imported.vision_revision
    # A vision is sent with the declaration it is read against: both are in the snapshot.
    assert vision.snapshot["vision"]["projects"]
    assert vision.snapshot["members"]


def test_a_refused_submission_leaves_no_receipt(imported, editor):
    revision = imported.declaration_revision
    revision.aspiration = ""
    revision.save()
    with pytest.raises(Exception, match="送付できません"):
        revision_submit(revision=revision, actor=editor)
    assert not Submission.objects.exists()


def test_submissions_are_append_only(imported, editor):
    revision_submit(revision=imported.declaration_revision, actor=editor)
    row = Submission.objects.get()
    row.sequence = 5
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        Submission.objects.update(sequence=9)
    with pytest.raises(AppendOnlyError):
        Submission.objects.all().delete()
    assert Submission.objects.get().sequence == 1


def test_backfill_numbers_earlier_submissions_and_keeps_the_last_content(
    imported, editor, reviewer
):
    """Revisions sent before the record existed (moved without the verb): one row per 送付 in
    the audit trail, the frozen content on the last one only."""
    declaration = imported.declaration_revision
    revision_transition(revision=declaration, new=Status.SUBMITTED, actor=editor)
    revision_transition(revision=declaration, new=Status.RETURNED, actor=reviewer)
    revision_transition(revision=declaration, new=Status.DRAFT, actor=editor)
    revision_transition(revision=declaration, new=Status.SUBMITTED, actor=editor)
    assert not Submission.objects.exists()

    migration = import_module("documents.migrations.0002_backfill_submissions")
    migration.backfill(apps, None)
    migration.backfill(apps, None)  # a second run adds nothing

    declaration = DeclarationRevision.objects.get(pk=declaration.pk)
    first, second = submissions_of(declaration)
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.snapshot == {}
    assert second.snapshot == filing_to_bundle(
        filing_from_revisions(declaration_revision_loaded(declaration.pk))
    )
    assert second.submitted_at == declaration.submitted_at
    assert first.actor_id == second.actor_id == editor.pk
    assert second.receipt_serial == first.receipt_serial + 1
