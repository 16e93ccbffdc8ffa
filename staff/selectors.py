"""What the staff dashboard shows, read in a fixed number of queries.

``staff_dashboard(user)`` gives one ``RegionSummary`` per region the user is staff of:
the role, the status of the declaration and of the vision (the published revision and
the revision being worked on after it), the reviewers' comments awaiting an answer and,
when it is overdue, the vision's verification (第4(3)). The number of queries does not
depend on the number of regions, revisions or comments.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from accounts.models import RegionRole
from declarations.lifecycle import Kind, Status
from declarations.models import DeclarationRevision, Member, Region
from filing.anchors import anchor_of, declaration_anchors, vision_anchors
from filing.rules.vision import last_verification, verification_due
from projects.models import Project
from reports.selectors import last_verifications
from reviews.models import Comment
from visions.models import VisionRevision
from workflow.adapter import verification_interval_months


@dataclass
class DocumentStatus:
    """One document (declaration or vision) of a region."""

    published: object | None = None  # the latest published revision
    working: object | None = None  # the latest revision after it, in any other status

    @property
    def is_empty(self) -> bool:
        return self.published is None and self.working is None


@dataclass(frozen=True)
class AwaitingComment:
    """A thread whose latest comment is a reviewer's and that is not resolved."""

    root: Comment
    latest: Comment
    revision: object | None  # the revision commented on (None if it is gone)
    replies: int
    anchor_label: str = (
        ""  # what the thread is about (「構成団体 2: 〇〇市」); "" for the whole revision
    )


@dataclass(frozen=True)
class OverdueVerification:
    revision: VisionRevision  # the published vision revision
    since: date  # verified_on, or the vision's first publication when never verified
    due: date  # since + the interval
    verified: bool  # False: never verified (since is the first publication)
    months: int


@dataclass
class RegionSummary:
    region: Region
    role: RegionRole
    name: str = ""
    declaration: DocumentStatus = field(default_factory=DocumentStatus)
    vision: DocumentStatus = field(default_factory=DocumentStatus)
    awaiting: list[AwaitingComment] = field(default_factory=list)
    overdue: OverdueVerification | None = None


def verification_overdue(
    *, verified_on: date | None, first_published_on: date | None, today: date, months: int
) -> tuple[date, date] | None:
    """``(since, due)`` when the verification is overdue (the rule vision.verification), else None."""
    found = verification_due(verified_on, first_published_on, months)
    return found if found is not None and today > found[1] else None


def _document_status(revisions) -> DocumentStatus:
    """``revisions`` ordered by number."""
    status = DocumentStatus()
    for revision in revisions:
        if revision.status == Status.PUBLISHED:
            status.published, status.working = revision, None
        else:
            status.working = revision
    return status


def _awaiting(comments, revisions_by_key) -> dict[int, list[AwaitingComment]]:
    """Per region id, the threads awaiting the staff's answer (latest first)."""
    by_id = {comment.pk: comment for comment in comments}

    def root_of(comment):
        seen = set()
        while comment.parent_id is not None and comment.parent_id in by_id:
            if comment.pk in seen:  # a cycle cannot be made through the UI; stop anyway
                break
            seen.add(comment.pk)
            comment = by_id[comment.parent_id]
        return comment

    threads: dict[int, list[Comment]] = {}
    for comment in comments:
        threads.setdefault(root_of(comment).pk, []).append(comment)
    result: dict[int, list[AwaitingComment]] = {}
    for root_pk, thread in threads.items():
        root = by_id[root_pk]
        latest = max(thread, key=lambda c: (c.created_at, c.pk))
        if root.resolved_at is not None or not latest.by_reviewer:
            continue
        revision = revisions_by_key.get((root.content_type_id, root.object_id))
        result.setdefault(root.region_id, []).append(
            AwaitingComment(root=root, latest=latest, revision=revision, replies=len(thread) - 1)
        )
    for items in result.values():
        items.sort(key=lambda item: (item.latest.created_at, item.latest.pk), reverse=True)
    return result


def _with_anchor_labels(awaiting: dict[int, list[AwaitingComment]]):
    """Name what each thread is about, as the review pages do (two queries at most)."""
    items = [item for region_items in awaiting.values() for item in region_items]
    anchored = [item for item in items if item.root.anchor and item.revision is not None]
    if not anchored:
        return awaiting
    declaration_ids = {i.revision.pk for i in anchored if i.revision.document == "declaration"}
    vision_ids = {i.revision.pk for i in anchored if i.revision.document == "vision"}
    names: dict[tuple[str, int], list[str]] = {}
    if declaration_ids:
        for revision_id, name in Member.objects.filter(revision_id__in=declaration_ids).values_list(
            "revision_id", "name"
        ):
            names.setdefault(("declaration", revision_id), []).append(name)
    if vision_ids:
        for revision_id, name in Project.objects.filter(revision_id__in=vision_ids).values_list(
            "revision_id", "name"
        ):
            names.setdefault(("vision", revision_id), []).append(name)
    anchored_ids = {id(item) for item in anchored}
    labelled = {}
    for region_pk, region_items in awaiting.items():
        labelled[region_pk] = []
        for item in region_items:
            if id(item) in anchored_ids:
                key = (item.revision.document, item.revision.pk)
                make = declaration_anchors if key[0] == "declaration" else vision_anchors
                anchor = anchor_of(item.root.anchor, make(names.get(key, [])))
                item = replace(item, anchor_label=anchor.label if anchor.path else "")
            labelled[region_pk].append(item)
    return labelled


