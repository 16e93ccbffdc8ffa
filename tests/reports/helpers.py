"""A published region and its 検証 records, made through the real services (ADR 0105)."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.models import REVIEWER_GROUP, RegionRole
from declarations.lifecycle import Status
from reports.models import Conclusion, Rating
from reports.services import (
    AssessmentInput,
    verification_accept,
    verification_create,
    verification_return,
    verification_save,
    verification_submit,
)
from tests.factories import UserFactory
from tests.public_data import publish_region, skip_pdfs

COMPLETE = {
    "period_start": date(2026, 4, 1),
    "period_end": date(2027, 3, 31),
    "verified_on": date(2027, 5, 20),
    "conclusion": Conclusion.CONTINUE,
    "consulted_on": None,
    "summary": "各プロジェクトはおおむね計画どおりに進んでいる。",
}


def reviewer_permissions() -> None:
    """The reports permissions of the reviewer group (reports 0002), again after a flush."""
    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="reports",
            codename__in=[
                "view_verification",
                "view_assessment",
                "view_verificationreminder",
                "return_verification",
                "accept_verification",
            ],
        )
    )


@pytest.fixture
def published(monkeypatch):
    """The valid test bundle, published, in region ``setouchi``."""
    skip_pdfs(monkeypatch)
    return publish_region("setouchi")


@pytest.fixture
def region(published):
    return published.region


@pytest.fixture
def editor(region):
    user = UserFactory(username="editor", email="editor@setouchi.example.jp")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.EDITOR)
    return user


@pytest.fixture
def viewer(region):
    user = UserFactory(username="viewer", email="viewer@setouchi.example.jp")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.VIEWER)
    return user


@pytest.fixture
def shinsa():
    reviewer_permissions()
    user = UserFactory(username="shinsa", email="shinsa@soumu.example.jp", is_staff=True)
    user.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    return user


def complete(verification, **changes):
    """Fill a draft so that it passes the 第4(3) rules."""
    fields = {**COMPLETE, **changes}
    assessments = {
        a.pk: AssessmentInput(Rating.ON_TRACK, f"{a.project.name}は目標に沿って進んでいる。")
        for a in verification.assessments.select_related("project")
    }
    verification_save(
        verification=verification,
        version=verification.version,
        fields=fields,
        assessments=assessments,
    )
    verification.refresh_from_db()
    return verification


def file_verification(region, actor, *, status=Status.PUBLISHED, **changes):
    """A verification of ``region`` filled and moved as far as ``status``."""
    verification = complete(verification_create(region=region, actor=actor), **changes)
    if status == Status.DRAFT:
        return verification
    verification_submit(verification=verification, actor=actor)
    if status == Status.RETURNED:
        verification_return(
            verification=verification, actor=actor, comment="評価が不足しています。"
        )
    elif status == Status.PUBLISHED:
        verification_accept(verification=verification, actor=actor)
    verification.refresh_from_db()
    return verification
