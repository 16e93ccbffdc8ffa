"""Every paginated page clamps its page number: a number past the end (one that would
overflow the database's OFFSET) shows the last page, anything that is not a number the
first — never a 500 (issue 12, item 7)."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import REVIEWER_GROUP
from tests.factories import UserFactory
from tests.mfa_helpers import verified_client
from tests.security.conftest import LIVE_SERVER_MARKS

pytestmark = LIVE_SERVER_MARKS

HUGE = "99999999999999999999"
NUMBERS = [HUGE, "9" * 5000, "-1", "0", "1e999", "%00", "２"]


@pytest.fixture
def reviewer_portal(portal, client):
    reviewer = UserFactory(username="reviewer", is_staff=True, is_superuser=True)
    reviewer.groups.add(Group.objects.get_or_create(name=REVIEWER_GROUP)[0])
    verified_client(reviewer, client)
    portal.cookies.set("sessionid", client.cookies["sessionid"].value)
    return portal


@pytest.mark.parametrize("number", NUMBERS)
def test_the_audit_trail_clamps_its_page(reviewer_portal, number):
    response = reviewer_portal.get(f"/admin/reviews/review/audit/?p={number}")

    assert response.status_code == 200, response.text[:300]
    assert "監査記録" in response.text


@pytest.mark.parametrize("number", NUMBERS)
def test_the_review_queue_clamps_its_page(reviewer_portal, number):
    response = reviewer_portal.get(f"/admin/reviews/review/queue/?p={number}&status=")

    assert response.status_code == 200, response.text[:300]
    assert "審査待ち一覧" in response.text


@pytest.mark.parametrize(
    "changelist", ["declarations/declarationrevision", "declarations/statuschange"]
)
def test_the_admin_lists_clamp_their_page(reviewer_portal, changelist):
    response = reviewer_portal.get(f"/admin/{changelist}/?p={HUGE}")

    assert response.status_code in (200, 302), response.text[:300]  # Django's own ?e=1


@pytest.mark.parametrize("number", NUMBERS)
def test_the_public_region_list_clamps_its_page(portal, number):
    response = portal.get(f"/regions/?page={number}")

    assert response.status_code == 200, response.text[:300]


@pytest.mark.parametrize(
    "query",
    [f"offset={HUGE}", f"limit={HUGE}", "offset=-1", f"offset={'9' * 5000}", "limit=0"],
)
def test_the_api_refuses_a_window_out_of_range_as_a_client_error(portal, query):
    for path in ("/api/v1/regions", "/api/v1/regions/"):
        response = portal.get(f"{path}?{query}")
        if response.status_code != 404:
            break

    assert 400 <= response.status_code < 500, response.text[:300]
