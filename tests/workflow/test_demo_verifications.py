"""The demo's published 検証 records (manage.py load_demo_data, manifest ``verifications``):
two regions with targets and results each have one (issue 15)."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from declarations.lifecycle import Status
from reports.models import Verification
from reports.selectors import last_verified_on

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_published_verification_dated_as_the_manifest_says():
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())  # idempotent
    assert sorted(Verification.objects.values_list("vision__region__slug", flat=True)) == [
        "chubu-mobility",
        "hokkaido-food-valley",
    ]
    verification = Verification.objects.get(vision__region__slug="hokkaido-food-valley")
    assert verification.status == Status.PUBLISHED
    assert timezone.localtime(verification.published_at).date() == date(2026, 11, 25)
    assert timezone.localtime(verification.submitted_at).date() == date(2026, 11, 12)
    ratings = list(verification.assessments.values_list("rating", flat=True))
    assert ratings == ["delayed", "on_track", "on_track", "mostly"]
    assert last_verified_on(verification.region) == date(2026, 11, 10)


def test_the_second_region_with_results_has_its_verification_published_too():
    call_command("load_demo_data", stdout=io.StringIO())
    verification = Verification.objects.get(vision__region__slug="chubu-mobility")
    assert verification.status == Status.PUBLISHED
    assert timezone.localtime(verification.published_at).date() == date(2026, 11, 28)
    assert verification.assessments.count() == 4
    assert last_verified_on(verification.region) == date(2026, 11, 14)