def staff_dashboard(user, *, today: date | None = None) -> list[RegionSummary]:
    """The user's regions with their role, documents, awaiting comments and overdue verification."""
    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    months = verification_interval_months()
    roles = list(
        RegionRole.objects.filter(user=user).select_related("region").order_by("region__slug")
    )
    if not roles:
        return []
    summaries = {role.region_id: RegionSummary(region=role.region, role=role) for role in roles}
    region_ids = list(summaries)

    declaration_revisions = list(
        DeclarationRevision.objects.filter(declaration__region_id__in=region_ids)
        .annotate(region_pk=F("declaration__region_id"))
        .only(
            "id", "number", "kind", "status", "region_name", "declared_on", "updated_at",
            "declaration_id", "publish_on", "submitted_at", "published_at",
        )
        .order_by("declaration__region_id", "number")
    )  # fmt: skip
    vision_revisions = list(
        VisionRevision.objects.filter(vision__region_id__in=region_ids)
        .annotate(region_pk=F("vision__region_id"))
        .only(
            "id", "number", "kind", "status", "verified_on", "updated_at", "vision_id",
            "declaration_revision_id", "publish_on", "submitted_at", "published_at",
        )
        .order_by("vision__region_id", "number")
    )  # fmt: skip
    comments = list(
        Comment.objects.filter(region_id__in=region_ids, advice=None).only(
            "id", "region_id", "parent_id", "content_type_id", "object_id", "anchor",
            "by_reviewer", "body", "created_at", "resolved_at",
        )
    )  # fmt: skip

    by_region: dict[int, dict[str, list]] = {
        pk: {"declaration": [], "vision": []} for pk in region_ids
    }
    for revision in declaration_revisions:
        by_region[revision.region_pk]["declaration"].append(revision)
    for revision in vision_revisions:
        by_region[revision.region_pk]["vision"].append(revision)

    declaration_type = ContentType.objects.get_for_model(DeclarationRevision)
    vision_type = ContentType.objects.get_for_model(VisionRevision)
    revisions_by_key = {(declaration_type.pk, r.pk): r for r in declaration_revisions}
    revisions_by_key |= {(vision_type.pk, r.pk): r for r in vision_revisions}
    awaiting = _with_anchor_labels(_awaiting(comments, revisions_by_key))
    verified = last_verifications(region_ids)

    for region_pk, summary in summaries.items():
        declarations = by_region[region_pk]["declaration"]
        visions = by_region[region_pk]["vision"]
        summary.declaration = _document_status(declarations)
        summary.vision = _document_status(visions)
        summary.name = next(
            (r.region_name for r in reversed(declarations) if r.region_name), summary.region.slug
        )
        summary.awaiting = awaiting.get(region_pk, [])
        summary.overdue = _overdue(
            summary, visions, today=today, months=months, recorded_on=verified.get(region_pk)
        )
    return list(summaries.values())


def _overdue(summary, visions, *, today, months, recorded_on=None) -> OverdueVerification | None:
    """The published vision's verification, when overdue (as rule vision.verification judges it).

    Counted from its last verification or, never verified, from the vision's first
    publication (the earliest ``published_at`` of its published revisions, as
    ``workflow.adapter.vision_first_publication`` reads it); ``recorded_on``: the day of
    the latest published 検証 record (ADR 0105). Not shown once the
    declaration is abolished.
    """
    vision = summary.vision.published
    published_declaration = summary.declaration.published
    if vision is None or (
        published_declaration is not None and published_declaration.kind == Kind.ABOLISHED
    ):
        return None
    first_published_on = min(
        (
            timezone.localdate(r.published_at)
            for r in visions
            if r.status == Status.PUBLISHED and r.published_at is not None
        ),
        default=None,
    )
    verified_on = last_verification(vision.verified_on, recorded_on)
    found = verification_overdue(
        verified_on=verified_on,
        first_published_on=first_published_on,
        today=today,
        months=months,
    )
    if found is None:
        return None
    since, due = found
    return OverdueVerification(
        revision=vision,
        since=since,
        due=due,
        verified=verified_on is not None,
        months=months,
    )
