"""The staff dashboard /staff/: the user's regions with role, each document's status,
reviewers' comments awaiting an answer and overdue vision verifications."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

import staff.views.dashboard as dashboard_views
from accounts.models import RegionRole
from declarations.lifecycle import Kind, Status
from declarations.services import revision_transition
from reviews.models import Comment
from staff.selectors import staff_dashboard, verification_overdue
from tests.factories import (
    DeclarationFactory,
    DeclarationRevisionFactory,
    MemberFactory,
    RegionFactory,
    UserFactory,
    VisionFactory,
    VisionRevisionFactory,
)

pytestmark = pytest.mark.django_db


def _stub(request, slug):
    return HttpResponse(slug)


class UrlsWithStaffPages:
    """The dashboard as it links to the staff pages and the comments page (built elsewhere)."""

    urlpatterns = [
        path("", lambda request: HttpResponse("home"), name="home"),
        path("accounts/", include("accounts.urls")),
        path("staff/", dashboard_views.dashboard, name="staff_dashboard"),
        path(
            "staff/",
            include(
                (
                    [path("<slug:slug>/", _stub, name="region")],
                    "staff",
                )
            ),
        ),
        path(
            "staff/<slug:slug>/comments/",
            include(([path("", _stub, name="index")], "staff_comments")),
        ),
    ]


def comment(revision, *, by_reviewer, parent=None, resolved=False, body="確認してください"):
    author = UserFactory()
    return Comment.objects.create(
        region=revision.region,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        parent=parent,
        author=author,
        by_reviewer=by_reviewer,
        body=body,
        anchor="members[0]" if parent is None else "",
        resolved_at=timezone.now() if resolved else None,
    )


def region_with_documents(slug, *, today=date(2026, 11, 1)):
    region = RegionFactory(slug=slug)
    declaration = DeclarationFactory(region=region)
    published = DeclarationRevisionFactory(
        declaration=declaration,
        number=1,
        status=Status.PUBLISHED,
        region_name=f"{slug} 広域リージョン",
        declared_on=today - timedelta(days=500),
    )
    DeclarationRevisionFactory(
        declaration=declaration, number=2, status=Status.DRAFT, kind=Kind.CHANGED,
        region_name=f"{slug} 広域リージョン",
    )  # fmt: skip
    vision = VisionFactory(region=region)
    vision_published = VisionRevisionFactory(
        vision=vision, number=1, status=Status.PUBLISHED, declaration_revision=published
    )
    VisionRevisionFactory(vision=vision, number=2, status=Status.SUBMITTED)
    root = comment(published, by_reviewer=True)
    comment(published, by_reviewer=False, parent=root)
    comment(published, by_reviewer=True, parent=root, body="まだ足りません")
    comment(vision_published, by_reviewer=True)
    return region


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_user_without_regions_is_told_how_to_get_one(client):
    client.force_login(UserFactory())
    html = client.get("/staff/").content.decode()
    assert "担当している広域リージョンはまだありません" in html


def test_lists_only_the_users_regions_with_their_role(client):
    user = UserFactory()
    mine_edit, mine_view, foreign = (
        RegionFactory(slug="aaa"),
        RegionFactory(slug="bbb"),
        RegionFactory(slug="ccc"),
    )
    RegionRole.objects.create(user=user, region=mine_edit, role="editor")
    RegionRole.objects.create(user=user, region=mine_view, role="viewer")
    DeclarationRevisionFactory(declaration__region=foreign, region_name="よその広域リージョン")
    client.force_login(user)

    html = client.get("/staff/").content.decode()
    assert 'id="region-aaa"' in html and 'id="region-bbb"' in html
    assert "region-ccc" not in html and "よその広域リージョン" not in html
    assert "あなたの役割: 編集者" in html
    assert "あなたの役割: 閲覧者" in html


def test_shows_the_published_and_the_working_revision_of_each_document(client, settings):
    settings.ROOT_URLCONF = UrlsWithStaffPages
    user = UserFactory()
    region = region_with_documents("setouchi")
    RegionRole.objects.create(user=user, region=region, role="editor")
    client.force_login(user)

    summary = staff_dashboard(user)[0]
    assert (summary.declaration.published.number, summary.declaration.working.number) == (1, 2)
    assert (summary.vision.published.number, summary.vision.working.status) == (1, "submitted")
    html = client.get("/staff/").content.decode()
    assert "setouchi 広域リージョン" in html
    assert "第1版（策定）" in html and "第2版（変更）" in html
    assert "作成中" in html and "送付済み（審査中）" in html and "公表" in html
    assert 'href="/staff/setouchi/"' in html
    assert "届出を作成・編集する" in html


def test_a_viewer_is_offered_to_look_not_to_edit(client, settings):
    settings.ROOT_URLCONF = UrlsWithStaffPages
    user = UserFactory()
    RegionRole.objects.create(user=user, region=RegionFactory(slug="setouchi"), role="viewer")
    client.force_login(user)
    html = client.get("/staff/").content.decode()
    assert "届出を見る" in html and "届出を作成・編集する" not in html


def test_without_the_staff_pages_the_dashboard_still_renders_without_links(client, settings):
    """The staff pages may be missing from a URLconf: no broken link, no error."""
    from django.urls import path as p

    class UrlsWithoutStaffPages:
        urlpatterns = [
            p("", lambda request: HttpResponse("home"), name="home"),
            p("accounts/", include("accounts.urls")),
            p("staff/", dashboard_views.dashboard, name="staff_dashboard"),
        ]

    settings.ROOT_URLCONF = UrlsWithoutStaffPages
    user = UserFactory()
    RegionRole.objects.create(user=user, region=region_with_documents("setouchi"), role="editor")
    client.force_login(user)
    response = client.get("/staff/")
    assert response.status_code == 200
    assert 'href="/staff/setouchi/"' not in response.content.decode()


def test_comments_awaiting_an_answer_are_the_open_threads_a_reviewer_spoke_last_in(
    client, settings
):
    settings.ROOT_URLCONF = UrlsWithStaffPages
    user = UserFactory()
    region = RegionFactory(slug="setouchi")
    RegionRole.objects.create(user=user, region=region, role="viewer")
    revision = DeclarationRevisionFactory(declaration__region=region, number=3)
    MemberFactory(revision=revision, name="岡山市", key="okayama")
    revision_transition(revision=revision, new=Status.SUBMITTED)

    waiting = comment(revision, by_reviewer=True, body="構成団体の区域を確認してください")
    answered = comment(revision, by_reviewer=True, body="回答済みの指摘")
    comment(revision, by_reviewer=False, parent=answered, body="修正しました")
    asked_again = comment(revision, by_reviewer=True, body="二度目の指摘")
    comment(revision, by_reviewer=False, parent=asked_again)
    comment(revision, by_reviewer=True, parent=asked_again, body="<b>もう一度</b>確認を")
    comment(revision, by_reviewer=True, resolved=True, body="解決済みの指摘")
    comment(revision, by_reviewer=False, body="担当者のメモ")
    foreign = DeclarationRevisionFactory(status=Status.SUBMITTED)
    comment(foreign, by_reviewer=True, body="よそのリージョンへの指摘")

    awaiting = staff_dashboard(user)[0].awaiting
    assert {item.root.pk for item in awaiting} == {waiting.pk, asked_again.pk}
    assert {item.latest.body for item in awaiting} == {
        "構成団体の区域を確認してください",
        "<b>もう一度</b>確認を",
    }

    client.force_login(user)
    html = client.get("/staff/").content.decode()
    assert "回答を待つコメント（2 件）" in html
    assert "連携宣言書 第3版" in html
    assert "対象: 構成団体 1: 岡山市" in html
    assert "&lt;b&gt;もう一度&lt;/b&gt;確認を" in html
    for absent in ("回答済みの指摘", "解決済みの指摘", "担当者のメモ", "よそのリージョンへの指摘"):
        assert absent not in html
    assert 'href="/staff/setouchi/comments/"' in html


@pytest.mark.parametrize(
    ("verified_on", "first_published_on", "months", "overdue"),
    [
        (date(2025, 10, 31), None, 12, True),  # 12 months and 1 day ago
        (date(2025, 11, 1), None, 12, False),  # due today: not yet overdue
        (None, date(2025, 6, 1), 12, True),  # never verified: counted from the publication
        (None, None, 12, False),  # never published: never overdue
        (date(2025, 6, 1), date(2020, 1, 1), 24, False),  # the interval is a setting
        (date(2026, 4, 30), None, 6, True),
        (date(2026, 5, 31), None, 6, False),  # 5/31 + 6 months is 11/30 (clamped)
    ],
)
def test_verification_overdue_follows_the_rule(verified_on, first_published_on, months, overdue):
    found = verification_overdue(
        verified_on=verified_on,
        first_published_on=first_published_on,
        today=date(2026, 11, 1),
        months=months,
    )
    assert (found is not None) == overdue


def _region_with_published_vision(
    user, *, verified_on, declared_on, slug="setouchi", published_at=None
):
    region = RegionFactory(slug=slug)
    RegionRole.objects.create(user=user, region=region, role="editor")
    declaration = DeclarationRevisionFactory(
        declaration__region=region, status=Status.PUBLISHED, declared_on=declared_on
    )
    VisionRevisionFactory(
        vision__region=region, status=Status.PUBLISHED, verified_on=verified_on,
        declaration_revision=declaration, published_at=published_at or timezone.now(),
    )  # fmt: skip
    return region


def test_an_overdue_verification_is_shown_with_its_dates(client):
    user = UserFactory()
    today = timezone.localdate()
    _region_with_published_vision(user, verified_on=today - timedelta(days=400), declared_on=None)
    client.force_login(user)
    html = client.get("/staff/").content.decode()
    assert "連携ビジョンの検証の期限を過ぎています" in html
    assert "最後の検証は" in html
    assert "12 か月" in html


def test_a_never_verified_vision_counts_from_its_first_publication(client):
    user = UserFactory()
    published_at = timezone.now() - timedelta(days=400)
    region = _region_with_published_vision(
        user, verified_on=None, declared_on=None, published_at=published_at
    )
    VisionRevisionFactory(  # a later change, published today: the first publication counts
        vision=region.vision, number=2, status=Status.PUBLISHED, published_at=timezone.now()
    )
    client.force_login(user)
    html = client.get("/staff/").content.decode()
    assert "検証の記録がありません" in html
    assert "連携ビジョンの最初の公表の日" in html


def test_a_vision_published_minutes_ago_is_not_overdue_from_an_old_declaration(client):
    # issue 11: counted from declared_on, it was overdue minutes after publication.
    user = UserFactory()
    today = timezone.localdate()
    _region_with_published_vision(user, verified_on=None, declared_on=today - timedelta(days=900))
    assert [s.overdue for s in staff_dashboard(user)] == [None]


def test_the_interval_comes_from_the_setting(client, settings):
    settings.VISION_VERIFICATION_INTERVAL_MONTHS = 24
    user = UserFactory()
    today = timezone.localdate()
    _region_with_published_vision(user, verified_on=today - timedelta(days=400), declared_on=None)
    client.force_login(user)
    assert "検証の期限を過ぎています" not in client.get("/staff/").content.decode()


def test_a_recent_verification_and_an_abolished_declaration_are_not_overdue(client):
    user = UserFactory()
    today = timezone.localdate()
    _region_with_published_vision(user, verified_on=today - timedelta(days=30), declared_on=None)
    abolished = _region_with_published_vision(
        user, verified_on=today - timedelta(days=900), declared_on=None, slug="abolished"
    )
    DeclarationRevisionFactory(
        declaration=abolished.declaration, status=Status.PUBLISHED, kind=Kind.ABOLISHED
    )
    assert [s.overdue for s in staff_dashboard(user)] == [None, None]


def test_query_count_does_not_grow_with_the_number_of_regions(
    client, django_assert_max_num_queries
):
    user = UserFactory()
    client.force_login(user)
    RegionRole.objects.create(user=user, region=region_with_documents("region-0"), role="editor")
    client.get("/staff/")  # warm the content-type cache
    with CaptureQueriesContext(connection) as one:
        assert client.get("/staff/").status_code == 200
    for number in range(1, 8):
        RegionRole.objects.create(
            user=user, region=region_with_documents(f"region-{number}"), role="viewer"
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get("/staff/")
    assert len(response.context["summaries"]) == 8
    assert response.context["awaiting_total"] == 16
