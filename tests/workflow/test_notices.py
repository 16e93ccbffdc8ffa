"""The mails of the verbs lead to the item: the absolute link (from ``PORTAL_BASE_URL``), the
region's name (never its database id) and the action expected (issue 13)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import REVIEWER_GROUP, RegionRole
from reviews.selectors import submissions_of
from tests.factories import UserFactory
from tests.review_helpers import imported, submit  # noqa: F401  (fixture)
from workflow.verbs import revision_accept, revision_reopen, revision_return, revision_submit

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.jp"
REGION = "瀬戸内広域リージョン"


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.PORTAL_BASE_URL = BASE


@pytest.fixture
def people(imported):  # noqa: F811
    reviewer = UserFactory(username="mic", email="reviewer@soumu.example.jp", is_staff=True)
    reviewer.groups.add(Group.objects.get_or_create(name=REVIEWER_GROUP)[0])
    editor = UserFactory(username="editor", email="editor@setouchi.example.jp")
    RegionRole.objects.create(user=editor, region=imported.region, role=RegionRole.Role.EDITOR)
    return reviewer, editor


def _admin_link(revision):
    return f"{BASE}/admin/reviews/review/revisions/{revision.document}/{revision.pk}/"


def _staff_link(revision):
    return f"{BASE}/staff/{revision.region.slug}/{revision.document}/{revision.number}/"


def test_the_submission_mail_leads_the_reviewer_to_the_review_page(
    imported,  # noqa: F811
    people,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    _reviewer, editor = people
    revision = imported.declaration_revision
    with django_capture_on_commit_callbacks(execute=True):
        revision_submit(revision=revision, actor=editor)
    (mail,) = mailoutbox
    assert mail.to == ["reviewer@soumu.example.jp"]
    assert REGION in mail.subject
    assert _admin_link(revision) in mail.body
    assert REGION in mail.body and "連携宣言書 第1版" in mail.body
    assert "審査してください" in mail.body
    assert f"受付番号: {submissions_of(revision).get().receipt_number}（第1回送付）" in mail.body


def test_the_mail_of_a_resubmission_says_which_submission_it_is(
    imported,  # noqa: F811
    people,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    reviewer, editor = people
    revision = imported.declaration_revision
    with django_capture_on_commit_callbacks(execute=True):
        revision_submit(revision=revision, actor=editor)
        revision_return(revision=revision, actor=reviewer, comment="区域を確かめてください。")
        revision_reopen(revision=revision, actor=editor)
        revision_submit(revision=revision, actor=editor)
    second = mailoutbox[-1]
    number = submissions_of(revision).order_by("sequence").last().receipt_number
    assert f"受付番号: {number}（第2回送付、差戻し後の再送付）" in second.body


def test_the_vision_mails_name_the_region_not_its_id(
    imported,  # noqa: F811
    people,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    _reviewer, editor = people
    submit(imported.declaration_revision, editor)
    vision = imported.vision_revision
    with django_capture_on_commit_callbacks(execute=True):
        revision_submit(revision=vision, actor=editor)
    (mail,) = mailoutbox
    region_id = imported.region.pk
    assert f"{region_id} 連携ビジョン" not in mail.subject + mail.body
    assert f"{REGION} 連携ビジョン 第1版" in mail.subject
    assert _admin_link(vision) in mail.body
    assert str(vision) == f"{REGION} 連携ビジョン 第1版"


def test_the_return_mail_gives_the_staff_link_and_the_reason(
    imported,  # noqa: F811
    people,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    reviewer, editor = people
    revision = imported.declaration_revision
    submit(revision, editor)
    with django_capture_on_commit_callbacks(execute=True):
        revision_return(revision=revision, actor=reviewer, comment="区域を確認してください")
    (mail,) = mailoutbox
    assert mail.to == ["editor@setouchi.example.jp"]
    assert REGION in mail.subject and "差し戻されました" in mail.subject
    assert _staff_link(revision) in mail.body
    assert "修正して再送付してください（理由: 区域を確認してください）" in mail.body


def test_the_acceptance_mails_give_the_wareki_date_and_say_nothing_is_needed(
    imported,  # noqa: F811
    people,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    reviewer, editor = people
    revision = imported.declaration_revision
    submit(revision, editor)
    later = timezone.localdate() + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        revision_accept(revision=revision, actor=reviewer, publish_on=later)
    (mail,) = mailoutbox
    assert "受理されました" in mail.subject and REGION in mail.subject
    assert _staff_link(revision) in mail.body
    assert "対応は不要です" in mail.body
    assert "令和" in mail.body
    from filing.formatting import wareki

    assert f"受理日: {wareki(timezone.localdate())}" in mail.body
    assert f"公表予定日: {wareki(later)}" in mail.body


def test_the_publication_mail_gives_the_link_and_the_acceptance_date(
    imported,  # noqa: F811
    people,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    from filing.formatting import wareki

    reviewer, editor = people
    revision = imported.declaration_revision
    submit(revision, editor)
    with django_capture_on_commit_callbacks(execute=True):
        revision_accept(revision=revision, actor=reviewer)
    (mail,) = mailoutbox
    assert "公表されました" in mail.subject and REGION in mail.subject
    assert _staff_link(revision) in mail.body
    assert f"受理日: {wareki(timezone.localdate())}" in mail.body
    assert "対応は不要です" in mail.body
