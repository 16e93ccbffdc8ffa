"""A reviewer's pins and hides in the admin (ADR 0115): the page of a project lists every
published measure with what the rule says, each form a POST through the services; bad input
is 400 with what was typed; a user without the permission gets 403; the review page links
to it."""

import pytest

from support.models import SupportMatchDecision, SupportMatchEvent, SupportMeasure
from tests.factories import UserFactory
from tests.review_helpers import signed_in

pytestmark = pytest.mark.django_db

BASE = "/admin/support/supportmatchdecision/"


@pytest.fixture
def project(imported):
    return imported.vision_revision.projects.get(name="瀬戸内MaaS推進プロジェクト")


@pytest.fixture
def measures():
    return [
        SupportMeasure.objects.create(
            name="地域公共交通確保維持改善事業SMA",
            ministry="国土交通省",
            fields=["transport"],
            is_published=True,
        ),
        SupportMeasure.objects.create(
            name="宇宙産業の補助SMB", ministry="内閣府", fields=[], is_published=True
        ),
        SupportMeasure.objects.create(
            name="非公表の補助SMC", ministry="内閣府", fields=["transport"], is_published=False
        ),
    ]


def test_the_page_lists_published_measures_with_the_rules_reasons(
    reviewer_client, project, measures
):
    response = reviewer_client.get(f"{BASE}project/{project.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "地域公共交通確保維持改善事業SMA" in html and "宇宙産業の補助SMB" in html
    assert "非公表の補助SMC" not in html
    assert "分野: C 交通" in html and "規則では関連しません" in html
    assert html.index("地域公共交通確保維持改善事業SMA") < html.index("宇宙産業の補助SMB")


def test_a_reviewer_pins_then_clears_with_a_note_through_the_services(
    reviewer_client, reviewer, project, measures
):
    pinned = measures[1]
    response = reviewer_client.post(
        f"{BASE}project/{project.pk}/measure/{pinned.pk}/",
        {f"m{pinned.pk}-action": "pin", f"m{pinned.pk}-note": "宇宙港と組むSMN"},
    )

    assert response.status_code == 302
    decision = SupportMatchDecision.objects.get()
    assert (decision.project_name, decision.measure, decision.action, decision.note) == (
        project.name,
        pinned,
        "pin",
        "宇宙港と組むSMN",
    )
    assert decision.decided_by == reviewer
    page = reviewer_client.get(f"{BASE}project/{project.pk}/").content.decode()
    assert "宇宙港と組むSMN" in page

    reviewer_client.post(
        f"{BASE}project/{project.pk}/measure/{pinned.pk}/", {f"m{pinned.pk}-action": "clear"}
    )
    assert not SupportMatchDecision.objects.exists()
    assert list(SupportMatchEvent.objects.values_list("verb", flat=True)) == ["pin", "clear"]


def test_bad_input_is_400_with_what_was_typed(reviewer_client, project, measures):
    hidden = measures[0]
    response = reviewer_client.post(
        f"{BASE}project/{project.pk}/measure/{hidden.pk}/",
        {f"m{hidden.pk}-action": "explode", f"m{hidden.pk}-note": "残すメモSMT"},
    )

    assert response.status_code == 400
    assert "残すメモSMT" in response.content.decode()
    assert not SupportMatchEvent.objects.exists()


def test_an_unknown_project_or_measure_is_404(reviewer_client, project, measures):
    assert reviewer_client.get(f"{BASE}project/999999/").status_code == 404
    response = reviewer_client.post(
        f"{BASE}project/{project.pk}/measure/999999/", {"m999999-action": "hide"}
    )
    assert response.status_code == 404


def test_staff_without_the_permission_are_refused(project, measures, editor):
    page = f"{BASE}project/{project.pk}/"
    assert signed_in(editor).get(page).status_code == 302  # not admin staff: the log-in
    client = signed_in(UserFactory(username="other-staff", is_staff=True))

    assert client.get(f"{BASE}project/{project.pk}/").status_code == 403
    response = client.post(
        f"{BASE}project/{project.pk}/measure/{measures[0].pk}/",
        {f"m{measures[0].pk}-action": "hide"},
    )
    assert response.status_code == 403
    assert not SupportMatchDecision.objects.exists()


def test_the_review_page_shows_the_fields_and_links_each_project_to_its_page(
    reviewer_client, submitted, project
):
    response = reviewer_client.get(
        f"/admin/reviews/review/revisions/vision/{submitted.vision_revision.pk}/"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "（選択なし: 連携宣言書のすべての分野）" in html
    assert f'href="{BASE}project/{project.pk}/"' in html


def test_the_pins_and_hides_are_in_the_audit_trail(reviewer_client, reviewer, project, measures):
    reviewer_client.post(
        f"{BASE}project/{project.pk}/measure/{measures[0].pk}/",
        {f"m{measures[0].pk}-action": "hide", f"m{measures[0].pk}-note": "対象外SMZ"},
    )

    page = reviewer_client.get("/admin/reviews/review/audit/?kind=support_match")

    html = page.content.decode()
    assert page.status_code == 200
    assert "非表示にした「地域公共交通確保維持改善事業SMA（国土交通省）」" in html
    assert project.name in html and "対象外SMZ" in html
