"""Write use cases of the review: decisions, comments and their threads.

The status of a revision moves only through the verbs of ``workflow.verbs``
(``revision_return`` / ``revision_accept``); those verbs call ``review_record`` so that
every decision, whatever the client (admin, command, demo loader), leaves one ``Review``
row pointing at the revision reviewed (STYLE.md §5). Comments are posted and resolved
here; the admin and the staff pages are thin clients of these functions (STYLE.md §7).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attachments.services import sent_attachments_record
from declarations import clock
from declarations.lifecycle import Status
from filing.formatting import era_initial_year
from filing.text import TextRefused, clean_text
from reviews.models import Comment, ReceiptCounter, Review, Submission
from reviews.notices import notify_commented

BODY_MAX_LENGTH = 10_000
# A reviewer opens a thread on a revision that is waiting for review or was sent back.
OPEN_FOR_REVIEWER_COMMENTS = frozenset({Status.SUBMITTED, Status.RETURNED})


class CommentRefused(Exception):
    """A comment that cannot be posted, with a message for the person who wrote it."""


def review_record(
    *, revision, decision: Review.Decision, reviewer, comment: str = "", publish_on=None
) -> Review:
    """The row of a reviewer's decision (``reviewer`` is ``None`` for a command or a loader)."""
    return Review.objects.create(
        region=revision.region,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        decision=decision,
        comment=comment,
        reviewer=reviewer if reviewer is not None and reviewer.is_authenticated else None,
        publish_on=publish_on,
        at=clock.now(),
    )


def receipt_number(moment, serial: int) -> str:
    """「R8-000123」: the era's initial and year of ``moment`` (JST), then the serial."""
    return f"{era_initial_year(moment)}-{serial:06d}"


def _next_serial(year: int) -> int:
    """The next 受付番号 serial of ``year``, taken under the counter row's lock."""
    ReceiptCounter.objects.get_or_create(year=year)
    counter = ReceiptCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def submission_record(*, revision, actor, snapshot: dict) -> Submission:
    """The ``Submission`` row of the 送付 that just moved ``revision`` to submitted (its
    ``submitted_at``): the next ``sequence`` of the revision and the next 受付番号 of the year.
    ``workflow.verbs.revision_submit`` calls it with the region bundle of what was sent;
    the revision row is locked by the transition, so the sequence cannot be taken twice.
    The attachments it sends are recorded with it (``SentAttachment``, ADR 0119)."""
    content_type = ContentType.objects.get_for_model(revision)
    moment = revision.submitted_at
    year = timezone.localtime(moment).year
    serial = _next_serial(year)
    previous = Submission.objects.filter(content_type=content_type, object_id=revision.pk).count()
    sent_attachments_record(revision=revision)
    return Submission.objects.create(
        region=revision.region,
        content_type=content_type,
        object_id=revision.pk,
        sequence=previous + 1,
        receipt_number=receipt_number(moment, serial),
        receipt_year=year,
        receipt_serial=serial,
        submitted_at=moment,
        actor=actor if actor is not None and actor.is_authenticated else None,
        snapshot=snapshot,
    )


def clean_body(body: str) -> str:
    """The comment text as stored: through the one text cleaner (``filing.text``), trimmed."""
    try:
        text = clean_text(body or "").strip()
    except TextRefused as error:
        reason = _("コメントに使えない文字があります: %(reason)s") % {"reason": error}
        raise CommentRefused(reason) from None
    if not text:
        raise CommentRefused(_("コメントを入力してください。"))
    if len(text) > BODY_MAX_LENGTH:
        raise CommentRefused(
            _("コメントは%(limit)s文字以内で入力してください（%(length)s文字あります）。")
            % {"limit": f"{BODY_MAX_LENGTH:,}", "length": f"{len(text):,}"}
        )
    return text


@transaction.atomic
def comment_post(
    *,
    revision,
    author,
    body: str,
    anchor: str = "",
    parent: Comment | None = None,
    by_reviewer: bool,
    valid_anchors=(),
) -> Comment:
    """Post a comment: a reviewer opens a thread (optionally on an item) or answers one;
    the region's staff answer a thread. A reply always joins the thread's root.

    ``valid_anchors`` are the anchor paths of this revision (``ministry.selectors``).
    """
    text = clean_body(body)
    if parent is not None:
        if parent.content_type_id != ContentType.objects.get_for_model(revision).pk or (
            parent.object_id != revision.pk
        ):
            raise CommentRefused(_("返信先のコメントがこの版にありません。"))
        while parent.parent_id is not None:
            parent = parent.parent
        anchor = parent.anchor
    else:
        if not by_reviewer:
            raise CommentRefused(_("リージョンの担当者は、審査担当のコメントに返信できます。"))
        if revision.status not in OPEN_FOR_REVIEWER_COMMENTS:
            raise CommentRefused(
                _("「%(status)s」の版には新しいコメントを付けられません。")
                % {"status": revision.get_status_display()}
            )
        if anchor not in set(valid_anchors) | {""}:
            raise CommentRefused(_("コメントの対象の項目が見つかりません。"))
    comment = Comment.objects.create(
        region=revision.region,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        parent=parent,
        anchor=anchor,
        author=author,
        by_reviewer=by_reviewer,
        body=text,
    )
    notify_commented(comment, revision)
    return comment


class ReplyTargetMissing(LookupError):
    """The comment a reply answers is not a comment of this revision (the views answer 404)."""


def reply_post(*, revision, author, body: str, parent_id, by_reviewer: bool) -> Comment:
    """Answer the thread of comment ``parent_id`` of ``revision`` (a reviewer in the admin, an
    editor on the staff pages): the one look-up of the comment answered, then ``comment_post``.
    An id that is no comment of the revision's region raises ``ReplyTargetMissing`` (nothing
    of another region is told); a comment of another revision of the region is refused."""
    try:
        parent = Comment.objects.filter(pk=int(parent_id), region=revision.region).first()
    except (TypeError, ValueError):
        parent = None
    if parent is None:
        raise ReplyTargetMissing(parent_id)
    return comment_post(
        revision=revision, author=author, body=body, parent=parent, by_reviewer=by_reviewer
    )


@transaction.atomic
def thread_resolve(*, comment: Comment, actor) -> Comment:
    """A reviewer marks a thread (its root comment) resolved."""
    root = comment
    while root.parent_id is not None:
        root = root.parent
    root = Comment.objects.select_for_update().get(pk=root.pk)
    if root.resolved_at is not None:
        raise CommentRefused(_("このスレッドはすでに解決済みです。"))
    root.resolved_at = timezone.now()
    root.resolved_by = actor
    root.save(update_fields=["resolved_at", "resolved_by"])
    return root
