"""The review services: every decision leaves a Review row pointing at the revision (whatever
client made it), comments are checked and threaded, a thread is resolved once."""

import datetime

import pytest
from django.utils import timezone

from reviews.models import Comment, Review
from reviews.services import CommentRefused, clean_body, comment_post, thread_resolve
from workflow.verbs import revision_accept, revision_return

pytestmark = pytest.mark.django_db


def test_a_return_writes_one_review_row_pointing_at_the_revision(submitted, reviewer):
    revision_return(revision=submitted.vision_revision, actor=reviewer, comment="  見直し  ")
    review = Review.objects.get()
    assert review.revision == submitted.vision_revision
    assert (review.decision, review.comment, review.reviewer, review.region) == (
        "returned",
        "見直し",
        reviewer,
        submitted.region,
    )


def test_an_acceptance_by_a_command_records_no_reviewer(submitted):
    revision_accept(revision=submitted.declaration_revision, actor=None)
    review = Review.objects.get()
    assert review.reviewer is None and review.decision == "accepted" and review.publish_on is None


def test_a_scheduled_acceptance_records_its_day_and_a_past_day_publishes_now(submitted, reviewer):
    day = timezone.localdate() + datetime.timedelta(days=30)
    revision_accept(revision=submitted.declaration_revision, actor=reviewer, publish_on=day)
    revision_accept(
        revision=submitted.vision_revision,
        actor=reviewer,
        publish_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert dict(Review.objects.values_list("object_id", "publish_on")) == {
        submitted.declaration_revision.pk: day,
        submitted.vision_revision.pk: None,
    }


def test_a_refused_decision_leaves_no_review_row(imported, reviewer):
    from declarations.services import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed):
        revision_accept(revision=imported.declaration_revision, actor=reviewer)  # still a draft
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("body", "stored"),
    [
        ("  本文  ", "本文"),
        ("一行目\r\n二行目\r三行目", "一行目\n二行目\n三行目"),
        ("タブ\tは可", "タブ\tは可"),
        ("a\x1bb\x0bc", "ab\nc"),
    ],
)
def test_comment_text_is_normalised(body, stored):
    assert clean_body(body) == stored


@pytest.mark.parametrize("body", ["", "   ", "\x00", "a\ud800b", "\x1b", "x" * 10_001])
def test_bad_comment_text_is_refused(body):
    with pytest.raises(CommentRefused):
        clean_body(body)


def test_replies_join_the_root_of_their_thread(submitted, reviewer, editor):
    revision = submitted.declaration_revision
    root = comment_post(
        revision=revision,
        author=reviewer,
        body="根",
        anchor="members[0]",
        by_reviewer=True,
        valid_anchors=["members[0]"],
    )
    first = comment_post(
        revision=revision, author=editor, body="一", parent=root, by_reviewer=False
    )
    second = comment_post(
        revision=revision, author=reviewer, body="二", parent=first, by_reviewer=True
    )
    assert second.parent == root and second.anchor == "members[0]"
    resolved = thread_resolve(comment=second, actor=reviewer)
    assert resolved.pk == root.pk and resolved.resolved_by == reviewer
    with pytest.raises(CommentRefused):
        thread_resolve(comment=root, actor=reviewer)


def test_staff_can_only_reply(submitted, editor):
    with pytest.raises(CommentRefused):
        comment_post(
            revision=submitted.declaration_revision, author=editor, body="話題", by_reviewer=False
        )
    assert not Comment.objects.exists()


def test_an_anchor_must_be_an_item_of_the_revision(submitted, reviewer):
    with pytest.raises(CommentRefused):
        comment_post(
            revision=submitted.declaration_revision,
            author=reviewer,
            body="x",
            anchor="members[99]",
            by_reviewer=True,
            valid_anchors=["members[0]"],
        )


def test_threads_group_replies_and_put_open_threads_first(submitted, reviewer, editor):
    from reviews.selectors import threads_of

    revision = submitted.declaration_revision
    first = comment_post(revision=revision, author=reviewer, body="一", by_reviewer=True)
    second = comment_post(
        revision=revision,
        author=reviewer,
        body="二",
        anchor="declaration.fields",
        by_reviewer=True,
        valid_anchors=["declaration.fields"],
    )
    comment_post(revision=revision, author=editor, body="返信", parent=first, by_reviewer=False)
    thread_resolve(comment=first, actor=reviewer)
    threads = threads_of(revision)
    assert [t.root for t in threads] == [second, first]
    assert threads[0].anchor.label == "取り組む分野"
    assert [c.body for c in threads[1].comments] == ["一", "返信"]
