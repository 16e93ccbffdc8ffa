"""The staff dashboard's selector (``staff.selectors.staff_dashboard``): one summary per
region of the user with the role, each document's published and working revision, the
reviewers' comments awaiting an answer and an overdue verification, in a number of
queries that does not depend on how many regions the user has.

The rows are made with the factories (no PDFs, no services): the selector only reads."""

from datetime import date, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import RegionRole
from declarations.lifecycle import Kind, Status
from reviews.models import Comment
from staff.selectors import staff_dashboard
from tests.factories import (
    DeclarationFactory,
    DeclarationRevisionFactory,
    MemberFactory,
    ProjectFactory,
    RegionFactory,
    UserFactory,
    VisionFactory,
    VisionRevisionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 1)


def at(day: date) -> datetime:
    """Noon of ``day`` in the site's time zone (its local date is ``day``)."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12))


def staff_of(user, region, role=RegionRole.Role.EDITOR):
    RegionRole.objects.create(user=user, region=region, role=role)
    return region


def comment(revision, *, by_reviewer, parent=None, anchor="", resolved=False, body="確認を"):
    return Comment.objects.create(
        region=revision.region,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        parent=parent,
        author=UserFactory(),
        by_reviewer=by_reviewer,
        body=body,
        anchor=anchor,
        resolved_at=timezone.now() if resolved else None,
    )


def frozen_as(revision, status):
    """Move a draft (made with its child rows) to ``status``, as only lifecycle fields."""
    revision.status = status
    revision.save(update_fields=["status"])
    return revision


def published_vision(region, *, verified_on, published_on, declaration_kind=Kind.ESTABLISHED):
    declaration = DeclarationRevisionFactory(
        declaration=DeclarationFactory(region=region),
        number=1,
        status=Status.PUBLISHED,
        kind=declaration_kind,
    )
    return VisionRevisionFactory(
        vision=VisionFactory(region=region),
        number=1,
        status=Status.PUBLISHED,
        verified_on=verified_on,
        declaration_revision=declaration,
        published_at=at(published_on) if published_on else None,
    )


# ---------------------------------------------------------------- regions and roles


def test_an_anonymous_user_has_no_regions():
    assert staff_dashboard(AnonymousUser()) == []


def test_a_user_without_a_role_has_no_regions():
    DeclarationRevisionFactory(declaration__region=RegionFactory(slug="someone-elses"))
    assert staff_dashboard(UserFactory()) == []


def test_one_summary_per_region_of_the_user_by_slug_with_the_role():
    user = UserFactory()
    staff_of(user, RegionFactory(slug="bbb"), RegionRole.Role.EDITOR)
    staff_of(user, RegionFactory(slug="aaa"), RegionRole.Role.VIEWER)
    foreign = RegionFactory(slug="abc-foreign")
    staff_of(UserFactory(), foreign)

    summaries = staff_dashboard(user)

    assert [s.region.slug for s in summaries] == ["aaa", "bbb"]
    assert [s.role.role for s in summaries] == [RegionRole.Role.VIEWER, RegionRole.Role.EDITOR]
    assert all(s.role.user_id == user.pk for s in summaries)


def test_the_name_is_the_latest_declaration_revisions_name_or_else_the_slug():
    user = UserFactory()
    renamed = staff_of(user, RegionFactory(slug="renamed"))
    declaration = DeclarationFactory(region=renamed)
    DeclarationRevisionFactory(declaration=declaration, number=1, region_name="旧い名前")
    DeclarationRevisionFactory(declaration=declaration, number=2, region_name="新しい名前")
    DeclarationRevisionFactory(declaration=declaration, number=3, region_name="")
    staff_of(user, RegionFactory(slug="unnamed"))

    names = {s.region.slug: s.name for s in staff_dashboard(user)}

    assert names == {"renamed": "新しい名前", "unnamed": "unnamed"}


# ---------------------------------------------------------------- each document's status


def test_each_document_shows_its_latest_published_revision_and_the_one_after_it():
    user = UserFactory()
    region = staff_of(user, RegionFactory(slug="setouchi"))
    declaration = DeclarationFactory(region=region)
    for number, status in ((1, Status.PUBLISHED), (2, Status.PUBLISHED), (3, Status.DRAFT)):
        DeclarationRevisionFactory(declaration=declaration, number=number, status=status)
    vision = VisionFactory(region=region)
    for number, status in ((1, Status.RETURNED), (2, Status.PUBLISHED), (3, Status.SUBMITTED)):
        VisionRevisionFactory(vision=vision, number=number, status=status)

    (summary,) = staff_dashboard(user)

    assert (summary.declaration.published.number, summary.declaration.working.number) == (2, 3)
    assert summary.declaration.working.status == Status.DRAFT
    assert (summary.vision.published.number, summary.vision.working.number) == (2, 3)
    assert summary.vision.working.status == Status.SUBMITTED


def test_a_revision_published_after_the_working_one_leaves_nothing_being_worked_on():
    user = UserFactory()
    region = staff_of(user, RegionFactory())
    vision = VisionFactory(region=region)
    VisionRevisionFactory(vision=vision, number=1, status=Status.RETURNED)
    VisionRevisionFactory(vision=vision, number=2, status=Status.PUBLISHED)

    (summary,) = staff_dashboard(user)

    assert summary.vision.published.number == 2
    assert summary.vision.working is None
    assert not summary.vision.is_empty


def test_a_document_never_published_has_only_a_working_revision_and_none_is_empty():
    user = UserFactory()
    region = staff_of(user, RegionFactory())
    DeclarationRevisionFactory(declaration__region=region, number=1, status=Status.SUBMITTED)

    (summary,) = staff_dashboard(user)

    assert summary.declaration.published is None
    assert summary.declaration.working.status == Status.SUBMITTED
    assert not summary.declaration.is_empty
    assert summary.vision.is_empty
    assert (summary.vision.published, summary.vision.working) == (None, None)


def test_the_revisions_of_other_regions_are_not_counted():
    user = UserFactory()
    region = staff_of(user, RegionFactory(slug="mine"))
    DeclarationRevisionFactory(declaration__region=region, number=1, status=Status.DRAFT)
    DeclarationRevisionFactory(
        declaration__region=RegionFactory(slug="theirs"), number=5, status=Status.PUBLISHED
    )

    (summary,) = staff_dashboard(user)

    assert summary.declaration.published is None
    assert summary.declaration.working.number == 1


# ---------------------------------------------------------------- comments awaiting an answer


def test_comments_awaiting_an_answer_are_open_threads_a_reviewer_spoke_last_in_newest_first():
    user = UserFactory()
    region = staff_of(user, RegionFactory(slug="setouchi"))
    revision = DeclarationRevisionFactory(declaration__region=region, status=Status.SUBMITTED)

    first = comment(revision, by_reviewer=True, body="一つ目の指摘")
    answered = comment(revision, by_reviewer=True, body="回答済み")
    comment(revision, by_reviewer=False, parent=answered, body="直しました")
    again = comment(revision, by_reviewer=True, body="二度目")
    comment(revision, by_reviewer=False, parent=again, body="直しました")
    again_latest = comment(revision, by_reviewer=True, parent=again, body="まだです")
    comment(revision, by_reviewer=True, resolved=True, body="解決済み")
    comment(revision, by_reviewer=False, body="担当者のメモ")
    comment(
        DeclarationRevisionFactory(declaration__region=RegionFactory(), status=Status.SUBMITTED),
        by_reviewer=True,
        body="よそへの指摘",
    )

    (summary,) = staff_dashboard(user)

    assert [item.root.pk for item in summary.awaiting] == [again.pk, first.pk]
    assert [item.latest.pk for item in summary.awaiting] == [again_latest.pk, first.pk]
    assert [item.replies for item in summary.awaiting] == [2, 0]
    assert all(item.revision.pk == revision.pk for item in summary.awaiting)


def test_a_resolved_thread_is_not_awaiting_even_when_a_reviewer_wrote_last():
    user = UserFactory()
    region = staff_of(user, RegionFactory())
    revision = DeclarationRevisionFactory(declaration__region=region, status=Status.SUBMITTED)
    root = comment(revision, by_reviewer=True, resolved=True)
    comment(revision, by_reviewer=True, parent=root, body="補足")

    assert staff_dashboard(user)[0].awaiting == []


def test_an_awaiting_thread_names_the_member_or_project_it_is_about():
    user = UserFactory()
    region = staff_of(user, RegionFactory())
    declaration = DeclarationRevisionFactory(declaration__region=region)
    MemberFactory(revision=declaration, key="okayama", name="岡山県")
    MemberFactory(revision=declaration, key="kurashiki", name="倉敷市")
    frozen_as(declaration, Status.SUBMITTED)
    vision = VisionRevisionFactory(vision__region=region)
    ProjectFactory(revision=vision, name="周遊観光")
    frozen_as(vision, Status.SUBMITTED)
    on_member = comment(declaration, by_reviewer=True, anchor="members[1]")
    on_project = comment(vision, by_reviewer=True, anchor="vision.projects[0].budget")
    whole = comment(declaration, by_reviewer=True, anchor="")

    labels = {item.root.pk: item.anchor_label for item in staff_dashboard(user)[0].awaiting}

    assert labels == {
        on_member.pk: "構成団体 2: 倉敷市",
        on_project.pk: "プロジェクト 1: 周遊観光",
        whole.pk: "",
    }


# ---------------------------------------------------------------- overdue verification


def test_a_verification_older_than_the_interval_is_overdue_from_the_day_after_it_is_due():
    user = UserFactory()
    region = staff_of(user, RegionFactory())
    vision = published_vision(region, verified_on=date(2025, 11, 1), published_on=date(2025, 1, 5))

    assert staff_dashboard(user, today=date(2026, 11, 1))[0].overdue is None  # due today

    overdue = staff_dashboard(user, today=date(2026, 11, 2))[0].overdue
    assert overdue.revision.pk == vision.pk
    assert (overdue.since, overdue.due) == (date(2025, 11, 1), date(2026, 11, 1))
    assert overdue.verified is True
    assert overdue.months == 12


def test_a_never_verified_vision_counts_from_its_first_publication():
    user = UserFactory()
    region = staff_of(user, RegionFactory())
    first = published_vision(region, verified_on=None, published_on=date(2025, 6, 1))
    latest = VisionRevisionFactory(
        vision=first.vision, number=2, status=Status.PUBLISHED, published_at=at(date(2026, 10, 1))
    )

    overdue = staff_dashboard(user, today=TODAY)[0].overdue

    assert overdue.revision.pk == latest.pk  # the current published revision
    assert (overdue.since, overdue.due) == (date(2025, 6, 1), date(2026, 6, 1))
    assert overdue.verified is False


def test_a_recent_verification_is_not_overdue_though_the_first_publication_is_old():
    user = UserFactory()
    region = staff_of(user, RegionFactory())
    published_vision(region, verified_on=date(2026, 9, 1), published_on=date(2020, 4, 1))

    assert staff_dashboard(user, today=TODAY)[0].overdue is None


def test_a_never_published_vision_is_never_overdue():
    user = UserFactory()
    submitted = staff_of(user, RegionFactory(slug="a-submitted"))
    VisionRevisionFactory(
        vision__region=submitted, status=Status.SUBMITTED, verified_on=date(2019, 1, 1)
    )
    no_date = staff_of(user, RegionFactory(slug="b-no-publication-date"))
    published_vision(no_date, verified_on=None, published_on=None)

    assert [s.overdue for s in staff_dashboard(user, today=TODAY)] == [None, None]


def test_the_interval_is_the_setting(settings):
    user = UserFactory()
    region = staff_of(user, RegionFactory())
    published_vision(region, verified_on=date(2025, 6, 1), published_on=date(2025, 1, 5))
    assert staff_dashboard(user, today=TODAY)[0].overdue.months == 12

    settings.VISION_VERIFICATION_INTERVAL_MONTHS = 24

    assert staff_dashboard(user, today=TODAY)[0].overdue is None
    overdue = staff_dashboard(user, today=date(2027, 6, 2))[0].overdue
    assert (overdue.due, overdue.months) == (date(2027, 6, 1), 24)


def test_an_abolished_declaration_leaves_nothing_overdue():
    user = UserFactory()
    region = staff_of(user, RegionFactory())
    vision = published_vision(region, verified_on=date(2020, 1, 1), published_on=date(2020, 1, 1))
    assert staff_dashboard(user, today=TODAY)[0].overdue is not None

    DeclarationRevisionFactory(
        declaration=vision.declaration_revision.declaration,
        number=2,
        status=Status.PUBLISHED,
        kind=Kind.ABOLISHED,
    )

    assert staff_dashboard(user, today=TODAY)[0].overdue is None


# ---------------------------------------------------------------- queries


def region_with_everything(user, slug):
    """Two declaration and two vision revisions, a member and a project, anchored threads."""
    region = staff_of(user, RegionFactory(slug=slug), RegionRole.Role.VIEWER)
    declaration = DeclarationFactory(region=region)
    published = DeclarationRevisionFactory(
        declaration=declaration, number=1, region_name=f"{slug} 圏"
    )
    MemberFactory(revision=published, name="岡山県")
    frozen_as(published, Status.PUBLISHED)
    DeclarationRevisionFactory(declaration=declaration, number=2, status=Status.SUBMITTED)
    vision = VisionFactory(region=region)
    vision_published = VisionRevisionFactory(
        vision=vision, number=1, verified_on=date(2020, 1, 1),
        declaration_revision=published, published_at=at(date(2020, 1, 1)),
    )  # fmt: skip
    ProjectFactory(revision=vision_published, name="周遊観光")
    frozen_as(vision_published, Status.PUBLISHED)
    VisionRevisionFactory(vision=vision, number=2, status=Status.DRAFT)
    root = comment(published, by_reviewer=True, anchor="members[0]")
    comment(published, by_reviewer=False, parent=root)
    comment(published, by_reviewer=True, parent=root)
    comment(vision_published, by_reviewer=True, anchor="vision.projects[0]")
    return region


def test_the_number_of_queries_is_the_same_for_one_region_or_several():
    user = UserFactory()
    region_with_everything(user, "region-0")
    staff_dashboard(user, today=TODAY)  # the content types are cached after the first call

    with CaptureQueriesContext(connection) as one:
        summaries = staff_dashboard(user, today=TODAY)
    assert len(summaries) == 1 and summaries[0].overdue is not None

    for number in range(1, 6):
        region_with_everything(user, f"region-{number}")
    with CaptureQueriesContext(connection) as six:
        summaries = staff_dashboard(user, today=TODAY)

    assert len(six.captured_queries) == len(one.captured_queries)
    assert len(summaries) == 6
    assert all(len(s.awaiting) == 2 and s.overdue is not None for s in summaries)
    assert all(item.anchor_label for s in summaries for item in s.awaiting)
