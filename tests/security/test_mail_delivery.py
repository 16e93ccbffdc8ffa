"""Mail never turns a committed action into a 500, and is delivered later (issue 12 item 3).

Against the live test server over HTTP, with a real SMTP listener (aiosmtpd) and the real
database task backend and worker (``manage.py db_worker``):

- SMTP up: a reviewer's return answers 302 and the worker delivers the editors' mail.
- SMTP refused (listener stopped): the return still answers 302 and is recorded; the outbox
  row keeps the error; once the listener is back, the retry delivers it.
- SMTP that never answers: a reviewer's comment answers at once; the worker gives up after
  the SMTP timeout, schedules a retry, and delivers once a server answers.
"""

import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from declarations.lifecycle import Status
from declarations.models import StatusChange
from tests.mfa_helpers import verified_client
from tests.review_helpers import (  # noqa: F401 (fixtures)
    editor,
    imported,
    reviewer,
    revision_url,
    submitted,
)
from tests.smtp_helpers import SmtpListener, StallingListener, smtp_mailer

pytestmark = pytest.mark.django_db(transaction=True)

CSRF = "mailtest" * 4  # any 32 letters: the cookie and the field must agree


@pytest.fixture
def tasks_in_the_database(settings):
    """The production path: tasks stored by django-tasks-db, run by its worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.OUTBOX_RETRY_DELAY = 1  # seconds before the first retry (then doubled)
    return settings


def run_worker():
    """One pass of the real worker over every task that is due, then it exits."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(live_server, user, path, data) -> tuple[int, float]:
    """POST over HTTP as ``user``; the status code and the seconds the answer took."""
    client = verified_client(user)  # the admin asks for a second factor (ADR 0082)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    request = urllib.request.Request(
        live_server.url + path,
        data=urlencode({**data, "csrfmiddlewaretoken": CSRF}).encode(),
        headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; csrftoken={CSRF}"},
        method="POST",
    )
    opener = urllib.request.build_opener(_NoRedirect)
    started = time.monotonic()
    try:
        with opener.open(request, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


def wait_until_due(mail):
    mail.refresh_from_db()
    time.sleep(max(0.0, (mail.next_attempt_at - timezone.now()).total_seconds()) + 0.2)


def test_a_return_is_mailed_to_the_editors_by_the_worker(
    live_server, tasks_in_the_database, reviewer, submitted, editor
):
    from outbox.models import Mail

    listener = SmtpListener().start()
    try:
        tasks_in_the_database.MAILERS = smtp_mailer(listener.port, timeout=5)
        declaration = submitted.declaration_revision
        status, _ = post(
            live_server, reviewer, revision_url(declaration, "return/"), {"comment": "区域を補足"}
        )
        assert status == 302
        assert listener.received == []  # nothing is sent inside the request
        assert Mail.objects.get().status == Mail.Status.PENDING
        run_worker()
    finally:
        listener.stop()
    (envelope,) = listener.received
    assert envelope.rcpt_tos == ["editor@setouchi.example.jp"]
    assert "差し戻されました" in listener.messages()[0]["Subject"]
    mail = Mail.objects.get()
    assert (mail.status, mail.attempts) == (Mail.Status.SENT, 1)
    assert mail.sent_at is not None


def test_with_smtp_refused_the_return_succeeds_and_the_mail_is_retried(
    live_server, tasks_in_the_database, reviewer, submitted, editor
):
    from outbox.models import Mail

    listener = SmtpListener()  # its port is closed: every connection is refused
    tasks_in_the_database.MAILERS = smtp_mailer(listener.port, timeout=5)
    declaration = submitted.declaration_revision

    status, _ = post(
        live_server, reviewer, revision_url(declaration, "return/"), {"comment": "区域を補足"}
    )
    assert status == 302
    assert StatusChange.objects.filter(new=Status.RETURNED).count() == 1
    run_worker()
    mail = Mail.objects.get()
    assert (mail.status, mail.attempts) == (Mail.Status.PENDING, 1)
    assert "Connection refused" in mail.last_error or "ConnectionRefused" in mail.last_error
    assert mail.next_attempt_at > timezone.now()

    listener.start()
    try:
        wait_until_due(mail)
        run_worker()
    finally:
        listener.stop()
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.last_error) == (Mail.Status.SENT, 2, "")
    (envelope,) = listener.received
    assert envelope.rcpt_tos == ["editor@setouchi.example.jp"]


def test_with_smtp_hanging_a_comment_answers_at_once_and_the_worker_times_out(
    live_server, tasks_in_the_database, reviewer, submitted, editor
):
    from django_tasks_db.models import DBTaskResult

    from outbox.models import Mail

    timeout = 1  # seconds the worker waits for the stalled server (the test waits too)
    stalling = StallingListener().start()
    try:
        tasks_in_the_database.MAILERS = smtp_mailer(stalling.port, timeout=timeout)
        declaration = submitted.declaration_revision
        status, seconds = post(
            live_server,
            reviewer,
            revision_url(declaration, "comment/"),
            {"anchor": "", "body": "活動範囲の根拠を示してください。"},
        )
        assert status == 302
        assert seconds < 2, f"the comment took {seconds:.1f} s"
        assert stalling.accepted == 0  # the request did not even try to connect

        started = time.monotonic()
        run_worker()
        waited = time.monotonic() - started
    finally:
        stalling.stop()
    assert timeout - 0.5 <= waited < timeout + 5
    assert stalling.accepted == 1
    mail = Mail.objects.get()
    assert (mail.status, mail.attempts) == (Mail.Status.PENDING, 1)
    assert "timed out" in mail.last_error
    (retry,) = DBTaskResult.objects.filter(status="READY")
    assert retry.run_after == mail.next_attempt_at > timezone.now()  # later, not now

    listener = SmtpListener().start()
    try:
        tasks_in_the_database.MAILERS = smtp_mailer(listener.port, timeout=5)
        wait_until_due(mail)
        run_worker()
    finally:
        listener.stop()
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (Mail.Status.SENT, 2)
    (envelope,) = listener.received
    assert envelope.rcpt_tos == ["editor@setouchi.example.jp"]
    assert "審査担当からコメントがありました" in listener.messages()[0]["Subject"]


def test_with_smtp_refused_an_editors_reply_succeeds_and_the_reviewers_are_mailed_later(
    live_server, tasks_in_the_database, reviewer, submitted, editor
):
    from outbox.models import Mail
    from reviews.models import Comment
    from reviews.services import comment_post

    revision = submitted.declaration_revision
    thread = comment_post(
        revision=revision,
        author=reviewer,
        body="構成団体の活動範囲を確認してください。",
        anchor="",
        by_reviewer=True,
        valid_anchors=[],
    )
    Mail.objects.all().delete()  # the reviewer's comment above queued one for the editors
    listener = SmtpListener()
    tasks_in_the_database.MAILERS = smtp_mailer(listener.port, timeout=5)
    base = f"/staff/{revision.region.slug}/comments/{revision.document}/{revision.number}/"
    status, _ = post(
        live_server,
        editor,
        base + "reply/",
        {"parent": thread.pk, "body": "3県です。", "next": base},
    )
    assert status == 302
    assert Comment.objects.filter(parent=thread, body="3県です。").exists()
    run_worker()
    mail = Mail.objects.get()
    assert (mail.status, mail.recipients) == (Mail.Status.PENDING, ["shinsa@soumu.example.jp"])
    assert mail.last_error
    listener.start()
    try:
        wait_until_due(mail)
        run_worker()
    finally:
        listener.stop()
    assert [e.rcpt_tos for e in listener.received] == [["shinsa@soumu.example.jp"]]
