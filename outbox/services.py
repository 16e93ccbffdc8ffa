"""Writing to the outbox (ADR 0081): the one way the portal sends e-mail.

``mail_enqueue`` writes one ``Mail`` row inside the caller's transaction and, once that
transaction commits, puts its delivery on the task queue. No mail is sent inside a request;
a rolled-back move leaves neither a row nor a mail.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from outbox.models import Mail
from outbox.tasks import deliver_later
from outbox.text import body_text, header_text


def mail_enqueue(subject: str, body: str, recipients) -> Mail | None:
    """Queue one message to ``recipients`` (nothing when there are none). The subject gets
    the portal's name in brackets; subject and body are made safe for a mail here."""
    recipients = list(dict.fromkeys(r for r in recipients if r))
    if not recipients:
        return None
    mail = Mail.objects.create(
        subject=header_text(f"[{settings.PORTAL_NAME}] {subject}"),
        body=body_text(body),
        recipients=recipients,
    )
    transaction.on_commit(partial(deliver_later, mail.pk), robust=True)
    return mail


def mails_retry(mails) -> int:
    """「今すぐ再送」: every given mail not yet sent is due now and queued again (a failed
    one gets one more attempt). Returns how many."""
    ids = list(mails.exclude(status=Mail.Status.SENT).values_list("pk", flat=True))
    Mail.objects.filter(pk__in=ids).update(
        status=Mail.Status.PENDING, next_attempt_at=timezone.now()
    )
    for mail_id in ids:
        transaction.on_commit(partial(deliver_later, mail_id), robust=True)
    return len(ids)


def mails_due():
    """Pending mails whose next attempt has come (a lost queue entry, a worker that died)."""
    return Mail.objects.filter(status=Mail.Status.PENDING, next_attempt_at__lte=timezone.now())
