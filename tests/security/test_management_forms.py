"""The management-form tricks of issue 12 (item 4) against the live test server: a staff
form POSTed with a forged ``*-TOTAL_FORMS`` (huge, negative), with more rows than it says or
with fields left out answers 400 with the portal's short page, at once, and saves nothing
(ADR 0085; the same cases per form through the test client: tests/staff/test_formset_bounds.py)."""

import pytest

from accounts.models import RegionRole
from declarations.models import DeclarationRevision
from tests.factories import UserFactory
from tests.security.conftest import LIVE_SERVER_MARKS
from tests.staff_helpers import form_values, imported, region  # noqa: F401 (fixtures)

pytestmark = LIVE_SERVER_MARKS

DECLARATION = "/staff/setouchi/declaration/1/"
SECTIONS = ("lg", "olg", "eco", "body")


class Page:
    def __init__(self, response):
        self.content = response.content


@pytest.fixture
def signed_in(portal, client, region, imported):  # noqa: F811
    editor = UserFactory(username="editor")
    RegionRole.objects.create(user=editor, region=region, role=RegionRole.Role.EDITOR)
    client.force_login(editor)
    portal.cookies.set("sessionid", client.cookies["sessionid"].value)
    return portal


def page(portal, url, form_id):
    response = portal.get(url)
    assert response.status_code == 200
    return form_values(Page(response), form_id)


def post(portal, url, data):
    token = data["csrfmiddlewaretoken"][0]
    return portal.post(
        url, data=data, headers={"Referer": portal.base_url + url, "X-CSRFToken": token}
    )


def stored(region):  # noqa: F811
    revision = DeclarationRevision.objects.get(declaration__region=region, number=1)
    members = list(revision.members.order_by("position").values_list("key", "name"))
    return revision.version, revision.region_name, revision.aspiration, members


def assert_portal_400(response):
    assert response.status_code == 400, response.text[:300]
    assert "リクエストを処理できません" in response.text
    assert len(response.content) < 50_000, len(response.content)


def test_the_reported_post_is_400_with_a_short_page_and_saves_nothing(signed_in, region):  # noqa: F811
    """The report: four TOTAL_FORMS of 9999999999 re-rendered 500 rows each (13.6 MB)."""
    data = page(signed_in, DECLARATION, "declaration-form")
    before = stored(region)

    for action in ({"save": "1"}, {"add": "lg"}, {"search": "1"}):
        forged = {f"{prefix}-TOTAL_FORMS": "9999999999" for prefix in SECTIONS}
        response = post(signed_in, DECLARATION, {**data, **forged, **action})
        assert_portal_400(response)

    assert stored(region) == before


@pytest.mark.parametrize("total", ["-1", "0", "1", "99"])
def test_a_total_that_does_not_match_the_rows_sent_deletes_nothing(signed_in, region, total):  # noqa: F811
    data = page(signed_in, DECLARATION, "declaration-form")
    before = stored(region)

    response = post(signed_in, DECLARATION, {**data, "lg-TOTAL_FORMS": total, "save": "1"})

    assert_portal_400(response)
    assert stored(region) == before


def test_a_truncated_post_blanks_nothing(signed_in, region):  # noqa: F811
    data = page(signed_in, DECLARATION, "declaration-form")
    before = stored(region)
    kept = dict(list(data.items())[:5])
    kept["csrfmiddlewaretoken"] = data["csrfmiddlewaretoken"]

    response = post(signed_in, DECLARATION, {**kept, "save": "1"})

    assert_portal_400(response)
    assert stored(region) == before


def test_the_project_form_refuses_a_negative_total(signed_in, imported):  # noqa: F811
    project = imported.vision_revision.projects.order_by("position").first()
    url = f"/staff/setouchi/vision/1/projects/{project.pk}/"
    data = page(signed_in, url, "project-form")
    milestones = project.milestones.count()

    response = post(signed_in, url, {**data, "milestones-TOTAL_FORMS": "-1", "save": "1"})

    assert_portal_400(response)
    assert project.milestones.count() == milestones


def test_the_page_as_rendered_still_saves(signed_in, region):  # noqa: F811
    data = page(signed_in, DECLARATION, "declaration-form")

    response = post(signed_in, DECLARATION, {**data, "region_name": "瀬戸内", "save": "1"})

    assert response.status_code == 302
    assert stored(region)[1] == "瀬戸内"
