"""The 検証 records in the admin (ministry.admin.reports): return with a comment, accept and
publish, the overview's lists (ADR 0105)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from declarations.lifecycle import Status
from reports.models import VerificationReminder
from tests.reports.helpers import (  # noqa: F401 (fixtures)
    editor,
    file_verification,
    published,
    region,
    shinsa,
)
from tests.review_helpers import signed_in
from workflow.verifications import reminders_send

pytestmark = pytest.mark.django_db


def change_url(verification):
    return reverse("admin:reports_verification_change", args=[verification.pk])


def decide(client, verification, decision, comment=""):
    return client.post(
        reverse("admin:reports_verification_decide", args=[verification.pk]),
        {"decision": decision, "comment": comment},
    )


def test_a_reviewer_reads_a_submitted_verification_and_returns_it_with_a_comment(
    region, editor, shinsa
):
    verification = file_verification(region, editor, status=Status.SUBMITTED)
    client = signed_in(shinsa)
    page = client.get(change_url(verification))
    assert page.status_code == 200
    assert "受理して公表" in page.text and "差し戻す" in page.text
    assessment = verification.assessments.first()
    assert assessment.text in page.text

    decide(client, verification, "return", "")
    verification.refresh_from_db()
    assert verification.status == Status.SUBMITTED  # a return needs its comment
    decide(client, verification, "return", "評価の根拠を書いてください。")
    verification.refresh_from_db()
    assert verification.status == Status.RETURNED


def test_accepting_publishes_at_once(region, editor, shinsa):
    verification = file_verification(region, editor, status=Status.SUBMITTED)
    client = signed_in(shinsa)
    response = decide(client, verification, "accept")
    assert response.status_code == 302
    verification.refresh_from_db()
    assert verification.status == Status.PUBLISHED
    page = client.get(change_url(verification))
    assert "受理して公表" not in page.text


def test_nobody_changes_a_verification_in_the_admin(region, editor, shinsa):
    verification = file_verification(region, editor, status=Status.SUBMITTED)
    client = signed_in(shinsa)
    response = client.post(change_url(verification), {"summary": "書き換え"})
    verification.refresh_from_db()
    assert verification.summary != "書き換え"
    assert response.status_code == 403
    assert client.get(reverse("admin:reports_verification_add")).status_code == 403


def test_a_staff_user_without_the_permission_cannot_decide(region, editor):
    from tests.factories import UserFactory

    verification = file_verification(region, editor, status=Status.SUBMITTED)
    client = signed_in(UserFactory(username="staff-only", is_staff=True))
    assert decide(client, verification, "accept").status_code == 403
    verification.refresh_from_db()
    assert verification.status == Status.SUBMITTED


def test_the_overview_lists_submitted_verifications(region, editor, shinsa):
    verification = file_verification(region, editor, status=Status.SUBMITTED)
    page = signed_in(shinsa).get(reverse("admin:reviews_overview"))
    assert "審査待ちの検証の記録" in page.text
    assert change_url(verification) in page.text


def test_the_overview_counts_overdue_from_the_last_published_verification(
    region, editor, shinsa, settings
):
    # With a 1-month interval, a verification 45 days ago (later than the bundle's
    # verified_on, 2026-10-01) is overdue and named as the last one; one today is not.
    settings.VISION_VERIFICATION_INTERVAL_MONTHS = 1
    verified_on = timezone.localdate() - timedelta(days=45)
    period = {"period_start": verified_on - timedelta(days=365), "period_end": verified_on}
    file_verification(region, editor, verified_on=verified_on, **period)
    page = signed_in(shinsa).get(reverse("admin:reviews_overview"))
    shown = f"{verified_on.year}年{verified_on.month}月{verified_on.day}日"
    assert f"<td>{shown}</td>" in page.text
    assert f"{shown}から1か月を超えて" in page.text

    file_verification(region, editor, verified_on=timezone.localdate(), **period)
    page = signed_in(shinsa).get(reverse("admin:reviews_overview"))
    assert "検証の期限を過ぎた公表中の連携ビジョンはありません" in page.text


def test_the_reminders_sent_are_listed(region, editor, shinsa, settings):
    settings.VISION_VERIFICATION_INTERVAL_MONTHS = 1
    settings.VERIFICATION_REMINDER_DAYS = 40
    assert len(reminders_send()) == 1
    page = signed_in(shinsa).get(reverse("admin:reports_verificationreminder_changelist"))
    assert page.status_code == 200
    assert "editor@setouchi.example.jp" in page.text
    assert VerificationReminder.objects.count() == 1
