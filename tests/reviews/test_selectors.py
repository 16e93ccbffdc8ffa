"""What the review left on a revision (``reviews.selectors``): comment threads, open first,
anchored to the revision's sections; decisions; and the revisions a region was commented on."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType

from accounts.models import RegionRole
from declarations.lifecycle import Status
from reviews.models import Comment, Review
from reviews.selectors import can_reply, commented_revisions, threads_of
from tests.factories import (
    DeclarationFactory,
    DeclarationRevisionFactory,
    MemberFactory,
    UserFactory,
    VisionFactory,
    VisionRevisionFactory,
)

pytestmark = pytest.mark.django_db


START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def comment(revision, *, parent=None, resolved=False, anchor="", minutes=0, body="確認"):
    """A comment written ``minutes`` after 9:00 on 1 June 2026 (comments cannot be edited,
    so the time is set as it is written)."""
    with mock.patch("django.utils.timezone.now", return_value=START + timedelta(minutes=minutes)):
        return Comment.objects.create(
            region=revision.region,
            content_type=ContentType.objects.get_for_model(revision),
            object_id=revision.pk,
            parent=parent,
            author=UserFactory(),
            by_reviewer=parent is None,
            body=body,
            anchor=anchor if parent is None else "",
            resolved_at=START + timedelta(days=1) if resolved else None,
        )


@pytest.fixture
def declaration():
    revision = DeclarationRevisionFactory(declaration=DeclarationFactory(), number=1)
    MemberFactory(revision=revision, name="岡山県")
    return revision


def test_open_threads_come_first_each_with_its_replies_oldest_first(declaration):
    resolved = comment(declaration, resolved=True, minutes=0, body="解決済み")
    later = comment(declaration, minutes=20, body="後の指摘")
    earlier = comment(declaration, minutes=10, body="先の指摘")
    second_reply = comment(declaration, parent=earlier, minutes=30)
    first_reply = comment(declaration, parent=earlier, minutes=15)

    threads = threads_of(declaration)
    assert [t.root for t in threads] == [earlier, later, resolved]
    assert [t.is_resolved for t in threads] == [False, False, True]
    assert threads[0].comments == [earlier, first_reply, second_reply]
    assert threads[1].replies == []


def test_a_thread_is_labelled_with_the_section_it_is_anchored_to(declaration):
    comment(declaration, anchor="members[0]")
    comment(declaration, anchor="no.such.section", minutes=1)
    first, second = threads_of(declaration)
    assert first.anchor.path == "members[0]" and "岡山県" in first.anchor.label
    assert (second.anchor.path, second.anchor.label) == ("no.such.section", "no.such.section")


def test_threads_belong_to_their_revision_only(declaration):
    other = DeclarationRevisionFactory(declaration=declaration.declaration, number=2)
    comment(other)
    assert threads_of(declaration) == []
    assert len(threads_of(other)) == 1


def test_commented_revisions_count_threads_and_keep_the_last_decision(declaration):
    region = declaration.region
    vision = VisionRevisionFactory(
        vision=VisionFactory(region=region), number=1, status=Status.RETURNED
    )
    comment(declaration)
    comment(declaration, resolved=True, minutes=1)
    comment(declaration, parent=comment(declaration, minutes=2), minutes=3)
    reviewer = UserFactory()
    for decision in (Review.Decision.RETURNED, Review.Decision.ACCEPTED):
        Review.objects.create(
            region=region,
            content_type=ContentType.objects.get_for_model(vision),
            object_id=vision.pk,
            decision=decision,
            reviewer=reviewer,
        )
    DeclarationRevisionFactory(declaration=declaration.declaration, number=2)  # nothing on it

    items = commented_revisions(region)
    assert [(i.revision, i.threads, i.open_threads) for i in items] == [
        (declaration, 3, 2),
        (vision, 0, 0),
    ]
    assert items[0].last_decision is None
    assert items[1].last_decision.decision == Review.Decision.ACCEPTED


def test_only_the_region_s_editors_may_reply(declaration):
    region = declaration.region
    editor, viewer, outsider = UserFactory(), UserFactory(), UserFactory()
    RegionRole.objects.create(user=editor, region=region, role=RegionRole.Role.EDITOR)
    RegionRole.objects.create(user=viewer, region=region, role=RegionRole.Role.VIEWER)
    assert can_reply(editor, region)
    assert not can_reply(viewer, region)
    assert not can_reply(outsider, region)
