"""Delivery of the outbox by the background worker (Django's tasks framework, ADR 0081).

``mail_deliver`` is the one task. It claims its row (so that two workers never send the same
message), sends it through the default mailer (whose SMTP ``timeout`` bounds every wait),
and records the outcome: sent; or the error, with the next attempt after an exponential
back-off; or, after ``OUTBOX_MAX_ATTEMPTS``, failed. A retry is a new task with
``run_after`` at the next attempt. Nothing here raises: the row is the record.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from outbox.models import Mail

logger = logging.getLogger(__name__)

# How long a claimed row is left alone: longer than any send can take with the SMTP timeout.
# A worker that dies while sending leaves the row pending; it is due again after this.
CLAIM_SECONDS = 600
ERROR_MAX_LENGTH = 2000


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: OUTBOX_RETRY_DELAY, doubled each time, at
    most OUTBOX_RETRY_MAX_DELAY (seconds)."""
    seconds = settings.OUTBOX_RETRY_DELAY * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, settings.OUTBOX_RETRY_MAX_DELAY))


@task()
def mail_deliver(mail_id: int) -> str:
    """Send one outbox row if it is still due; return what became of it."""
    now = timezone.now()
    claimed = Mail.objects.filter(
        pk=mail_id, status=Mail.Status.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS), attempts=F("attempts") + 1)
    if not claimed:
        return "not due"  # sent, failed, claimed by another worker, or waiting for a retry
    mail = Mail.objects.get(pk=mail_id)
    try:
        EmailMessage(mail.subject, mail.body, None, mail.recipients).send()
    except Exception as error:  # every failure of the mailer is recorded on the row
        return _record_failure(mail, error)
    mail.status = Mail.Status.SENT
    mail.sent_at = timezone.now()
    mail.last_error = ""
    # The body may hold a one-time link (invitation, password reset): not kept once sent.
    mail.body = ""
    mail.save(update_fields=["status", "sent_at", "last_error", "body"])
    return mail.status


def _record_failure(mail: Mail, error: Exception) -> str:
    mail.last_error = f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]
    now = timezone.now()
    if mail.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        mail.status = Mail.Status.FAILED
        mail.next_attempt_at = now
    else:
        mail.next_attempt_at = now + retry_delay(mail.attempts)
    mail.save(update_fields=["status", "next_attempt_at", "last_error"])
    logger.warning("メール %s の送信に失敗しました（%s 回目）: %s", mail.pk, mail.attempts, error)
    if mail.status == Mail.Status.PENDING:
        deliver_later(mail.pk, at=mail.next_attempt_at)
    return mail.status


def deliver_later(mail_id: int, at=None) -> None:
    """Put one delivery on the task queue (at ``at`` when the backend can wait). A queue that
    cannot be reached is logged: the row stays pending and ``manage.py mail_retry`` finds it."""
    try:
        backend = mail_deliver.get_backend()
        if at is None:
            mail_deliver.enqueue(mail_id)
        elif backend.supports_defer:
            mail_deliver.using(run_after=at).enqueue(mail_id)
        # A backend that runs tasks at once (tests) cannot wait: the retry waits for
        # mail_retry or the admin's 「今すぐ再送」.
    except Exception:
        logger.exception("メール %s の送信を列に入れられませんでした", mail_id)
