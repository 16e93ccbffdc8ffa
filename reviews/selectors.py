"""What the review left on a revision, as its region's staff and the reviewers read it:
comment threads, decisions and status changes (the audit rows of ``declarations``)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from accounts.access import role_in
from declarations.models import DeclarationRevision, StatusChange
from filing.anchors import Anchor, declaration_anchors, vision_anchors
from reviews.models import Comment, Review
from visions.models import VisionRevision


def anchors_of(revision) -> list[Anchor]:
    if revision.document == "declaration":
        return declaration_anchors([m.name for m in revision.members.all()])
    return vision_anchors([p.name for p in revision.projects.all()])


@dataclass
class Thread:
    root: Comment
    replies: list[Comment] = field(default_factory=list)
    anchor: Anchor | None = None

    @property
    def is_resolved(self) -> bool:
        return self.root.resolved_at is not None

    @property
    def comments(self) -> list[Comment]:
        return [self.root, *self.replies]


def comments_of(revision):
    return Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(revision), object_id=revision.pk
    ).select_related("author", "resolved_by")


def threads_of(revision, anchors: list[Anchor] | None = None) -> list[Thread]:
    """The comment threads of a revision: open threads first, each oldest first."""
    anchors = anchors if anchors is not None else anchors_of(revision)
    by_path = {anchor.path: anchor for anchor in anchors}
    threads: dict[int, Thread] = {}
    replies = []
    for comment in comments_of(revision):
        if comment.parent_id is None:
            threads[comment.pk] = Thread(
                root=comment,
                anchor=by_path.get(comment.anchor) or Anchor(comment.anchor, comment.anchor),
            )
        else:
            replies.append(comment)
    for reply in replies:
        thread = threads.get(reply.parent_id)
        if thread is not None:
            thread.replies.append(reply)
    return sorted(threads.values(), key=lambda t: (t.is_resolved, t.root.created_at, t.root.pk))


def reviews_of(revision):
    return Review.objects.filter(
        content_type=ContentType.objects.get_for_model(revision), object_id=revision.pk
    ).select_related("reviewer")


def status_changes_of(revision):
    return StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(revision), object_id=revision.pk
    ).select_related("actor")


def revisions_by_key(keys) -> dict[tuple[int, int], object]:
    """``{(content_type_id, pk): revision}`` in two queries."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for content_type_id, pk in keys:
        wanted[content_type_id].add(pk)
    found = {}
    for model, related in (
        (DeclarationRevision, ("declaration__region",)),
        (VisionRevision, ("vision__region", "declaration_revision")),
    ):
        content_type_id = ContentType.objects.get_for_model(model).pk
        if wanted.get(content_type_id):
            for revision in model.objects.select_related(*related).filter(
                pk__in=wanted[content_type_id]
            ):
                found[(content_type_id, revision.pk)] = revision
    return found


@dataclass(frozen=True)
class CommentedRevision:
    revision: object
    threads: int
    open_threads: int
    last_decision: Review | None

    @property
    def document_label(self) -> str:
        return self.revision.document_label


def commented_revisions(region) -> list[CommentedRevision]:
    """The region's revisions that have comment threads or decisions, newest activity first."""
    threads: dict[tuple[int, int], list[Comment]] = defaultdict(list)
    for comment in Comment.objects.filter(region=region, parent=None):
        threads[(comment.content_type_id, comment.object_id)].append(comment)
    decisions: dict[tuple[int, int], Review] = {}
    for review in Review.objects.filter(region=region).order_by("at", "pk"):
        decisions[(review.content_type_id, review.object_id)] = review
    keys = set(threads) | set(decisions)
    revisions = revisions_by_key(keys)
    items = [
        CommentedRevision(
            revision=revisions[key],
            threads=len(threads.get(key, ())),
            open_threads=sum(1 for c in threads.get(key, ()) if c.resolved_at is None),
            last_decision=decisions.get(key),
        )
        for key in keys
        if key in revisions
    ]
    return sorted(
        items,
        key=lambda item: (item.revision.document, -item.revision.number),
    )


def can_reply(user, region) -> bool:
    """Whether ``user`` may answer the reviewers' threads of ``region`` (its editors)."""
    role = role_in(user, region)
    return role is not None and role.can_edit
