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

from accounts.notifications import editor_addresses, reviewer_addresses
from declarations.lifecycle import Status
from filing.text import TextRefused, clean_text
from outbox.services import mail_enqueue
from reviews.models import Comment, Review

BODY_MAX_LENGTH = 10_000
# A reviewer opens a thread on a revision that is waiting for review or was sent back.
OPEN_FOR_REVIEWER_COMMENTS = frozenset({Status.SUBMITTED, Status.RETURNED})


class CommentRefused(Exception):
    """A comment that cannot be posted, with a message for the person who wrote it."""


def review_record(
    *, revision, decision: Review.Decision, reviewer, comment: str = "", publish_on=None, at=None
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
        at=at or timezone.now(),
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
    label = revision.label
    if by_reviewer:
        mail_enqueue(
            _("審査担当からコメントがありました: %(revision)s") % {"revision": label},
            _(
                "%(revision)s に審査担当からコメントがありました。\n\n%(text)s\n\n担当者の画面から返信できます。"
            )
            % {"revision": label, "text": text},
            editor_addresses(revision.region),
        )
    else:
        mail_enqueue(
            _("リージョンの担当者から返信がありました: %(revision)s") % {"revision": label},
            _(
                "%(revision)s のコメントに、リージョンの担当者から返信がありました。\n\n%(text)s\n\n"
                "管理画面の審査の画面で確認してください。"
            )
            % {"revision": label, "text": text},
            reviewer_addresses(),
        )
    return comment


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
