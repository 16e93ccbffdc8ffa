"""The region staff's side: the reviewers' threads and decisions of their revisions, and the
editors' replies. Not staff of the region: 404; anonymous: to the log-in page."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from accounts.models import RegionRole
from reviews.models import Comment
from reviews.services import comment_post
from tests.factories import UserFactory
from tests.filing_factories import valid_filing
from tests.review_helpers import (  # noqa: F401 (fixtures)
    editor,
    imported,
    reviewer,
    reviewer_client,
    signed_in,
    submitted,
    viewer,
)
from workflow.adapter import filing_import
from workflow.verbs import revision_return

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(submitted, reviewer):
    return comment_post(
        revision=submitted.declaration_revision,
        author=reviewer,
        body="構成団体の活動範囲を確認してください。",
        anchor="members[7]",
        by_reviewer=True,
        valid_anchors=["members[7]"],
    )


def threads_url(revision, suffix=""):
    return f"/staff/{revision.region.slug}/comments/{revision.document}/{revision.number}/{suffix}"


def test_an_editor_sees_the_thread_with_its_item_and_a_reply_form(editor, thread, submitted):
    page = signed_in(editor).get(threads_url(submitted.declaration_revision))
    assert page.status_code == 200
    html = page.content.decode()
    assert "審査担当からのコメント" in html
    assert "対象: 構成団体 8: 瀬戸内経済連合会" in html
    assert "構成団体の活動範囲を確認してください。" in html
    assert 'name="body"' in html and "返信する" in html
    assert "shinsa" not in html and "審査 花子" not in html  # reviewers appear by role only


def test_an_editor_replies_and_the_reviewers_are_mailed(
    editor, reviewer, thread, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    revision = submitted.declaration_revision
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(editor).post(
            threads_url(revision, "reply/"),
            {"parent": thread.pk, "body": "活動範囲は3県です。", "next": threads_url(revision)},
        )
    assert response.status_code == 302
    assert response["Location"] == threads_url(revision) + f"#thread-{thread.pk}"
    reply = Comment.objects.get(parent=thread)
    assert (reply.author, reply.by_reviewer, reply.anchor) == (editor, False, "members[7]")
    assert mailoutbox[-1].to == ["shinsa@soumu.example.jp"]
    page = signed_in(editor).get(threads_url(revision))
    assert "活動範囲は3県です。" in page.content.decode()


def test_a_reply_never_redirects_to_another_site(editor, thread, submitted):
    response = signed_in(editor).post(
        threads_url(submitted.declaration_revision, "reply/"),
        {"parent": thread.pk, "body": "返信", "next": "https://evil.example.com/"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/")


def test_a_viewer_reads_but_cannot_reply(viewer, thread, submitted):
    client = signed_in(viewer)
    page = client.get(threads_url(submitted.declaration_revision))
    assert page.status_code == 200
    assert "構成団体の活動範囲" in page.content.decode()
    assert "返信する" not in page.content.decode()
    response = client.post(
        threads_url(submitted.declaration_revision, "reply/"), {"parent": thread.pk, "body": "返信"}
    )
    assert response.status_code == 404
    assert not Comment.objects.filter(parent=thread).exists()


def test_staff_of_another_region_get_404(thread, submitted, editor):
    other = filing_import(valid_filing(), slug="other-region")
    stranger = UserFactory(username="stranger")
    RegionRole.objects.create(user=stranger, region=other.region, role=RegionRole.Role.EDITOR)
    client = signed_in(stranger)
    revision = submitted.declaration_revision
    assert client.get(threads_url(revision)).status_code == 404
    assert client.get(f"/staff/{revision.region.slug}/comments/").status_code == 404
    assert (
        client.post(threads_url(revision, "reply/"), {"parent": thread.pk, "body": "x"}).status_code
        == 404
    )
    # nor can they answer a thread of the other region through their own region's URL
    response = client.post(
        f"/staff/other-region/comments/declaration/{other.declaration_revision.number}/reply/",
        {"parent": thread.pk, "body": "越境"},
    )
    assert response.status_code == 404
    assert not Comment.objects.filter(body__in=["x", "越境"]).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, thread, submitted):
    revision = submitted.declaration_revision
    for response in (
        client.get(threads_url(revision)),
        client.get(f"/staff/{revision.region.slug}/comments/"),
        client.post(threads_url(revision, "reply/"), {"parent": thread.pk, "body": "x"}),
    ):
        assert response.status_code == 302 and "login" in response["Location"]
    assert not Comment.objects.filter(body="x").exists()


@pytest.mark.parametrize(
    "path",
    [
        "project/1/",
        "declaration/999/",
        "vision/999/",
        "declaration/0/",
    ],
)
def test_wrong_documents_and_numbers_answer_404(editor, submitted, path):
    assert (
        signed_in(editor).get(f"/staff/{submitted.region.slug}/comments/{path}").status_code == 404
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": "返信"}, "返信を入力してください"),  # no parent
        ({"parent": "abc", "body": "返信"}, "返信を入力してください"),
        ({"parent": "THREAD", "body": ""}, "返信を入力してください"),
        ({"parent": "THREAD", "body": "x" * 10_001}, "返信を入力してください"),
        ({"parent": "THREAD", "body": "ベル\x00"}, "返信を入力してください"),
    ],
)
def test_bad_replies_are_refused_with_a_message(editor, thread, submitted, data, message):
    data = {k: (thread.pk if v == "THREAD" else v) for k, v in data.items()}
    response = signed_in(editor).post(
        threads_url(submitted.declaration_revision, "reply/"), data, follow=True
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Comment.objects.filter(parent=thread).exists()


def test_staff_cannot_open_a_thread_of_their_own(editor, submitted):
    """Replies only: a comment without a parent is not a reply (the form requires one)."""
    response = signed_in(editor).post(
        threads_url(submitted.declaration_revision, "reply/"), {"parent": "", "body": "新しい話題"}
    )
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_the_index_lists_revisions_with_threads_and_decisions(editor, reviewer, thread, submitted):
    revision_return(
        revision=submitted.vision_revision, actor=reviewer, comment="期間を見直してください"
    )
    page = signed_in(editor).get(f"/staff/{submitted.region.slug}/comments/")
    items = page.context["items"]
    assert {(i.revision.document, i.open_threads, i.threads) for i in items} == {
        ("declaration", 1, 1),
        ("vision", 0, 0),
    }
    vision_item = next(i for i in items if i.revision.document == "vision")
    assert vision_item.last_decision.comment == "期間を見直してください"
    assert "差戻し" in page.content.decode()


def test_the_return_comment_is_shown_to_the_staff(editor, reviewer, submitted):
    revision_return(
        revision=submitted.vision_revision, actor=reviewer, comment="期間を見直してください"
    )
    page = signed_in(editor).get(threads_url(submitted.vision_revision))
    html = page.content.decode()
    assert "審査の判断" in html and "差戻し" in html and "期間を見直してください" in html


def test_the_include_renders_in_any_staff_template(editor, thread, submitted):
    request = RequestFactory().get("/staff/somewhere/")
    request.user = editor
    template = Template('{% include "reviews/includes/threads.html" with revision=revision %}')
    html = template.render(
        Context({"request": request, "revision": submitted.declaration_revision, "csrf_token": "t"})
    )
    assert "構成団体の活動範囲を確認してください。" in html
    assert 'value="/staff/somewhere/"' in html  # comes back to the page it was on
    assert "css/review-threads.css" in html
    empty = Template('{% include "reviews/includes/threads.html" with revision=None %}')
    assert empty.render(Context({"request": request})).strip() == ""


def test_the_threads_page_links_to_the_revision_on_the_staff_forms(editor, thread, submitted):
    page = signed_in(editor).get(threads_url(submitted.vision_revision))
    assert (
        f'href="/staff/{submitted.region.slug}/vision/{submitted.vision_revision.number}/"'
        in page.content.decode()
    )


def test_the_staff_forms_show_the_threads_of_the_revision(editor, viewer, thread, submitted):
    for user in (editor, viewer):
        page = signed_in(user).get(f"/staff/{submitted.region.slug}/declaration/1/")
        assert page.status_code == 200
        html = page.content.decode()
        assert 'id="review-threads"' in html
        assert "構成団体の活動範囲を確認してください。" in html
        assert ("返信する" in html) == (user == editor)
