"""事前相談 in the admin (ADR 0116): the reviewers' own queue apart from the submissions, the
answer page with the draft's content, anchored answers, audit entries, and no status moves."""

import pytest

from declarations.lifecycle import Status
from declarations.models import StatusChange
from reviews.advice import advice_ask, advice_comment
from reviews.models import Comment
from tests.factories import UserFactory
from tests.review_helpers import signed_in, submit

pytestmark = pytest.mark.django_db

QUEUE = "/admin/reviews/advicerequest/queue/"


def answer_url(advice, suffix=""):
    return f"/admin/reviews/advicerequest/{advice.pk}/answer/{suffix}"


@pytest.fixture
def asked(imported, editor):
    return advice_ask(
        revision=imported.declaration_revision,
        actor=editor,
        question="経済団体の書き方を教えてくださいADVQ1",
        anchor="members[7]",
        valid_anchors=["members[7]"],
    )


def test_the_queue_lists_questions_apart_from_submissions_and_filters_by_state(
    reviewer_client, asked, reviewer
):
    page = reviewer_client.get(QUEUE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "経済団体の書き方を教えてくださいADVQ1" in html
    assert answer_url(asked) in html
    assert "回答待ち" in html
    # the submissions queue does not list the draft
    assert "ADVQ1" not in reviewer_client.get("/admin/reviews/review/queue/").content.decode()
    # the review menu leads to it
    assert QUEUE in reviewer_client.get("/admin/reviews/review/queue/").content.decode()
    advice_comment(advice=asked, author=reviewer, body="回答です", by_reviewer=True)
    assert "ADVQ1" not in reviewer_client.get(QUEUE + "?state=open").content.decode()
    assert "ADVQ1" in reviewer_client.get(QUEUE + "?state=answered").content.decode()
    assert reviewer_client.get(QUEUE + "?state=nonsense").status_code == 200


def test_the_answer_page_shows_the_draft_content_and_the_question(reviewer_client, asked):
    page = reviewer_client.get(answer_url(asked))
    assert page.status_code == 200
    html = page.content.decode()
    assert "瀬戸内経済連合会" in html  # a member of the draft, laid out as on the review page
    assert "経済団体の書き方を教えてくださいADVQ1" in html
    assert 'id="answer-form"' in html
    assert "この項目について回答" in html  # the items link to the answer form


def test_a_reviewer_answers_on_an_item_and_nothing_of_the_revision_changes(
    reviewer_client, asked, imported
):
    revision = imported.declaration_revision
    changes = StatusChange.objects.count()
    response = reviewer_client.post(
        answer_url(asked, "post/"), {"anchor": "declaration.aspiration", "body": "簡潔にADVA1"}
    )
    assert response.status_code == 302
    answer = Comment.objects.get(advice=asked)
    assert answer.by_reviewer and answer.anchor == "declaration.aspiration"
    assert answer.body == "簡潔にADVA1"
    revision.refresh_from_db()
    assert revision.status == Status.DRAFT and StatusChange.objects.count() == changes
    assert "簡潔にADVA1" in reviewer_client.get(answer_url(asked)).content.decode()


def test_bad_answers_are_refused_with_the_text_kept(reviewer_client, asked):
    empty = reviewer_client.post(answer_url(asked, "post/"), {"anchor": "", "body": "  "})
    assert empty.status_code == 400 and "回答を入力してください" in empty.content.decode()
    nowhere = reviewer_client.post(
        answer_url(asked, "post/"), {"anchor": "nowhere[9]", "body": "残す回答ADVK"}
    )
    assert nowhere.status_code == 400 and "残す回答ADVK" in nowhere.content.decode()
    assert not Comment.objects.filter(advice=asked).exists()
    assert reviewer_client.get("/admin/reviews/advicerequest/999999/answer/").status_code == 404


def test_once_submitted_the_thread_is_read_only(reviewer_client, asked, imported, editor):
    submit(imported.declaration_revision, editor)
    page = reviewer_client.get(answer_url(asked))
    assert page.status_code == 200 and 'id="answer-form"' not in page.content.decode()
    refused = reviewer_client.post(answer_url(asked, "post/"), {"anchor": "", "body": "遅い回答"})
    assert refused.status_code in (302, 400)
    assert not Comment.objects.filter(advice=asked).exists()


def test_the_audit_trail_shows_asking_and_answering(reviewer_client, asked, reviewer):
    advice_comment(advice=asked, author=reviewer, body="回答ADVAUDIT", by_reviewer=True)
    page = reviewer_client.get("/admin/reviews/review/audit/")
    kinds = [entry.kind for entry in page.context["entries"]]
    assert kinds.count("advice") == 1
    html = page.content.decode()
    assert "事前相談（リージョンの担当者）" in html
    assert "事前相談への回答（審査担当）" in html
    assert "回答ADVAUDIT" in html
    only = reviewer_client.get("/admin/reviews/review/audit/?kind=advice")
    assert [entry.kind for entry in only.context["entries"]] == ["advice"]


def test_only_reviewers_reach_the_queue_and_the_answer_page(asked, editor):
    # a region's editor is not admin staff: sent to the admin's log-in
    for url in (QUEUE, answer_url(asked)):
        assert signed_in(editor).get(url).status_code == 302
    # admin staff without the reviewer's permissions: 403
    clerk = UserFactory(username="clerk", is_staff=True)
    assert signed_in(clerk).get(QUEUE).status_code == 403
    assert signed_in(clerk).get(answer_url(asked)).status_code == 403
    assert signed_in(clerk).post(answer_url(asked, "post/"), {"body": "x"}).status_code == 403
    assert not Comment.objects.filter(advice=asked).exists()


def test_the_answer_page_of_a_draft_vision_shows_its_projects(reviewer_client, imported, editor):
    advice = advice_ask(revision=imported.vision_revision, actor=editor, question="ビジョンの相談")
    page = reviewer_client.get(answer_url(advice))
    assert page.status_code == 200
    assert "瀬戸内MaaS推進プロジェクト" in page.content.decode()


def test_the_read_only_list_links_each_question_to_its_answer_page(reviewer_client, asked):
    page = reviewer_client.get("/admin/reviews/advicerequest/")
    assert page.status_code == 200
    html = page.content.decode()
    assert answer_url(asked) in html and "/admin/reviews/review/revisions/" not in html
