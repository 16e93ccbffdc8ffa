"""事前相談 (ADR 0116): an editor asks on a draft, a reviewer answers; nothing of the revision
changes, each move leaves its row, mails go through the outbox, other regions see nothing."""

import pytest

from declarations.lifecycle import Status
from declarations.models import StatusChange
from outbox.models import Mail
from reviews.advice import AdviceRefused, advice_ask, advice_comment, advice_threads
from reviews.models import AdviceRequest, Comment
from reviews.selectors import threads_of
from tests.factories import RegionFactory, UserFactory
from tests.review_helpers import signed_in, submit

pytestmark = pytest.mark.django_db


def advice_url(revision, suffix=""):
    return (
        f"/staff/{revision.region.slug}/comments/advice/"
        f"{revision.document}/{revision.number}/{suffix}"
    )


def test_asking_and_answering_leave_rows_and_mails_and_change_no_status(imported, editor, reviewer):
    revision = imported.declaration_revision
    assert revision.status == Status.DRAFT
    changes = StatusChange.objects.count()
    advice = advice_ask(
        revision=revision,
        actor=editor,
        question="経済団体の活動範囲の書き方を教えてください。",
        anchor="members[0]",
        valid_anchors=["", "members[0]"],
    )
    assert any(reviewer.email in m.recipients for m in Mail.objects.all())
    answer = advice_comment(
        advice=advice, author=reviewer, body="都道府県コードで書いてください。", by_reviewer=True
    )
    assert any(editor.email in m.recipients for m in Mail.objects.all())
    revision.refresh_from_db()
    assert revision.status == Status.DRAFT
    assert StatusChange.objects.count() == changes
    assert answer.advice == advice and answer.by_reviewer
    threads = advice_threads(revision)
    assert [t.advice for t in threads] == [advice] and threads[0].is_answered
    assert threads_of(revision) == []  # advice comments are not review threads


def test_advice_is_refused_on_a_submitted_revision_and_the_thread_stays(imported, editor, reviewer):
    revision = imported.declaration_revision
    advice = advice_ask(revision=revision, actor=editor, question="質問")
    submit(revision, editor)
    revision.refresh_from_db()
    with pytest.raises(AdviceRefused):
        advice_ask(revision=revision, actor=editor, question="もう一つ")
    with pytest.raises(AdviceRefused):
        advice_comment(advice=advice, author=reviewer, body="回答", by_reviewer=True)
    assert AdviceRequest.objects.filter(pk=advice.pk).exists()
    assert not Comment.objects.filter(advice=advice).exists()


def test_an_empty_question_is_refused_with_a_message(imported, editor):
    with pytest.raises(AdviceRefused, match="相談の内容を入力してください"):
        advice_ask(revision=imported.declaration_revision, actor=editor, question="   ")


def test_an_editor_asks_on_the_staff_page_and_bad_input_keeps_the_text(imported, editor):
    revision = imported.declaration_revision
    client = signed_in(editor)
    page = client.get(advice_url(revision))
    assert page.status_code == 200 and "審査担当に相談する" in page.content.decode()
    bad = client.post(advice_url(revision, "ask/"), {"anchor": "nowhere", "question": "残す文"})
    assert bad.status_code == 400 and "残す文" in bad.content.decode()
    ok = client.post(advice_url(revision, "ask/"), {"anchor": "", "question": "相談です"})
    assert ok.status_code == 302
    assert AdviceRequest.objects.get().question == "相談です"


def test_a_viewer_reads_but_cannot_ask_and_another_region_gets_404(imported, viewer):
    revision = imported.declaration_revision
    assert signed_in(viewer).get(advice_url(revision)).status_code == 200
    assert (
        signed_in(viewer).post(advice_url(revision, "ask/"), {"question": "x"}).status_code == 404
    )
    from accounts.models import RegionRole

    other = UserFactory(username="other")
    RegionRole.objects.create(user=other, region=RegionFactory(slug="other"), role="editor")
    assert signed_in(other).get(advice_url(revision)).status_code == 404


def test_the_staff_draft_page_links_to_its_advice_page(imported, editor):
    revision = imported.declaration_revision
    page = signed_in(editor).get(f"/staff/{revision.region.slug}/declaration/{revision.number}/")
    assert page.status_code == 200
    assert advice_url(revision) in page.content.decode()
    vision = imported.vision_revision
    page = signed_in(editor).get(f"/staff/{vision.region.slug}/vision/{vision.number}/")
    assert advice_url(vision) in page.content.decode()


def test_an_answer_shows_to_the_editor_on_the_staff_page(imported, editor, reviewer):
    revision = imported.declaration_revision
    advice = advice_ask(revision=revision, actor=editor, question="質問ADVS")
    advice_comment(advice=advice, author=reviewer, body="回答ADVS", by_reviewer=True)
    html = signed_in(editor).get(advice_url(revision)).content.decode()
    assert "回答ADVS" in html and "回答あり" in html
