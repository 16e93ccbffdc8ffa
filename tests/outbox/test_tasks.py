"""The delivery task against a real SMTP listener (aiosmtpd): sent, refused (a retry after
a back-off, then failed after the last attempt), and the one-time body not kept once sent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from outbox.models import Mail
from outbox.tasks import mail_deliver, retry_delay
from tests.smtp_helpers import SmtpListener, smtp_mailer

pytestmark = pytest.mark.django_db


@pytest.fixture
def row():
    return Mail.objects.create(
        subject="件名", body="招待のリンク https://x/abc", recipients=["a@x.jp"]
    )


def test_a_due_mail_is_sent_and_its_body_is_not_kept(settings, row):
    listener = SmtpListener().start()
    try:
        settings.MAILERS = smtp_mailer(listener.port, timeout=5)
        assert mail_deliver.call(row.pk) == Mail.Status.SENT
    finally:
        listener.stop()
    (envelope,) = listener.received
    assert envelope.rcpt_tos == ["a@x.jp"]
    assert "https://x/abc" in listener.messages()[0].get_content()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.body) == (Mail.Status.SENT, 1, "")


def test_a_refused_connection_is_recorded_and_tried_again_later(settings, row):
    settings.MAILERS = smtp_mailer(SmtpListener().port, timeout=5)  # nobody listens there
    settings.OUTBOX_RETRY_DELAY = 60
    before = timezone.now()
    assert mail_deliver.call(row.pk) == Mail.Status.PENDING
    row.refresh_from_db()
    assert row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error
    assert (
        before + timedelta(seconds=59)
        < row.next_attempt_at
        < timezone.now() + timedelta(seconds=61)
    )
    # not due yet: a second task for the same row does nothing
    assert mail_deliver.call(row.pk) == "not due"
    assert row.body  # kept for the retry


def test_after_the_last_attempt_the_mail_is_failed(settings, row):
    settings.MAILERS = smtp_mailer(SmtpListener().port, timeout=5)
    settings.OUTBOX_MAX_ATTEMPTS = 2
    Mail.objects.filter(pk=row.pk).update(attempts=1)
    assert mail_deliver.call(row.pk) == Mail.Status.FAILED
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Mail.Status.FAILED, 2)
    assert mail_deliver.call(row.pk) == "not due"


def test_the_back_off_doubles_up_to_its_ceiling(settings):
    settings.OUTBOX_RETRY_DELAY = 60
    settings.OUTBOX_RETRY_MAX_DELAY = 600
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 5, 9)] == [
        60, 120, 240, 480, 600, 600,
    ]  # fmt: skip
