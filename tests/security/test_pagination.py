"""Every paginated page clamps its page number: a number past the end (one that would
overflow the database's OFFSET) shows the last page, anything that is not a number the
first — never a 500 (issue 12, item 7).

Each test sends every number of ``NUMBERS`` to one page and lists the numbers it answered
badly: a live-server test empties and refills the database when it ends, which costs more
than the requests, so the numbers share one test rather than one test each."""

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


def shown(text: str) -> str:
    """``text`` as a failure names it: a long one cut, with its length."""
    return text if len(text) <= 30 else f"{text[:12]}... ({len(text)} characters)"


def refused(portal, url, numbers, *, statuses=(200,), text=None) -> dict:
    """The numbers (``shown``) whose page of ``url`` (``{}`` for the number) answered with
    another status, or without ``text``, and the status: empty when every number is
    clamped."""
    wrong = {}
    for number in numbers:
        response = portal.get(url.format(number))
        if response.status_code not in statuses or (text and text not in response.text):
            wrong[shown(number)] = response.status_code
    return wrong


def test_the_audit_trail_clamps_its_page(reviewer_portal):
    url = "/admin/reviews/review/audit/?p={}"
    assert refused(reviewer_portal, url, NUMBERS, text="監査記録") == {}


def test_the_review_queue_clamps_its_page(reviewer_portal):
    url = "/admin/reviews/review/queue/?p={}&status="
    assert refused(reviewer_portal, url, NUMBERS, text="審査待ち一覧") == {}


def test_the_admin_lists_clamp_their_page(reviewer_portal):
    for changelist in ("declarations/declarationrevision", "declarations/statuschange"):
        url = f"/admin/{changelist}/?p={{}}"
        # Django's own answer to a page past the end is a redirect to ?e=1.
        assert refused(reviewer_portal, url, [HUGE], statuses=(200, 302)) == {}, changelist


def test_the_public_region_list_clamps_its_page(portal):
    assert refused(portal, "/regions/?page={}", NUMBERS) == {}


WINDOWS = [f"offset={HUGE}", f"limit={HUGE}", "offset=-1", f"offset={'9' * 5000}", "limit=0"]


def test_the_api_refuses_a_window_out_of_range_as_a_client_error(portal):
    wrong = {}
    for query in WINDOWS:
        for path in ("/api/v1/regions", "/api/v1/regions/"):
            response = portal.get(f"{path}?{query}")
            if response.status_code != 404:
                break
        if not 400 <= response.status_code < 500:
            wrong[shown(query)] = response.status_code

    assert wrong == {}
