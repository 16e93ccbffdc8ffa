"""The 代表団体 and the 送付書's fields (文書番号, 担当部署, 担当者, 電話番号, 電子メール) are shown
where a submitted revision is read: the reviewers' page and the staff's read-only page
(issue 13). They are not content, so not in the diff (filing.diff) except the 代表団体."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.review_helpers import revision_url, submit

pytestmark = pytest.mark.django_db

COVER = {
    "cover_number": "瀬戸内広域第12号",
    "contact_department": "岡山県総合政策局政策推進課",
    "contact_person": "岡山太郎",
    "contact_phone": "086-224-2111",
    "contact_email": "seisaku@pref.okayama.example.jp",
}


@pytest.fixture
def sent(imported, editor):
    declaration = imported.declaration_revision
    member = declaration.members.order_by("position")[1]
    for name, value in COVER.items():
        setattr(declaration, name, value)
        setattr(imported.vision_revision, name, value.replace("12", "13"))
    declaration.representative = member.key
    declaration.save()
    imported.vision_revision.save()
    submit(declaration, editor)
    submit(imported.vision_revision, editor)
    return imported, member.name


def _assert_shown(page: str, *, number: str, representative: str | None):
    for name, value in COVER.items():
        expected = number if name == "cover_number" else value
        assert expected in page, name
    for label in ("文書番号", "担当部署", "担当者", "電話番号", "電子メール"):
        assert label in page
    if representative is not None:
        assert "代表団体" in page
        assert representative in page


def test_the_review_page_shows_the_representative_and_the_cover_letter(sent, reviewer_client):
    sent, representative = sent
    page = reviewer_client.get(revision_url(sent.declaration_revision)).content.decode()
    _assert_shown(page, number="瀬戸内広域第12号", representative=representative)
    page = reviewer_client.get(revision_url(sent.vision_revision)).content.decode()
    _assert_shown(page, number="瀬戸内広域第13号", representative=None)


def test_the_staff_read_only_page_shows_the_representative_and_the_cover_letter(sent, editor):
    sent, representative = sent
    client = Client()
    client.force_login(editor)
    url = reverse("staff:declaration", args=[sent.region.slug, 1])
    page = client.get(url).content.decode()
    _assert_shown(page, number="瀬戸内広域第12号", representative=representative)
    page = client.get(reverse("staff:vision", args=[sent.region.slug, 1])).content.decode()
    _assert_shown(page, number="瀬戸内広域第13号", representative=None)
