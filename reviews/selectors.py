"""What the review left on a revision, as its region's staff and the reviewers read it:
comment threads, decisions and status changes (the audit rows of ``declarations``)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from accounts.access import role_in
from declarations.lifecycle import Status
from declarations.models import DeclarationRevision, StatusChange
from filing.anchors import Anchor, anchor_of, declaration_anchors, parse_path, vision_anchors
from reviews.models import Comment, Review, Submission
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
    """The review comments of a revision (a 事前相談's comments are ``reviews.advice``'s)."""
    return Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        advice=None,
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


def placed_path(path: str, anchors: list[Anchor]) -> str | None:
    """The anchor a comment's path sits on among ``anchors`` (the revision's items as they
    are now), or None when nothing matches any more: the row it was about was removed
    (``members[14]`` of 14 members) or the path names nothing of the revision."""
    paths = {anchor.path for anchor in anchors}
    if path in paths:
        return path
    parts = parse_path(path)
    if parts.index is not None:
        row = f"{parts.head}[{parts.index}]"
        return row if row in paths else None
    best = anchor_of(path, anchors).path
    return best or None


@dataclass
class ReviewOnPage:
    """What a staff page of a revision shows of its review: the decision that returned it
    (while it is being fixed), its threads placed on the items they are about, and the
    threads whose item is gone (``orphans``)."""

    returned: Review | None
    threads: list[Thread]
    placed: dict[str, list[Thread]]
    orphans: list[Thread]

    @property
    def open_threads(self) -> list[Thread]:
        return [thread for thread in self.threads if not thread.is_resolved]

    @property
    def open_orphans(self) -> list[Thread]:
        return [thread for thread in self.orphans if not thread.is_resolved]

    def at(self, path: str) -> list[Thread]:
        return self.placed.get(path, [])


# While a returned revision is fixed, it is returned, then a draft again (reopened).
BEING_FIXED = {Status.RETURNED, Status.DRAFT}


def review_on_page(revision, anchors: list[Anchor] | None = None) -> ReviewOnPage:
    """The review of ``revision`` as its staff pages show it, in two queries (its comments,
    its decisions) whatever the number of threads. ``anchors``: the revision's anchors when
    the caller has its rows loaded (``filing.anchors.declaration_anchors`` …)."""
    anchors = anchors if anchors is not None else anchors_of(revision)
    threads = threads_of(revision, anchors)
    placed: dict[str, list[Thread]] = defaultdict(list)
    orphans = []
    for thread in threads:
        path = placed_path(thread.root.anchor, anchors)
        if path is None:
            orphans.append(thread)
        else:
            placed[path].append(thread)
    last = reviews_of(revision).order_by("-at", "-pk").first()
    returned = (
        last
        if last is not None
        and last.decision == Review.Decision.RETURNED
        and revision.status in BEING_FIXED
        else None
    )
    return ReviewOnPage(returned, threads, dict(placed), orphans)


def reviews_of(revision):
    return Review.objects.filter(
        content_type=ContentType.objects.get_for_model(revision), object_id=revision.pk
    ).select_related("reviewer")


def status_changes_of(revision):
    return StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(revision), object_id=revision.pk
    ).select_related("actor")


def submissions_of(revision):
    """The 送付 of a revision, first to last (``Submission``, ADR 0094), with who sent each."""
    return Submission.objects.filter(
        content_type=ContentType.objects.get_for_model(revision), object_id=revision.pk
    ).select_related("actor")


def submission_of(revision, sequence: int) -> Submission | None:
    """The ``sequence``-th 送付 of a revision, or ``None``."""
    return submissions_of(revision).filter(sequence=sequence).first()


def latest_submissions(revisions) -> dict[tuple[str, int], Submission]:
    """The last 送付 of each revision, keyed by ``(document, pk)``: one query per document
    type (the reviewers' queue)."""
    wanted: dict[type, dict[int, str]] = defaultdict(dict)
    for revision in revisions:
        wanted[type(revision)][revision.pk] = revision.document
    latest: dict[tuple[str, int], Submission] = {}
    for model, documents in wanted.items():
        rows = Submission.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=documents
        ).order_by("object_id", "sequence")
        for row in rows.defer("snapshot"):
            latest[(documents[row.object_id], row.object_id)] = row
    return latest


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
    for comment in Comment.objects.filter(region=region, parent=None, advice=None):
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
