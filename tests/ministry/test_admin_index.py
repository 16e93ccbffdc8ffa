"""The admin's index says how many revisions wait for review, linked to the queue (issue 13)."""

import re

import pytest
from django.urls import reverse

from tests.review_helpers import signed_in

pytestmark = pytest.mark.django_db


def _waiting(page: str) -> str:
    match = re.search(r'<p class="review-home__waiting"[^>]*>(.*?)</p>', page, re.S)
    assert match, "no count of revisions waiting"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_the_index_counts_the_revisions_waiting_with_a_link_to_the_queue(
    submitted, reviewer_client
):
    page = reviewer_client.get(reverse("admin:index")).content.decode()
    assert _waiting(page) == "審査待ち 2 件 （連携宣言書 1 件、連携ビジョン 1 件）"
    queue = reverse("admin:reviews_queue")
    assert f'href="{queue}?status=submitted"' in page


def test_nothing_waiting_says_so(imported, reviewer_client):
    page = reviewer_client.get(reverse("admin:index")).content.decode()
    assert _waiting(page) == "審査待ちの版はありません。"


def test_a_count_follows_the_review(submitted, reviewer, reviewer_client):
    from workflow.verbs import revision_accept

    revision_accept(revision=submitted.vision_revision, actor=reviewer)
    page = reviewer_client.get(reverse("admin:index")).content.decode()
    assert _waiting(page) == "審査待ち 1 件 （連携宣言書 1 件、連携ビジョン 0 件）"


def test_an_operator_without_review_permissions_sees_no_count(django_user_model):
    operator = django_user_model.objects.create_user("ops", "ops@example.jp", "pw", is_staff=True)
    page = signed_in(operator).get(reverse("admin:index")).content.decode()
    assert "review-home__waiting" not in page
