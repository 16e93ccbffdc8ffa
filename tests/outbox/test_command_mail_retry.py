"""manage.py mail_retry: a pending mail whose time has come (its queue entry lost, or its
worker gone) is queued again; with --failed, failed ones too; a mail waiting for its
back-off is left to wait."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from outbox.models import Mail

pytestmark = pytest.mark.django_db


def _mail(subject, **fields):
    return Mail.objects.create(subject=subject, body="本文", recipients=["a@x.jp"], **fields)


def test_due_pending_mails_are_sent_and_waiting_ones_wait(django_capture_on_commit_callbacks):
    due = _mail("届いていない")
    waiting = _mail("待機中", attempts=1, next_attempt_at=timezone.now() + timedelta(hours=1))
    failed = _mail("失敗", status=Mail.Status.FAILED, attempts=8)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mail_retry", stdout=out)
    assert "1 通のメールを再送の列に入れました" in out.getvalue()
    assert [m.subject for m in mail.outbox] == ["届いていない"]
    for row in (due, waiting, failed):
        row.refresh_from_db()
    assert (due.status, waiting.status, failed.status) == (
        Mail.Status.SENT, Mail.Status.PENDING, Mail.Status.FAILED,
    )  # fmt: skip


def test_with_failed_the_failed_mails_get_one_more_attempt(django_capture_on_commit_callbacks):
    failed = _mail("失敗", status=Mail.Status.FAILED, attempts=8)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mail_retry", "--failed", stdout=StringIO())
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Mail.Status.SENT, 9)
