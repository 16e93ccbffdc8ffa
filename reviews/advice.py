"""事前相談 (要綱 第5(1), ADR 0116): an editor asks the reviewers for advice on a draft, the
reviewers answer with comments (each optionally on an item); nothing of the revision changes.

The two verbs write one row each, the audit record of the move: ``advice_ask`` an
``AdviceRequest``, ``advice_comment`` a ``Comment`` with ``advice`` set (a reviewer's answer,
or the editor's follow-up). Both refuse once the revision is no longer a draft: the thread
stays with the revision, read-only (the 送付 itself is reviewed through the review comments).
The selectors read the threads of a revision and the reviewers' queue.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from declarations.lifecycle import Status
from filing.anchors import Anchor
from reviews.models import AdviceRequest, Comment
from reviews.notices import notify_advice_answered, notify_advice_asked
from reviews.selectors import anchors_of
from reviews.services import CommentRefused, clean_body

# Advice is asked on, and answered for, a draft only (ADR 0116).
OPEN_FOR_ADVICE = frozenset({Status.DRAFT})


class AdviceRefused(CommentRefused):
    """A question or an answer that cannot be recorded, with a message for its writer."""


def _check_open(revision) -> None:
    if revision.status not in OPEN_FOR_ADVICE:
        raise AdviceRefused(
            _("「%(status)s」の版では事前相談はできません。事前相談は下書きの版についてできます。")
            % {"status": revision.get_status_display()}
        )


def _check_anchor(anchor: str, valid_anchors) -> str:
    anchor = (anchor or "").strip()
    if anchor and anchor not in set(valid_anchors):
        raise AdviceRefused(_("相談の対象の項目が見つかりません。"))
    return anchor


def _clean(body: str, empty_message: str) -> str:
    try:
        return clean_body(body)
    except CommentRefused as refusal:
        if not (body or "").strip():
            raise AdviceRefused(empty_message) from None
        raise AdviceRefused(str(refusal)) from None


@transaction.atomic
def advice_ask(*, revision, actor, question: str, anchor: str = "", valid_anchors=()):
    """An editor asks the reviewers for advice on a draft revision (one ``AdviceRequest``);
    the reviewers are mailed after the commit. ``valid_anchors``: the revision's paths."""
    _check_open(revision)
    text = _clean(question, _("相談の内容を入力してください。"))
    anchor = _check_anchor(anchor, valid_anchors)
    advice = AdviceRequest.objects.create(
        region=revision.region,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        anchor=anchor,
        question=text,
        asked_by=actor,
    )
    notify_advice_asked(advice, revision)
    return advice


@transaction.atomic
def advice_comment(
    *, advice: AdviceRequest, author, body: str, by_reviewer: bool, anchor="", valid_anchors=()
) -> Comment:
    """A reviewer answers a 事前相談 (optionally on another item of the draft), or the
    region's editor adds to the thread. One ``Comment`` with ``advice`` set; the region's
    editors (for an answer) or the reviewers (for a follow-up) are mailed after the commit."""
    revision = advice.revision
    _check_open(revision)
    text = _clean(
        body, _("回答を入力してください。") if by_reviewer else _("本文を入力してください。")
    )
    anchor = _check_anchor(anchor, valid_anchors) if by_reviewer else advice.anchor
    comment = Comment.objects.create(
        region=advice.region,
        content_type_id=advice.content_type_id,
        object_id=advice.object_id,
        advice=advice,
        anchor=anchor,
        author=author,
        by_reviewer=by_reviewer,
        body=text,
    )
    notify_advice_answered(advice, comment, revision)
    return comment


# ---------------------------------------------------------------- reading


@dataclass
class AdviceThread:
    advice: AdviceRequest
    anchor: Anchor
    comments: list[Comment] = field(default_factory=list)

    @property
    def is_answered(self) -> bool:
        return any(comment.by_reviewer for comment in self.comments)


def _labelled(path: str, by_path: dict[str, Anchor]) -> Anchor:
    return by_path.get(path) or Anchor(path, path)


def advice_threads(revision, anchors: list[Anchor] | None = None) -> list[AdviceThread]:
    """The 事前相談 of a revision, oldest first, with their comments (two queries)."""
    anchors = anchors if anchors is not None else anchors_of(revision)
    by_path = {anchor.path: anchor for anchor in anchors}
    content_type = ContentType.objects.get_for_model(revision)
    threads = {
        advice.pk: AdviceThread(advice, _labelled(advice.anchor, by_path))
        for advice in AdviceRequest.objects.filter(
            content_type=content_type, object_id=revision.pk
        ).select_related("asked_by")
    }
    comments = Comment.objects.filter(advice_id__in=threads).select_related("author")
    for comment in comments:
        comment.anchor_label = _labelled(comment.anchor, by_path).label
        threads[comment.advice_id].comments.append(comment)
    return list(threads.values())


def advice_for_region(region, advice_id) -> AdviceRequest | None:
    """A 事前相談 of ``region`` by id, or ``None`` (another region's is never found)."""
    try:
        pk = int(advice_id)
    except (TypeError, ValueError):
        return None
    return AdviceRequest.objects.filter(pk=pk, region=region).first()


def advice_by_id(advice_id) -> AdviceRequest | None:
    """A 事前相談 by id (for the reviewers, who read every region's), or ``None``."""
    try:
        pk = int(advice_id)
    except (TypeError, ValueError):
        return None
    return AdviceRequest.objects.select_related("region", "content_type").filter(pk=pk).first()


def advice_queue(*, state: str = ""):
    """The reviewers' list 「事前相談」: every question, newest first, annotated ``answered``;
    ``state`` "open" keeps the unanswered ones, "answered" the answered ones."""
    answered = Comment.objects.filter(advice=OuterRef("pk"), by_reviewer=True)
    rows = (
        AdviceRequest.objects.annotate(answered=Exists(answered))
        .select_related("region", "asked_by", "content_type")
        .order_by("-asked_at", "-pk")
    )
    if state == "open":
        rows = rows.filter(~Q(answered=True))
    elif state == "answered":
        rows = rows.filter(answered=True)
    return rows
