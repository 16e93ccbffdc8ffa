"""``reply_post`` owns the look-up of the comment answered (the admin and the staff reply both
call it), and the comment mails lead to the item (issue 13)."""

import pytest

from reviews.models import Comment
from reviews.services import CommentRefused, ReplyTargetMissing, comment_post, reply_post

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.jp"


@pytest.fixture
def thread(submitted, reviewer):
    return comment_post(
        revision=submitted.declaration_revision,
        author=reviewer,
        body="根",
        anchor="",
        by_reviewer=True,
    )


def test_a_reply_is_posted_to_the_root_found_by_its_id(submitted, thread, editor, reviewer):
    first = reply_post(
        revision=submitted.declaration_revision,
        author=editor,
        body="一",
        parent_id=thread.pk,
        by_reviewer=False,
    )
    second = reply_post(
        revision=submitted.declaration_revision,
        author=reviewer,
        body="二",
        parent_id=first.pk,
        by_reviewer=True,
    )
    assert first.parent == thread and second.parent == thread


def test_a_comment_of_another_region_is_missing(submitted, thread, editor):
    from tests.factories import RegionFactory

    foreign = Comment.objects.create(
        region=RegionFactory(slug="other"),
        content_type=thread.content_type,
        object_id=thread.object_id,
        author=thread.author,
        by_reviewer=True,
        body="よそ",
    )
    with pytest.raises(ReplyTargetMissing):
        reply_post(
            revision=submitted.declaration_revision,
            author=editor,
            body="一",
            parent_id=foreign.pk,
            by_reviewer=False,
        )


@pytest.mark.parametrize("parent_id", [0, 10_000, None, "x", "-1"])
def test_an_unknown_parent_is_missing(submitted, thread, editor, parent_id):
    with pytest.raises(ReplyTargetMissing):
        reply_post(
            revision=submitted.declaration_revision,
            author=editor,
            body="一",
            parent_id=parent_id,
            by_reviewer=False,
        )
    assert Comment.objects.count() == 1


def test_a_comment_of_another_revision_is_refused(submitted, thread, editor):
    with pytest.raises(CommentRefused, match="返信先のコメントがこの版にありません"):
        reply_post(
            revision=submitted.vision_revision,
            author=editor,
            body="一",
            parent_id=thread.pk,
            by_reviewer=False,
        )
    assert Comment.objects.count() == 1


def test_comment_mails_carry_the_link_the_region_and_the_action(
    submitted, reviewer, editor, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.PORTAL_BASE_URL = BASE
    vision = submitted.vision_revision
    with django_capture_on_commit_callbacks(execute=True):
        root = comment_post(revision=vision, author=reviewer, body="目標を数値で", by_reviewer=True)
    to_editor = mailoutbox[-1]
    assert to_editor.to == ["editor@setouchi.example.jp"]
    assert f"{submitted.region.pk} 連携ビジョン" not in to_editor.subject + to_editor.body
    assert "瀬戸内広域リージョン 連携ビジョン 第1版" in to_editor.subject
    assert f"{BASE}/staff/setouchi/comments/vision/1/" in to_editor.body
    assert "目標を数値で" in to_editor.body and "返信してください" in to_editor.body
    with django_capture_on_commit_callbacks(execute=True):
        reply_post(
            revision=vision, author=editor, body="直します", parent_id=root.pk, by_reviewer=False
        )
    to_reviewer = mailoutbox[-1]
    assert to_reviewer.to == ["shinsa@soumu.example.jp"]
    assert f"{BASE}/admin/reviews/review/revisions/vision/{vision.pk}/" in to_reviewer.body
    assert "瀬戸内広域リージョン" in to_reviewer.body and "直します" in to_reviewer.body
