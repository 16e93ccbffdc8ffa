"""Reminders before a verification falls due, and the daily command (workflow.verifications,
``manage.py remind_verifications``, ADR 0105). Mails through the outbox to locmem."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from outbox.models import Mail
from reports.models import VerificationReminder
from tests.reports.helpers import (  # noqa: F401 (fixtures)
    editor,
    file_verification,
    published,
    region,
    viewer,
)
from workflow.verifications import reminders_send, verifications_due

pytestmark = pytest.mark.django_db

# The bundle's vision says verified_on 2026-10-01: with a 12-month interval it falls due on
# 2027-10-01.
DUE = timezone.datetime(2027, 10, 1).date()


def run(today, capture):
    with capture(execute=True):
        return reminders_send(today=today)


def test_editors_are_mailed_once_n_days_before_and_once_when_overdue(
    region, editor, viewer, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.VERIFICATION_REMINDER_DAYS = 30
    assert run(DUE - timedelta(days=31), django_capture_on_commit_callbacks) == []
    sent = run(DUE - timedelta(days=30), django_capture_on_commit_callbacks)
    assert [(r.kind, r.due_on) for r in sent] == [("due_soon", DUE)]
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["editor@setouchi.example.jp"]  # editors only, not the viewer
    assert "【期限 令和9年10月1日】" in mail.subject
    assert "/staff/setouchi/verifications/" in mail.body
    # never twice, whatever the day
    assert run(DUE - timedelta(days=10), django_capture_on_commit_callbacks) == []
    assert run(DUE, django_capture_on_commit_callbacks) == []
    overdue = run(DUE + timedelta(days=1), django_capture_on_commit_callbacks)
    assert [r.kind for r in overdue] == ["overdue"]
    assert "期限超過" in mailoutbox[1].subject
    assert run(DUE + timedelta(days=60), django_capture_on_commit_callbacks) == []
    assert len(mailoutbox) == 2
    assert VerificationReminder.objects.count() == 2
    assert VerificationReminder.objects.filter(mail__isnull=False).count() == 2


def test_a_published_verification_moves_the_due_day(region, editor, settings):
    settings.VERIFICATION_REMINDER_DAYS = 30
    [due] = verifications_due(today=DUE)
    assert due.due_on == DUE
    file_verification(
        region,
        editor,
        period_start=timezone.datetime(2026, 4, 1).date(),
        period_end=timezone.datetime(2027, 3, 31).date(),
        verified_on=timezone.datetime(2027, 6, 1).date(),
    )
    assert verifications_due(today=DUE) == []
    [due] = verifications_due(today=timezone.datetime(2028, 5, 2).date())
    assert due.due_on == timezone.datetime(2028, 6, 1).date()


def test_the_daily_command_says_how_many_it_sent(region, editor, settings):
    settings.VISION_VERIFICATION_INTERVAL_MONTHS = 1
    out = StringIO()
    call_command("remind_verifications", stdout=out)
    assert "検証の督促を 1 件送りました" in out.getvalue()
    out = StringIO()
    call_command("remind_verifications", stdout=out)
    assert "検証の督促を 0 件送りました" in out.getvalue()
    assert Mail.objects.filter(subject__contains="連携ビジョンの検証").count() == 1
