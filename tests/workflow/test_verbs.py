"""The verbs: submit runs every rule and refuses with all findings; return needs a comment;
accept publishes now or on a given day; every move leaves an audit row."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from declarations.lifecycle import Status
from declarations.models import Member, StatusChange
from filing.bundle import read_bundle_file
from tests.factories import UserFactory
from workflow.adapter import filing_import
from workflow.verbs import (
    CommentRequired,
    SubmissionRefused,
    publish_due,
    revision_accept,
    revision_findings,
    revision_reopen,
    revision_return,
    revision_submit,
)

pytestmark = pytest.mark.django_db

BUNDLES = Path(__file__).resolve().parents[1] / "data" / "bundles"


@pytest.fixture
def imported():
    return filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="setouchi")


@pytest.fixture
def editor():
    return UserFactory(username="editor")


def test_a_valid_declaration_is_submitted_and_frozen(imported, editor):
    revision = imported.declaration_revision
    change = revision_submit(revision=revision, actor=editor)
    revision.refresh_from_db()
    assert revision.status == Status.SUBMITTED and revision.submitted_at is not None
    assert (change.old, change.new, change.actor) == (Status.DRAFT, Status.SUBMITTED, editor)


def test_submission_is_refused_with_every_error_at_once(imported, editor):
    revision = imported.declaration_revision
    revision.region_name = ""
    revision.aspiration = ""
    revision.save()
    revision.fields.all().delete()
    with pytest.raises(SubmissionRefused) as refused:
        revision_submit(revision=revision, actor=editor)
    codes = {finding.code for finding in refused.value.findings}
    assert {"declaration.region_name", "declaration.aspiration", "declaration.fields"} <= codes
    revision.refresh_from_db()
    assert revision.status == Status.DRAFT
    assert not StatusChange.objects.exclude(old="").exists()  # only the import's creation rows


def test_declaration_submission_is_not_blocked_by_vision_problems(imported, editor):
    vision = imported.vision_revision
    vision.aspiration = ""
    vision.roadmap = ""
    vision.save()
    assert all(
        f.path.startswith(("region", "declaration", "members"))
        for f in revision_findings(imported.declaration_revision)
    )
    revision_submit(revision=imported.declaration_revision, actor=editor)
    with pytest.raises(SubmissionRefused) as refused:
        revision_submit(revision=vision, actor=editor)
    assert {"vision.aspiration", "vision.roadmap"} <= {f.code for f in refused.value.findings}


def test_warnings_must_each_be_acknowledged_when_asked(imported, editor):
    vision = imported.vision_revision
    project = vision.projects.first()
    project.plan_references.all().delete()
    warnings = [f for f in revision_findings(vision) if not f.is_error]
    assert any(f.code == "project.plan_reference" for f in warnings)
    with pytest.raises(SubmissionRefused) as refused:
        revision_submit(revision=vision, actor=editor, acknowledged=set())
    assert {f.code for f in refused.value.findings} >= {"project.plan_reference"}
    revision_submit(
        revision=vision, actor=editor, acknowledged={(f.code, f.path) for f in warnings}
    )
    vision.refresh_from_db()
    assert vision.status == Status.SUBMITTED


def test_a_member_outside_the_projects_blocks_the_vision_not_the_declaration(imported, editor):
    declaration = imported.declaration_revision
    Member.objects.create(
        revision=declaration,
        organization=declaration.members.first().organization,
        key="lonely",
        name="どのプロジェクトにも入らない団体",
        kind="university",
        position=99,
    )
    revision_submit(revision=declaration, actor=editor)
    with pytest.raises(SubmissionRefused) as refused:
        revision_submit(revision=imported.vision_revision, actor=editor)
    assert "members.in_project" in {f.code for f in refused.value.findings}


def test_return_requires_a_comment_and_reopen_makes_a_draft_again(imported, editor):
    revision = imported.declaration_revision
    reviewer = UserFactory(username="reviewer")
    revision_submit(revision=revision, actor=editor)
    for empty in ("", "   "):
        with pytest.raises(CommentRequired):
            revision_return(revision=revision, actor=reviewer, comment=empty)
    revision_return(revision=revision, actor=reviewer, comment="区域の補足を記載してください。")
    revision.refresh_from_db()
    assert revision.status == Status.RETURNED
    revision_reopen(revision=revision, actor=editor)
    revision.refresh_from_db()
    assert revision.status == Status.DRAFT
    moves = StatusChange.objects.filter(object_id=revision.pk).exclude(old="").order_by("pk")
    assert list(moves.values_list("new", flat=True)) == ["submitted", "returned", "draft"]
    assert StatusChange.objects.get(new="returned").comment == "区域の補足を記載してください。"


def test_accept_publishes_at_once(imported, editor):
    revision = imported.declaration_revision
    revision_submit(revision=revision, actor=editor)
    revision_accept(revision=revision, actor=UserFactory(username="reviewer"))
    revision.refresh_from_db()
    assert revision.status == Status.PUBLISHED and revision.published_at is not None


def test_accept_with_a_future_date_publishes_on_that_day(imported, editor):
    revision = imported.declaration_revision
    revision_submit(revision=revision, actor=editor)
    today = datetime.date.today()
    revision_accept(revision=revision, actor=None, publish_on=today + datetime.timedelta(days=3))
    revision.refresh_from_db()
    assert revision.status == Status.ACCEPTED
    assert publish_due(today=today + datetime.timedelta(days=2)) == 0
    assert publish_due(today=today + datetime.timedelta(days=3)) == 1
    revision.refresh_from_db()
    assert revision.status == Status.PUBLISHED


def test_submission_mails_the_reviewers_after_commit(
    imported, editor, django_capture_on_commit_callbacks, mailoutbox
):
    from django.contrib.auth.models import Group

    from accounts.models import REVIEWER_GROUP, RegionRole

    reviewer = UserFactory(username="mic-reviewer", email="reviewer@soumu.example.jp")
    reviewer.groups.add(Group.objects.get_or_create(name=REVIEWER_GROUP)[0])
    RegionRole.objects.create(user=editor, region=imported.region, role=RegionRole.Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        revision_submit(revision=imported.declaration_revision, actor=editor)
    assert [m.to for m in mailoutbox] == [["reviewer@soumu.example.jp"]]
    assert "送付されました" in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        revision_return(
            revision=imported.declaration_revision, actor=reviewer, comment="区域を確認してください"
        )
    assert mailoutbox[-1].to == ["editor@example.jp"]
    assert "区域を確認してください" in mailoutbox[-1].body


def test_a_refused_submission_sends_no_mail(
    imported, editor, django_capture_on_commit_callbacks, mailoutbox
):
    revision = imported.declaration_revision
    revision.aspiration = ""
    revision.save()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(SubmissionRefused):
        revision_submit(revision=revision, actor=editor)
    assert mailoutbox == []


def test_a_field_missing_from_the_published_declaration_blocks_the_vision(imported, editor):
    # the published declaration lacks 交通; the next revisions (declaration and vision) have it
    declaration = imported.declaration_revision
    declaration.fields.filter(code="transport").delete()
    revision_submit(revision=declaration, actor=editor)
    revision_accept(revision=declaration, actor=None)
    imported.vision_revision.delete()
    result = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), region=imported.region)
    findings = revision_findings(result.vision_revision)
    sync = [f for f in findings if f.code == "change.declaration_sync"]
    assert sync and all(f.is_error for f in sync)
    with pytest.raises(SubmissionRefused):
        revision_submit(revision=result.vision_revision, actor=editor)


def test_accept_says_whether_it_published_now_or_scheduled(imported):
    """The verb returns its outcome; callers do not re-decide "now or on a date"."""
    today = timezone.localdate()
    declaration = imported.declaration_revision
    revision_submit(revision=declaration, actor=None)
    scheduled = revision_accept(
        revision=declaration, actor=None, publish_on=today + datetime.timedelta(days=5)
    )
    assert not scheduled.published
    assert scheduled.publish_on == today + datetime.timedelta(days=5)
    declaration.refresh_from_db()
    assert declaration.status == Status.ACCEPTED


def test_accept_on_a_past_or_present_day_publishes_now(imported):
    declaration = imported.declaration_revision
    revision_submit(revision=declaration, actor=None)
    outcome = revision_accept(revision=declaration, actor=None, publish_on=timezone.localdate())
    assert outcome.published and outcome.publish_on is None
    assert outcome.change.new == Status.PUBLISHED


def test_the_verbs_offered_follow_the_transition_table(imported):
    declaration = imported.declaration_revision
    assert declaration.available_verbs == ("submit",)
    revision_submit(revision=declaration, actor=None)
    declaration.refresh_from_db()
    assert declaration.available_verbs == ("return", "accept")


def test_the_rules_count_a_never_verified_vision_from_its_first_publication(imported, editor):
    from visions.models import VisionRevision
    from workflow.adapter import rule_context

    region, vision = imported.region, imported.vision_revision
    VisionRevision.objects.filter(pk=vision.pk).update(verified_on=None)
    vision.refresh_from_db()
    assert rule_context(region).vision_first_published_on is None  # never published
    for revision in (imported.declaration_revision, vision):
        revision_submit(revision=revision, actor=editor)
        revision_accept(revision=revision, actor=None)
    assert rule_context(region).vision_first_published_on == timezone.localdate()
    assert "vision.verification" not in [f.code for f in revision_findings(vision)]
    long_ago = timezone.now() - datetime.timedelta(days=400)
    VisionRevision.objects.filter(pk=vision.pk).update(published_at=long_ago)
    assert rule_context(region).vision_first_published_on == timezone.localdate(long_ago)
    assert "vision.verification" in [f.code for f in revision_findings(vision)]
