"""The outbox: a row per message, written in the caller's transaction; the subject and body
made safe for a mail; the delivery run on commit (the test settings run tasks at once)."""

import pytest
from django.core import mail
from django.db import transaction

from outbox.models import Mail
from outbox.services import mail_enqueue, mails_retry
from outbox.text import body_text, header_text

pytestmark = pytest.mark.django_db


def test_a_mail_is_a_row_first_and_is_delivered_once_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        row = mail_enqueue("送付されました", "本文です。", ["a@example.jp", "b@example.jp"])
        assert Mail.objects.get() == row
        assert row.status == Mail.Status.PENDING
        assert mail.outbox == []  # nothing is sent before the commit
    assert len(callbacks) == 1
    (message,) = mail.outbox
    assert message.subject == "[広域リージョン連携ポータル] 送付されました"
    assert message.to == ["a@example.jp", "b@example.jp"]
    assert message.body == "本文です。"
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Mail.Status.SENT, 1, "")
    assert row.sent_at is not None


def test_a_rolled_back_move_leaves_no_row_and_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            mail_enqueue("件名", "本文", ["a@example.jp"])
            raise RuntimeError
    assert not Mail.objects.exists()
    assert mail.outbox == []


def test_no_recipients_no_row():
    assert mail_enqueue("件名", "本文", []) is None
    assert mail_enqueue("件名", "本文", ["", ""]) is None
    assert not Mail.objects.exists()


def test_a_recipient_named_twice_gets_one_copy():
    row = mail_enqueue("件名", "本文", ["a@example.jp", "b@example.jp", "a@example.jp"])
    assert row.recipients == ["a@example.jp", "b@example.jp"]


@pytest.mark.parametrize(
    "name", ["瀬戸内\u000bリージョン", "瀬戸内\nリージョン", "瀬戸内\u2028リージョン",
             "瀬戸内\x85リージョン", "瀬戸内\ud800リージョン", "瀬戸内\x00リージョン"],
)  # fmt: skip
def test_stored_text_with_control_characters_never_stops_a_mail(
    name, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = mail_enqueue(f"送付されました: {name} 連携宣言書", f"{name} の本文\ud800", ["a@x.jp"])
    row.refresh_from_db()
    assert row.status == Mail.Status.SENT, row.last_error
    (message,) = mail.outbox
    assert (
        message.subject
        == "[広域リージョン連携ポータル] 送付されました: 瀬戸内 リージョン 連携宣言書"
    )
    message.message().as_bytes()  # the whole message encodes
    assert "\ufffd" in message.body


def test_the_header_function_keeps_ordinary_text_and_removes_only_what_breaks_a_header():
    assert header_text("瀬戸内　広域リージョン 第1版") == "瀬戸内　広域リージョン 第1版"
    assert header_text("a\r\n\tb\x0b\x0cc") == "a b c"
    assert header_text("x" * 400) == "x" * 250


def test_the_body_function_keeps_lines_and_tabs():
    assert (
        body_text("一行目\r\n二行目\r三行目\u2028四\t五\x00\x1b")
        == "一行目\n二行目\n三行目\n四\t五"
    )
    assert body_text("\udfff") == "\ufffd"


def test_retry_now_queues_every_unsent_mail_again_and_leaves_sent_ones(
    django_capture_on_commit_callbacks,
):
    failed = Mail.objects.create(
        subject="s1", body="b", recipients=["a@x.jp"], status=Mail.Status.FAILED, attempts=8
    )
    sent = Mail.objects.create(
        subject="s2", body="", recipients=["a@x.jp"], status=Mail.Status.SENT
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert mails_retry(Mail.objects.all()) == 1
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, failed.attempts) == (Mail.Status.SENT, 9)
    assert sent.status == Mail.Status.SENT
    assert [m.subject for m in mail.outbox] == ["s1"]
