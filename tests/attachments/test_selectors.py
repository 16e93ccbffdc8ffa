"""attachments.selectors: staff see all, reviewers sent revisions, the public published ones."""

import pytest

from attachments.selectors import (
    public_attachment,
    public_attachments,
    reviewer_attachment,
    reviewer_attachments,
    staff_attachment,
    staff_attachments,
)
from attachments.services import attachment_add
from declarations.lifecycle import Status
from tests.attachments.conftest import upload
from tests.factories import ProjectFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed():
    user = UserFactory(username="editor")
    project = ProjectFactory()
    vision = project.revision
    return {
        "vision": vision,
        "public": attachment_add(target=vision, upload=upload(), actor=user, is_public=True),
        "private": attachment_add(target=vision, upload=upload(), actor=user),
        "project": attachment_add(target=project, upload=upload(), actor=user, is_public=True),
    }


def move(revision, status):
    type(revision).objects.filter(pk=revision.pk).update(status=status)
    revision.refresh_from_db()


def test_staff_see_every_attachment_of_the_revision_and_its_projects(filed):
    assert set(staff_attachments(filed["vision"])) == {
        filed["public"],
        filed["private"],
        filed["project"],
    }
    region = filed["vision"].region
    assert staff_attachment(region, filed["private"].pk) == filed["private"]
    assert staff_attachment(RegionFactory(), filed["private"].pk) is None


def test_reviewers_see_nothing_of_a_draft_and_all_once_sent(filed):
    assert list(reviewer_attachments(filed["vision"])) == []
    assert reviewer_attachment(filed["private"].pk) is None
    move(filed["vision"], Status.SUBMITTED)
    assert len(reviewer_attachments(filed["vision"])) == 3
    assert reviewer_attachment(filed["private"].pk) == filed["private"]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.ACCEPTED])
def test_the_public_sees_nothing_before_publication(filed, status):
    move(filed["vision"], status)
    slug = filed["vision"].region.slug
    assert list(public_attachments(filed["vision"])) == []
    assert public_attachment(slug, filed["public"].pk) is None


def test_the_public_sees_the_public_ones_of_a_published_revision(filed):
    move(filed["vision"], Status.PUBLISHED)
    slug = filed["vision"].region.slug
    assert set(public_attachments(filed["vision"])) == {filed["public"], filed["project"]}
    assert public_attachment(slug, filed["public"].pk) == filed["public"]
    assert public_attachment(slug, filed["private"].pk) is None
    assert public_attachment("other", filed["public"].pk) is None
