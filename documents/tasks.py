"""Making a 送付's PDFs in the background worker (Django's tasks framework, ADR 0102), as the
outbox delivers mail (ADR 0081).

``documents_make`` is the one task. It claims its ``DocumentBuild`` with a conditional UPDATE
(so that two workers never make the same PDFs), makes what is missing
(``documents.services.build_make``, from what was sent) and records the outcome: done; or
the error, with the next attempt after an exponential back-off; or, after
``DOCUMENTS_MAX_ATTEMPTS`` (or at once when it can never succeed), failed. A retry is a new
task with ``run_after`` at the next attempt. Nothing here raises: the row is the record.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from documents.models import DocumentBuild
from documents.services import MissingDeclaration, SentContentMissing, build_make

logger = logging.getLogger(__name__)

# How long a claimed build is left alone: longer than making the largest vision can take.
# A worker that dies while making leaves the row pending; it is due again after this.
CLAIM_SECONDS = 600
ERROR_MAX_LENGTH = 2000
# Errors that no retry can mend: what was sent is not there to be made.
PERMANENT = (MissingDeclaration, SentContentMissing)


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: DOCUMENTS_RETRY_DELAY, doubled each time,
    at most DOCUMENTS_RETRY_MAX_DELAY (seconds)."""
    seconds = settings.DOCUMENTS_RETRY_DELAY * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, settings.DOCUMENTS_RETRY_MAX_DELAY))


@task()
def documents_make(build_id: int) -> str:
    """Make the PDFs of one 送付 if its build is still due; return what became of it."""
    now = timezone.now()
    claimed = DocumentBuild.objects.filter(
        pk=build_id, status=DocumentBuild.Status.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS), attempts=F("attempts") + 1)
    if not claimed:
        return "not due"  # made, failed, claimed by another worker, or waiting for a retry
    build = DocumentBuild.objects.get(pk=build_id)
    try:
        build_make(build)
    except Exception as error:  # every failure is recorded on the row
        return _record_failure(build, error)
    return DocumentBuild.Status.DONE


def _record_failure(build: DocumentBuild, error: Exception) -> str:
    build.last_error = f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]
    now = timezone.now()
    if isinstance(error, PERMANENT) or build.attempts >= settings.DOCUMENTS_MAX_ATTEMPTS:
        build.status = DocumentBuild.Status.FAILED
        build.next_attempt_at = now
    else:
        build.next_attempt_at = now + retry_delay(build.attempts)
    build.save(update_fields=["status", "next_attempt_at", "last_error"])
    logger.warning(
        "送付文書の PDF（%s）を作れませんでした（%s 回目）: %s", build, build.attempts, error
    )
    if build.status == DocumentBuild.Status.PENDING:
        make_later(build.pk, at=build.next_attempt_at)
    return build.status


def make_later(build_id: int, at=None) -> None:
    """Put one build on the task queue (at ``at`` when the backend can wait). A queue that
    cannot be reached is logged: the row stays pending and ``manage.py freeze_documents``
    finds it."""
    try:
        backend = documents_make.get_backend()
        if at is None:
            documents_make.enqueue(build_id)
        elif backend.supports_defer:
            documents_make.using(run_after=at).enqueue(build_id)
        # A backend that runs tasks at once (tests) cannot wait: the retry waits for
        # freeze_documents or the admin's 「今すぐ再作成」.
    except Exception:
        logger.exception("送付文書の PDF の作成（%s）を列に入れられませんでした", build_id)
