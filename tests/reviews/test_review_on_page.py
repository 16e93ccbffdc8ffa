# ruff: noqa: F811 (pytest fixtures imported from tests.review_helpers)
"""Where a comment's anchor sits among a revision's items as they are now
(``reviews.selectors.placed_path``), and the review of a revision as its staff pages read it
(``review_on_page``): the returned decision while the revision is fixed, in bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from filing.anchors import declaration_anchors, vision_anchors
from reviews.selectors import placed_path, review_on_page
from reviews.services import comment_post
from tests.review_helpers import (  # noqa: F401 (fixtures)
    editor,
    imported,
    reviewer,
    submit,
)
from workflow.verbs import revision_reopen, revision_return

MEMBERS = declaration_anchors(["岡山県", "広島県", "瀬戸内経済連合会"])
PROJECTS = vision_anchors(["ものづくり", "観光"])


@pytest.mark.parametrize(
    ("path", "anchors", "placed"),
    [
        ("members[2]", MEMBERS, "members[2]"),
        ("members[2].activity_prefectures", MEMBERS, "members[2]"),
        ("members[3]", MEMBERS, None),  # the row was removed
        ("members", MEMBERS, "members"),
        ("declaration.fields", MEMBERS, "declaration.fields"),
        ("region.name", MEMBERS, "region"),
        ("", MEMBERS, ""),
        ("vision.projects[1]", PROJECTS, "vision.projects[1]"),
        ("vision.projects[1].budget", PROJECTS, "vision.projects[1]"),
        ("vision.projects[2]", PROJECTS, None),
        ("nothing.of.this", MEMBERS, None),
    ],
)
def test_a_comment_is_placed_on_the_item_it_names_or_on_none(path, anchors, placed):
    assert placed_path(path, anchors) == placed


@pytest.mark.django_db
def test_the_returned_decision_shows_while_the_revision_is_fixed(imported, editor, reviewer):
    revision = imported.declaration_revision
    assert review_on_page(revision).returned is None
    submit(revision, editor)
    comment_post(
        revision=revision,
        author=reviewer,
        body="確認を",
        anchor="members[99]",
        by_reviewer=True,
        valid_anchors=["members[99]"],
    )
    revision_return(revision=revision, actor=reviewer, comment="理由です")
    assert review_on_page(revision).returned.comment == "理由です"
    revision_reopen(revision=revision, actor=editor)
    revision.refresh_from_db()

    with CaptureQueriesContext(connection) as queries:
        review = review_on_page(revision, declaration_anchors(["a"]))

    assert review.returned.comment == "理由です"
    assert [t.root.body for t in review.orphans] == ["確認を"]
    assert review.placed == {}
    assert len(queries) <= 3  # the comments, the decisions (and the content type once)
    submit(revision, editor)
    revision.refresh_from_db()
    assert review_on_page(revision).returned is None
