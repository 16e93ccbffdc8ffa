"""The audit trail: every status change, comment, resolution, acceptance and publication with
who, when and what, on one admin page; no UI can add, change or delete any of it."""

import pytest

from declarations.models import AppendOnlyError, StatusChange
from reviews.models import Comment, Review, ReviewTrailError
from reviews.services import comment_post, thread_resolve
from tests.review_helpers import signed_in
from workflow.verbs import revision_accept, revision_return

pytestmark = pytest.mark.django_db

AUDIT = "/admin/reviews/review/audit/"


@pytest.fixture
def history(submitted, reviewer, editor):
    """A comment and a reply, a resolution, a return and an acceptance with publication."""
    declaration, vision = submitted.declaration_revision, submitted.vision_revision
    root = comment_post(
        revision=declaration,
        author=reviewer,
        body="区域の補足を確認しました。",
        anchor="region",
        by_reviewer=True,
        valid_anchors=["region"],
    )
    comment_post(
        revision=declaration, author=editor, body="承知しました。", parent=root, by_reviewer=False
    )
    thread_resolve(comment=root, actor=reviewer)
    revision_return(
        revision=vision, actor=reviewer, comment="プロジェクトの期間を見直してください。"
    )
    revision_accept(revision=declaration, actor=reviewer)
    return submitted


def test_the_audit_page_lists_every_kind_of_event_with_who_and_what(reviewer_client, history):
    page = reviewer_client.get(AUDIT)
    assert page.status_code == 200
    entries = page.context["entries"]
    kinds = [entry.kind for entry in entries]
    # created ×2 (the import), submitted ×2, returned, accepted, published; two comments; one
    # resolution; two decisions
    assert kinds.count("status") == 7
    assert kinds.count("comment") == 2
    assert kinds.count("resolve") == 1
    assert kinds.count("review") == 2
    assert page.context["total"] == 12
    html = page.content.decode()
    for expected in (
        "送付済み（審査中） → 受理",
        "受理 → 公表",
        "差戻し",
        "プロジェクトの期間を見直してください。",
        "審査 花子",  # the reviewer, family name first
        "返信（リージョンの担当者）",
        "スレッドを解決済みにした",
        "瀬戸内広域リージョン 連携宣言書 第1版",
        "バンドルから取り込みました。",  # who created the imported drafts, and how
    ):
        assert expected in html, expected
    times = [entry.at for entry in entries]
    assert times == sorted(times, reverse=True)


def test_the_audit_page_filters_by_kind_and_region(reviewer_client, history):
    only_reviews = reviewer_client.get(AUDIT, {"kind": "review"})
    assert {e.kind for e in only_reviews.context["entries"]} == {"review"}
    other_region = reviewer_client.get(AUDIT, {"region": "999999"})
    assert other_region.status_code == 200  # an unknown region is ignored, not an error
    mine = reviewer_client.get(AUDIT, {"region": history.region.pk})
    assert mine.context["total"] == 12


@pytest.mark.parametrize("params", [{"p": "0"}, {"p": "x"}, {"p": "10000"}, {"kind": "<b>"}])
def test_bad_audit_parameters_are_not_errors(reviewer_client, history, params):
    assert reviewer_client.get(AUDIT, params).status_code == 200


def test_the_audit_page_pages_through_the_newest_first(reviewer_client, history, monkeypatch):
    from ministry.admin import views

    monkeypatch.setattr(views, "AUDIT_PAGE_SIZE", 3)
    first = reviewer_client.get(AUDIT)
    second = reviewer_client.get(AUDIT, {"p": 2})
    last = reviewer_client.get(AUDIT, {"p": 4})
    past_the_end = reviewer_client.get(AUDIT, {"p": "99999999999999999999"})
    seen = first.context["entries"] + second.context["entries"]
    assert len(seen) == 6 and len(last.context["entries"]) == 3  # 12 entries
    assert [e.at for e in seen] == sorted((e.at for e in seen), reverse=True)
    assert first.context["pages"] == 4
    assert past_the_end.status_code == 200 and past_the_end.context["number"] == 4
    assert past_the_end.context["entries"] == last.context["entries"]


def test_the_audit_page_is_for_reviewers_only(client, history, editor):
    assert client.get(AUDIT).status_code == 302
    assert signed_in(editor).get(AUDIT).status_code == 302


@pytest.mark.parametrize("who", ["reviewer", "superuser"])
def test_the_admin_refuses_to_add_change_or_delete_audit_rows(who, request, history):
    client = signed_in(request.getfixturevalue(who))
    rows = {
        "declarations/statuschange": StatusChange.objects.first(),
        "reviews/comment": Comment.objects.first(),
        "reviews/review": Review.objects.first(),
    }
    for path, row in rows.items():
        base = f"/admin/{path}"
        assert client.get(f"{base}/").status_code == 200
        page = client.get(f"{base}/{row.pk}/change/")
        assert page.status_code == 200 and b'name="_save"' not in page.content
        assert (
            client.post(
                f"{base}/{row.pk}/change/", {"comment": "改ざん", "body": "改ざん"}
            ).status_code
            == 403
        )
        assert client.post(f"{base}/{row.pk}/delete/", {"post": "yes"}).status_code == 403
        assert client.post(f"{base}/add/", {"comment": "捏造", "body": "捏造"}).status_code == 403
        assert client.post(
            f"{base}/", {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"}
        ).status_code in (200, 302)
    assert StatusChange.objects.count() == 7  # 2 creations (the import) and 5 moves
    assert Comment.objects.count() == 2
    assert Review.objects.count() == 2
    assert not Comment.objects.filter(body__in=["改ざん", "捏造"]).exists()


def test_the_model_layer_refuses_to_edit_or_delete_comments_and_decisions(history):
    comment = Comment.objects.first()
    comment.body = "書き換え"
    with pytest.raises(ReviewTrailError):
        comment.save()
    with pytest.raises(ReviewTrailError):
        comment.delete()
    with pytest.raises(ReviewTrailError):
        Comment.objects.update(body="書き換え")
    with pytest.raises(ReviewTrailError):
        Comment.objects.all().delete()
    review = Review.objects.first()
    with pytest.raises(AppendOnlyError):
        review.delete()
    with pytest.raises(AppendOnlyError):
        Review.objects.update(comment="書き換え")
