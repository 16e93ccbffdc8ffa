"""Queueing the making of a 送付's PDFs (ADR 0102): the receiver of ``revision_submitted``,
「今すぐ再作成」 and what ``manage.py freeze_documents`` puts on the queue again.

``build_queue_on_submission`` writes the ``DocumentBuild`` inside ``revision_submit``'s
transaction and, once that commits, puts ``documents.tasks.documents_make`` on the task queue
(``on_commit(..., robust=True)``, as the outbox does, ADR 0081). Nothing is rendered in the
request; a rolled-back 送付 leaves neither a build nor a task.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone

from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from documents.models import DocumentBuild, Kind
from documents.services import build_documents, build_for
from documents.tasks import make_later
from visions.models import VisionRevision


def build_queue(build: DocumentBuild) -> None:
    """Put the build on the task queue once the current transaction commits."""
    transaction.on_commit(partial(make_later, build.pk), robust=True)


def build_queue_on_submission(sender, *, revision, **kwargs) -> DocumentBuild:
    """Receiver of ``workflow.signals.revision_submitted``: record the 送付's PDFs to be made,
    with the values they are made of as they are now, and queue them."""
    build = build_for(revision)
    build_queue(build)
    return build


def builds_retry(builds) -> int:
    """「今すぐ再作成」: every given build not yet done is due now and queued again (a failed
    one gets one more attempt). Returns how many."""
    ids = list(builds.exclude(status=DocumentBuild.Status.DONE).values_list("pk", flat=True))
    DocumentBuild.objects.filter(pk__in=ids).update(
        status=DocumentBuild.Status.PENDING, next_attempt_at=timezone.now()
    )
    for build_id in ids:
        transaction.on_commit(partial(make_later, build_id), robust=True)
    return len(ids)


def builds_due():
    """Pending builds whose next attempt has come (a lost queue entry, a worker that died)."""
    return DocumentBuild.objects.filter(
        status=DocumentBuild.Status.PENDING, next_attempt_at__lte=timezone.now()
    )


def builds_missing():
    """The builds of every submitted revision's current 送付 whose PDFs are not all stored,
    recorded now for a revision sent before builds existed. A failed build is among them."""
    builds = []
    for model in (DeclarationRevision, VisionRevision):
        for revision in model.objects.exclude(status=Status.DRAFT).order_by("pk"):
            if revision.submitted_at is None:
                continue
            build = build_for(revision)
            if set(build_documents(build)) != set(Kind.values):
                builds.append(build)
    return builds
