"""staff.context_processors.staff_region: the region's name for every staff page."""

import pytest
from django.test import RequestFactory

from staff.context_processors import staff_region
from tests.review_helpers import imported  # noqa: F401

pytestmark = pytest.mark.django_db


def test_outside_a_region_it_gives_nothing():
    assert staff_region(RequestFactory().get("/staff/")) == {}


def test_the_name_of_the_latest_declaration_revision_in_one_query(
    imported,  # noqa: F811
    django_assert_num_queries,
):
    request = RequestFactory().get("/staff/x/")
    request.staff_region = imported.region
    title = staff_region(request)["region_title"]
    with django_assert_num_queries(1):
        assert title() == imported.declaration_revision.region_name
        assert title() == imported.declaration_revision.region_name
