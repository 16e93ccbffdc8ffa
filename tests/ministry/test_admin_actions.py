"""The reviewers' verbs in the admin, each as reviewer, as region staff and as anonymous:
comment (anchored to an item or not), reply, resolve, return (a comment is required) and
accept (now, or on a date; ``publish_scheduled`` publishes the due ones). Every decision
e-mails the region's editors and leaves a ``Review`` row."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from declarations.lifecycle import Status
from declarations.models import StatusChange
from reviews.models import Comment, Review
from tests.factories import UserFactory
from tests.review_helpers import revision_url, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def declaration(submitted):
    return submitted.declaration_revision


def _status(revision) -> str:
    revision.refresh_from_db()
    return revision.status


# ---------------------------------------------------------------- comments


def test_a_reviewer_comments_on_a_member_and_the_editors_are_mailed(
    reviewer_client, declaration, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            revision_url(declaration, "comment/"),
            {"anchor": "members[7]", "body": "活動範囲の根拠を示してください。"},
        )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.anchor, comment.by_reviewer, comment.parent) == ("members[7]", True, None)
    assert comment.revision == declaration and comment.region == declaration.region
    assert response["Location"].endswith(f"#thread-{comment.pk}")
    assert [m.to for m in mailoutbox] == [["editor@setouchi.example.jp"]]
    assert "活動範囲の根拠" in mailoutbox[0].body
    assert "瀬戸内広域リージョン 連携宣言書 第1版" in mailoutbox[0].subject
    page = reviewer_client.get(revision_url(declaration))
    assert "構成団体 8: 瀬戸内経済連合会" in page.content.decode()


def test_the_comment_form_offers_every_item_of_the_revision(reviewer_client, submitted):
    page = reviewer_client.get(revision_url(submitted.vision_revision))
    choices = dict(page.context["comment_form"].fields["anchor"].choices)
    assert choices[""] == "版の全体"
    assert choices["vision.projects[2]"] == "プロジェクト 3: 瀬戸内MaaS推進プロジェクト"
    declaration_page = reviewer_client.get(revision_url(submitted.declaration_revision))
    choices = dict(declaration_page.context["comment_form"].fields["anchor"].choices)
    assert {"declaration.fields", "members[0]", "members[12]", "region"} <= set(choices)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"anchor": "", "body": ""}, "このフィールドは必須です"),
        ({"anchor": "", "body": "   \n  "}, "このフィールドは必須です"),
        ({"anchor": "members[99]", "body": "存在しない団体"}, "正しく選択してください"),
        ({"anchor": "../../etc", "body": "x"}, "正しく選択してください"),
        ({"anchor": "", "body": "x" * 10_001}, "10000"),
        ({"anchor": "", "body": "制御文字\x00を含む"}, "制御文字"),
    ],
)
def test_bad_comments_are_refused_with_a_message(reviewer_client, declaration, data, message):
    response = reviewer_client.post(revision_url(declaration, "comment/"), data)
    assert response.status_code == 400
    assert message in response.content.decode().replace(",", "")
    assert not Comment.objects.exists()


def test_html_in_a_comment_is_shown_as_text(reviewer_client, declaration, editor):
    reviewer_client.post(
        revision_url(declaration, "comment/"), {"anchor": "", "body": "<script>alert(1)</script>"}
    )
    page = reviewer_client.get(revision_url(declaration))
    assert b"<script>alert(1)</script>" not in page.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page.content
    staff_page = signed_in(editor).get(
        f"/staff/{declaration.region.slug}/comments/declaration/{declaration.number}/"
    )
    assert b"<script>alert(1)</script>" not in staff_page.content


def test_a_reviewer_replies_in_a_thread_and_resolves_it(reviewer_client, reviewer, declaration):
    reviewer_client.post(
        revision_url(declaration, "comment/"), {"anchor": "region", "body": "区域の補足は？"}
    )
    root = Comment.objects.get()
    response = reviewer_client.post(
        revision_url(declaration, "comment/"), {"parent": root.pk, "body": "補足します。"}
    )
    assert response.status_code == 302
    reply = Comment.objects.exclude(pk=root.pk).get()
    assert (reply.parent, reply.anchor, reply.by_reviewer) == (root, "region", True)
    response = reviewer_client.post(f"/admin/reviews/review/comments/{reply.pk}/resolve/")
    assert response.status_code == 302
    root.refresh_from_db()
    assert root.resolved_by == reviewer and root.resolved_at is not None
    again = reviewer_client.post(f"/admin/reviews/review/comments/{root.pk}/resolve/", follow=True)
    assert "すでに解決済み" in again.content.decode()


def test_new_threads_only_on_revisions_waiting_for_review_or_returned(
    reviewer_client, reviewer, declaration
):
    from workflow.verbs import revision_accept

    revision_accept(revision=declaration, actor=reviewer)
    page = reviewer_client.get(revision_url(declaration))
    assert not page.context["can_open_thread"]
    response = reviewer_client.post(
        revision_url(declaration, "comment/"), {"anchor": "", "body": "遅すぎたコメント"}
    )
    assert response.status_code == 400
    assert "新しいコメントを付けられません" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_of_another_revision_is_refused(reviewer_client, submitted):
    reviewer_client.post(
        revision_url(submitted.vision_revision, "comment/"), {"anchor": "", "body": "ビジョンへ"}
    )
    other = Comment.objects.get()
    response = reviewer_client.post(
        revision_url(submitted.declaration_revision, "comment/"),
        {"parent": other.pk, "body": "別の版への返信"},
        follow=True,
    )
    assert "返信先のコメントがこの版にありません" in response.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("parent", ["999999", "abc", "-1", ""])
def test_a_reply_to_an_unknown_comment_is_not_a_server_error(reviewer_client, declaration, parent):
    response = reviewer_client.post(
        revision_url(declaration, "comment/"), {"parent": parent, "body": "返信"}
    )
    assert response.status_code in (302, 400, 404)
    assert not Comment.objects.filter(body="返信").exclude(parent=None).exists()


def test_resolving_an_unknown_comment_answers_404(reviewer_client, declaration):
    assert reviewer_client.post("/admin/reviews/review/comments/999999/resolve/").status_code == 404


def test_get_is_not_allowed_on_the_verbs(reviewer_client, declaration):
    for suffix in ("comment/", "return/", "accept/"):
        assert reviewer_client.get(revision_url(declaration, suffix)).status_code == 405


# ---------------------------------------------------------------- return


@pytest.mark.parametrize("comment", ["", "   ", "\n\t"])
def test_return_without_a_comment_is_refused(reviewer_client, declaration, comment):
    response = reviewer_client.post(revision_url(declaration, "return/"), {"comment": comment})
    assert response.status_code == 400
    assert "差戻しにはコメントが必要です" in response.content.decode()
    assert _status(declaration) == Status.SUBMITTED
    assert not Review.objects.exists()


def test_return_moves_the_revision_records_the_decision_and_mails_the_editors(
    reviewer_client, reviewer, declaration, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            revision_url(declaration, "return/"), {"comment": "区域の補足を記載してください。"}
        )
    assert response.status_code == 302
    assert _status(declaration) == Status.RETURNED
    review = Review.objects.get()
    assert (review.decision, review.reviewer, review.comment) == (
        Review.Decision.RETURNED,
        reviewer,
        "区域の補足を記載してください。",
    )
    assert review.revision == declaration
    change = StatusChange.objects.get(new=Status.RETURNED)
    assert change.actor == reviewer
    assert mailoutbox[-1].to == ["editor@setouchi.example.jp"]
    assert "差し戻されました" in mailoutbox[-1].subject


def test_a_revision_cannot_be_returned_twice(reviewer_client, declaration):
    reviewer_client.post(revision_url(declaration, "return/"), {"comment": "一度目"})
    response = reviewer_client.post(
        revision_url(declaration, "return/"), {"comment": "二度目"}, follow=True
    )
    assert response.status_code == 200
    assert "移せません" in response.content.decode()
    assert Review.objects.count() == 1


# ---------------------------------------------------------------- accept


def test_accept_publishes_now_and_mails_the_editors(
    reviewer_client, reviewer, declaration, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            revision_url(declaration, "accept/"), {"comment": "", "publish_on": ""}
        )
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.status == Status.PUBLISHED and declaration.published_at is not None
    review = Review.objects.get()
    assert (review.decision, review.reviewer, review.publish_on) == (
        Review.Decision.ACCEPTED,
        reviewer,
        None,
    )
    assert [
        c.new
        for c in StatusChange.objects.filter(
            object_id=declaration.pk, content_type__model="declarationrevision"
        )
    ][-2:] == [
        Status.ACCEPTED,
        Status.PUBLISHED,
    ]
    assert "公表されました" in mailoutbox[-1].subject


def test_accept_on_a_future_date_schedules_and_the_command_publishes_on_that_day(
    reviewer_client, declaration, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    day = timezone.localdate() + datetime.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(
            revision_url(declaration, "accept/"),
            {"comment": "受理します", "publish_on": day.isoformat()},
        )
    declaration.refresh_from_db()
    assert (declaration.status, declaration.publish_on) == (Status.ACCEPTED, day)
    assert Review.objects.get().publish_on == day
    assert "受理されました" in mailoutbox[-1].subject
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    assert _status(declaration) == Status.ACCEPTED
    assert "0 件" in out.getvalue()
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=out)
    assert _status(declaration) == Status.PUBLISHED
    assert "1 件" in out.getvalue()
    assert "公表されました" in mailoutbox[-1].subject


@pytest.mark.parametrize("day", ["2020-01-01", "not-a-date", "2026-02-30", "9" * 50])
def test_accept_refuses_a_past_or_malformed_date(reviewer_client, declaration, day):
    response = reviewer_client.post(revision_url(declaration, "accept/"), {"publish_on": day})
    assert response.status_code == 400
    assert _status(declaration) == Status.SUBMITTED


def test_an_accepted_revision_is_public_and_a_returned_one_is_not(
    reviewer_client, submitted, editor
):
    from tests.filing_factories import valid_filing
    from tests.review_helpers import submit
    from workflow.adapter import filing_import

    other = filing_import(valid_filing(), slug="northern")
    submit(other.declaration_revision, editor)
    reviewer_client.post(revision_url(submitted.declaration_revision, "accept/"), {})
    reviewer_client.post(revision_url(submitted.vision_revision, "return/"), {"comment": "見直し"})
    reviewer_client.post(revision_url(other.declaration_revision, "return/"), {"comment": "見直し"})
    declaration, vision = submitted.declaration_revision, submitted.vision_revision
    declaration.refresh_from_db()
    vision.refresh_from_db()
    assert declaration.status == Status.PUBLISHED and declaration.published_at
    assert vision.status == Status.RETURNED and vision.published_at is None
    public = Client()
    page = public.get("/regions/setouchi/")
    assert page.status_code == 200
    assert "瀬戸内広域リージョン" in page.content.decode()
    assert "瀬戸内MaaS推進プロジェクト" not in page.content.decode()  # the returned vision
    assert public.get("/regions/northern/").status_code == 404
    assert "northern" not in public.get("/regions/").content.decode()


# ---------------------------------------------------------------- who may press the verbs


@pytest.mark.parametrize("suffix", ["comment/", "return/", "accept/"])
def test_anonymous_and_region_staff_cannot_use_the_verbs(client, editor, declaration, suffix):
    data = {"anchor": "", "body": "x", "comment": "x"}
    for visitor in (client, signed_in(editor)):
        response = visitor.post(revision_url(declaration, suffix), data)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert _status(declaration) == Status.SUBMITTED
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("suffix", "permission"),
    [("comment/", "add_comment"), ("return/", "return_revision"), ("accept/", "accept_revision")],
)
def test_each_verb_needs_its_own_permission(declaration, suffix, permission):
    from django.contrib.auth.models import Permission

    clerk = UserFactory(username="clerk", is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_declarationrevision", "view_visionrevision"])
    )
    client = signed_in(clerk)
    assert client.get(revision_url(declaration)).status_code == 200
    data = {"anchor": "", "body": "x", "comment": "x"}
    assert client.post(revision_url(declaration, suffix), data).status_code == 403
    clerk.user_permissions.add(Permission.objects.get(codename=permission))
    client = signed_in(UserFactory(username="clerk"))
    assert client.post(revision_url(declaration, suffix), data).status_code == 302


def test_resolving_needs_its_permission(reviewer_client, declaration):
    from django.contrib.auth.models import Permission

    reviewer_client.post(revision_url(declaration, "comment/"), {"anchor": "", "body": "確認"})
    clerk = UserFactory(username="clerk", is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_declarationrevision", "view_visionrevision"])
    )
    comment = Comment.objects.get()
    assert (
        signed_in(clerk).post(f"/admin/reviews/review/comments/{comment.pk}/resolve/").status_code
        == 403
    )
    comment.refresh_from_db()
    assert comment.resolved_at is None


def test_a_return_without_a_reason_leads_with_a_summary_linking_to_the_reason_kept(
    reviewer_client, declaration
):
    """The error was 5,600 px below the top: the summary at the top links to the reason
    field and takes the focus; what was typed (blank lines here) is kept."""
    response = reviewer_client.post(revision_url(declaration, "return/"), {"comment": "\n\n  "})

    html = response.content.decode()
    summary = html.index('id="error-summary"')
    assert summary < html.index('id="content-section"')
    box = html[summary : html.index("</section>", summary)]
    assert 'tabindex="-1"' in box and "autofocus" in box
    assert "入力内容にエラーがあります（1件）" in box
    assert (
        '<a href="#id_return_comment">差戻しの理由（必須）: 差戻しにはコメントが必要です。</a>'
        in box
    )
    field = re.search(r'<textarea[^>]*id="id_return_comment"[^>]*>(.*?)</textarea>', html, re.S)
    assert 'aria-invalid="true"' in field.group(0) and field.group(1).endswith("\n  ")
    assert html.count('id="id_return_comment"') == 1 and html.count('id="id_comment"') == 1
