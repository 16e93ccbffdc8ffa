"""Requests for new support measures in the admin (ADR 0116): reviewers read submitted
requests (never a draft), record forwardings and their status and answers through the
services, publish with an outcome; bad input is 400 with what was typed, no permission 403."""

import pytest

from outbox.models import Mail
from support.models import RequestForwarding, SupportRequest
from support.request_services import RequestInput, request_save, request_submit
from tests.factories import UserFactory
from tests.review_helpers import signed_in

pytestmark = pytest.mark.django_db

BASE = "/admin/support/supportrequest/"


def make_request(region, editor, submit=True):
    request = request_save(
        region=region,
        actor=editor,
        data=RequestInput(
            title="離島航路の運航支援SRA",
            project_names=["瀬戸内MaaS推進プロジェクト"],
            needed="運航費",
            reason="対象外",
            ministries=["国土交通省"],
        ),
    )
    return request_submit(request=request, actor=editor) if submit else request


def test_reviewers_list_submitted_requests_only(reviewer_client, imported, editor):
    submitted = make_request(imported.region, editor)
    draft = make_request(imported.region, editor, submit=False)
    listing = reviewer_client.get(BASE)
    assert listing.status_code == 200 and "離島航路の運航支援SRA" in listing.content.decode()
    assert reviewer_client.get(f"{BASE}{submitted.pk}/change/").status_code == 200
    assert reviewer_client.get(f"{BASE}{draft.pk}/change/").status_code in (302, 404)


def test_a_reviewer_records_a_forwarding_and_its_answer(reviewer_client, imported, editor):
    request = make_request(imported.region, editor)
    Mail.objects.all().delete()
    response = reviewer_client.post(
        f"{BASE}{request.pk}/forward/",
        {"ministry": "国土交通省", "forwarded_on": "2026-12-01", "status": "requested"},
    )
    assert response.status_code == 302
    forwarding = RequestForwarding.objects.get()
    assert forwarding.ministry == "国土交通省" and forwarding.status == "requested"
    assert [m.recipients for m in Mail.objects.all()] == [[editor.email]]
    response = reviewer_client.post(
        f"{BASE}{request.pk}/forwardings/{forwarding.pk}/",
        {
            f"f{forwarding.pk}-forwarded_on": "2026-12-01",
            f"f{forwarding.pk}-status": "answered",
            f"f{forwarding.pk}-answer": "令和9年度に検討SRA",
        },
    )
    assert response.status_code == 302
    forwarding.refresh_from_db()
    assert forwarding.status == "answered" and forwarding.answer == "令和9年度に検討SRA"
    page = reviewer_client.get(f"{BASE}{request.pk}/change/").content.decode()
    assert "令和9年度に検討SRA" in page and "検討依頼の状況を更新" in page


def test_bad_forwarding_input_is_400_and_keeps_what_was_typed(reviewer_client, imported, editor):
    request = make_request(imported.region, editor)
    response = reviewer_client.post(
        f"{BASE}{request.pk}/forward/",
        {"ministry": "残す府省SRA", "forwarded_on": "きのう", "status": "requested"},
    )
    assert response.status_code == 400
    assert "残す府省SRA" in response.content.decode()
    assert not RequestForwarding.objects.exists()


def test_publishing_needs_an_outcome(reviewer_client, imported, editor):
    request = make_request(imported.region, editor)
    refused = reviewer_client.post(f"{BASE}{request.pk}/publish/", {"outcome": ""})
    assert (
        refused.status_code == 400 and "公表する結果を入力してください" in refused.content.decode()
    )
    ok = reviewer_client.post(f"{BASE}{request.pk}/publish/", {"outcome": "制度を拡充"})
    assert ok.status_code == 302
    request.refresh_from_db()
    assert request.is_published and request.outcome == "制度を拡充"
    reviewer_client.post(f"{BASE}{request.pk}/publish/", {"outcome": "", "unpublish": "1"})
    request.refresh_from_db()
    assert not request.is_published


def test_without_permission_403_and_nothing_changes(imported, editor):
    request = make_request(imported.region, editor)
    clerk = signed_in(UserFactory(username="clerk", is_staff=True))
    for url, data in (
        (f"{BASE}{request.pk}/forward/", {"ministry": "x", "forwarded_on": "2026-12-01"}),
        (f"{BASE}{request.pk}/publish/", {"outcome": "x"}),
    ):
        assert clerk.post(url, data).status_code == 403
    assert signed_in(editor).get(BASE).status_code == 302  # not admin staff: the log-in
    request.refresh_from_db()
    assert not request.is_published and not RequestForwarding.objects.exists()
    assert SupportRequest.objects.count() == 1


def test_the_audit_trail_lists_the_requests_verbs(reviewer_client, imported, editor):
    make_request(imported.region, editor)
    page = reviewer_client.get("/admin/reviews/review/audit/?kind=support_request")
    entries = page.context["entries"]
    assert [entry.kind for entry in entries] == ["support_request", "support_request"]
    html = page.content.decode()
    assert "求めを提出「離島航路の運航支援SRA」" in html and "求めを保存" in html
