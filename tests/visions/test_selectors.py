"""The visions app's read-only queries: published-only visions for the public, and the
declaration revision a vision is read against."""

import pytest

from declarations.lifecycle import Kind, Status
from tests.factories import (
    DeclarationFactory,
    DeclarationRevisionFactory,
    MemberFactory,
    VisionFactory,
    VisionRevisionFactory,
)
from visions.selectors import (
    current_vision_revisions,
    paired_declaration,
    published_vision_revisions,
    published_vision_revisions_of,
)

pytestmark = pytest.mark.django_db


def vision_revision(vision, number, status=Status.PUBLISHED, **fields):
    return VisionRevisionFactory(vision=vision, number=number, status=status, **fields)


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED]
)
def test_unpublished_vision_revisions_never_reach_the_public(status):
    vision = VisionFactory()
    published = vision_revision(vision, 1)
    vision_revision(vision, 2, status)
    assert list(published_vision_revisions()) == [published]
    assert list(current_vision_revisions()) == [published]
    assert list(published_vision_revisions_of(vision.region_id)) == [published]


def test_current_vision_revision_is_the_latest_published_one_per_region():
    first, second = VisionFactory(), VisionFactory()
    vision_revision(first, 1)
    latest = vision_revision(first, 2, kind=Kind.CHANGED)
    vision_revision(first, 3, Status.ACCEPTED, kind=Kind.CHANGED)
    only = vision_revision(second, 1)
    vision_revision(VisionFactory(), 1, Status.SUBMITTED)  # a region with nothing published
    assert set(current_vision_revisions()) == {latest, only}


def test_published_vision_revisions_of_a_region_are_its_own_oldest_first():
    vision = VisionFactory()
    second = vision_revision(vision, 2, kind=Kind.CHANGED)
    first = vision_revision(vision, 1)
    vision_revision(VisionFactory(), 1)
    assert list(published_vision_revisions_of(vision.region_id)) == [first, second]


def test_a_vision_is_read_against_the_declaration_it_was_submitted_with():
    vision = VisionFactory()
    declaration = DeclarationFactory(region=vision.region)
    submitted_with = DeclarationRevisionFactory(declaration=declaration, number=1)
    DeclarationRevisionFactory(declaration=declaration, number=2)  # a later draft
    revision = vision_revision(vision, 1, Status.SUBMITTED, declaration_revision=submitted_with)
    assert paired_declaration(revision) == submitted_with


def test_a_vision_not_yet_paired_is_read_against_the_latest_declaration_revision():
    vision = VisionFactory()
    declaration = DeclarationFactory(region=vision.region)
    DeclarationRevisionFactory(declaration=declaration, number=1, status=Status.PUBLISHED)
    latest = DeclarationRevisionFactory(declaration=declaration, number=2)
    MemberFactory(revision=latest, name="岡山県")
    DeclarationRevisionFactory(number=9)  # another region's
    revision = vision_revision(vision, 1, Status.DRAFT)

    paired = paired_declaration(revision)
    assert paired == latest
    assert [m.name for m in paired.members.all()] == ["岡山県"]


def test_a_vision_of_a_region_without_a_declaration_has_none_to_be_read_against():
    assert paired_declaration(vision_revision(VisionFactory(), 1, Status.DRAFT)) is None
