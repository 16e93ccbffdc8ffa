"""What the staff page of a revision shows of its review (ADR 0099): the box at the top of a
returned revision (the reviewer's reason, the open comments with a link to each, the comments
whose item is gone) and each anchored comment beside the item it targets.

One query reads the revision's comments (``reviews.selectors.review_on_page``) and one its
decisions; the rows the page already loaded give the anchors.
"""

from dataclasses import dataclass

from django.conf import settings

from filing.anchors import declaration_anchors, vision_anchors
from reviews.selectors import Thread, review_on_page
from staff.anchors import declaration_comment_marks, marked_threads, vision_comment_marks


@dataclass(frozen=True)
class BoxItem:
    thread: Thread
    href: str  # beside its item (#mark-…) or, when it has none on the page, its thread


def reviewer_office() -> str:
    """Who reviewed, as the staff pages name them: the office (reviewers appear by role,
    never by name), without the honorific of the 送付書's address."""
    office = str(getattr(settings, "MINISTRY_OFFICE", "") or "").strip()
    return office.removesuffix("御中").strip()  # i18n: not text


def _context(revision, anchors, marks_of) -> dict:
    review = review_on_page(revision, anchors)
    marks = marks_of(review.placed)
    marked = marked_threads(marks)
    items = [
        BoxItem(
            thread,
            f"#mark-{thread.root.pk}" if thread.root.pk in marked else f"#thread-{thread.root.pk}",
        )
        for thread in review.open_threads
    ]
    return {
        "review": review,
        "review_box_items": items,
        "comment_marks": marks,
        "reviewer_office": reviewer_office(),
    }


def declaration_review_context(revision, members) -> dict:
    keys = [member.key for member in members]
    return _context(
        revision,
        declaration_anchors([member.name for member in members]),
        lambda placed: declaration_comment_marks(placed, keys),
    )


def project_threads(revision, projects, project) -> list[Thread]:
    """The threads about one project of a vision revision (its page shows them at the top)."""
    marks = vision_review_context(revision, projects)["comment_marks"]
    return marks["projects"].get(project.pk, [])


def vision_review_context(revision, projects) -> dict:
    ids = [project.pk for project in projects]
    return _context(
        revision,
        vision_anchors([project.name for project in projects]),
        lambda placed: vision_comment_marks(placed, ids),
    )
