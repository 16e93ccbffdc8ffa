"""The demo's published 検証 record (manage.py load_demo_data, manifest ``verifications``)."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from declarations.lifecycle import Status
from reports.models import Verification
from reports.selectors import last_verified_on

pytestmark = pytest.mark.django_db


def test_the_demo_loads_one_published_verification_dated_as_the_manifest_says():
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())  # idempotent
    verification = Verification.objects.get()
    assert verification.region.slug == "hokkaido-food-valley"
    assert verification.status == Status.PUBLISHED
    assert timezone.localtime(verification.published_at).date() == date(2026, 11, 25)
    assert timezone.localtime(verification.submitted_at).date() == date(2026, 11, 12)
    ratings = list(verification.assessments.values_list("rating", flat=True))
    assert ratings == ["delayed", "on_track", "on_track", "mostly"]
    assert last_verified_on(verification.region) == date(2026, 11, 10)
