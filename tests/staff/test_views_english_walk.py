"""Every staff page in English (issue 18, ADR 0128): the walk of tests/test_staff_url_permissions.py
once more with the cookie of the header's language switch set to English.

Each page the region's editor may GET answers, an HTML page is ``<html lang="en">`` with its
menu, breadcrumbs and footer in English (filed content there carries ``lang="ja"``), and
the leak checks hold the same in English: an editor of another region gets 404 on every
page, the region's editor gets 404 with another region's object ids, and the other
region's draft is never shown.
"""

import pytest

from accounts.models import RegionRole
from declarations.models import DeclarationRevision
from tests.english_helpers import html_lang, in_english, japanese_outside_lang_ja
from tests.factories import UserFactory
from tests.test_staff_url_permissions import build_world, fill, region_patterns

pytestmark = pytest.mark.django_db

THEIR_DRAFT = "隣の下書きだけにある名前"


@pytest.fixture
def worlds():
    """The two regions of the Japanese walk, the other one's draft with a name of its own."""
    mine, theirs = build_world("mine"), build_world("theirs")
    DeclarationRevision.objects.filter(pk=theirs.declaration.pk).update(region_name=THEIR_DRAFT)
    return mine, theirs


@pytest.fixture
def people(worlds):
    mine, theirs = worlds
    editor, foreign_editor = UserFactory(username="editor"), UserFactory(username="foreign")
    RegionRole.objects.create(user=editor, region=mine.region, role=RegionRole.Role.EDITOR)
    RegionRole.objects.create(
        user=foreign_editor, region=theirs.region, role=RegionRole.Role.EDITOR
    )
    return {"editor": editor, "foreign_editor": foreign_editor}


def test_every_staff_page_answers_in_english_and_shows_nothing_of_another_region(
    client, worlds, people
):
    mine, theirs = worlds
    in_english(client)
    pages = 0
    for pattern in region_patterns():
        url = fill(pattern, mine)
        client.force_login(people["foreign_editor"])
        status = client.get(url).status_code
        assert status in {404, 405}, f"editor of another region GET {url} in English: {status}"
        foreign_url = fill(pattern, mine, ids_from=theirs)
        client.force_login(people["editor"])
        if foreign_url != url:
            status = client.get(foreign_url).status_code
            assert status in {404, 405}, f"GET {foreign_url} (foreign ids) in English: {status}"

        response = client.get(url)
        assert response.status_code in {200, 302, 405}, f"GET {url}: {response.status_code}"
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        pages += 1
        html = response.content.decode()
        assert THEIR_DRAFT not in html, url
        if "<html" not in html:
            continue  # a part of a page for htmx (the member search)
        assert response["Content-Language"] == "en", url
        assert html_lang(html) == "en", url
        assert THEIR_DRAFT not in html, url
        assert japanese_outside_lang_ja(html) == [], url
    assert pages >= 15  # the walk reached the pages (region, forms, receipts, comments…)

    # The dashboard lists only the user's regions; another region's page is an English 404.
    client.force_login(people["foreign_editor"])
    html = client.get("/staff/").content.decode()
    assert html_lang(html) == "en" and japanese_outside_lang_ja(html) == []
    assert 'id="region-theirs"' in html and 'id="region-mine"' not in html
    response = client.get("/staff/mine/declaration/2/")
    assert response.status_code == 404 and html_lang(response.content.decode()) == "en"
