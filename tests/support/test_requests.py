"""Requests for new support measures (要綱 第5(1), ADR 0116): lenient draft, strict submit,
forwardings with status and answer, publication with its outcome; every verb leaves its
audit row, the editors are mailed when a forwarding's status changes, and the public
selector returns only what a reviewer published."""

import datetime

import pytest

from declarations.models import AppendOnlyError
from outbox.models import Mail
from support.models import ForwardingStatus, RequestStatus, SupportRequestEvent
from support.request_selectors import published_requests, region_requests
from support.request_services import (
    RequestInput,
    RequestRefused,
    forwarding_record,
    forwarding_update,
    region_project_names,
    request_publish,
    request_save,
    request_submit,
)

pytestmark = pytest.mark.django_db

PROJECT = "瀬戸内MaaS推進プロジェクト"


def full_input(**changes):
    values = {
        "title": "離島航路の運航支援",
        "project_names": [PROJECT],
        "needed": "離島航路の運航費への支援",
        "reason": "既存の補助は本土側の路線だけが対象",
        "ministries": ["国土交通省"],
    }
    return RequestInput(**{**values, **changes})


@pytest.fixture
def filed(imported, editor):
    request = request_save(region=imported.region, actor=editor, data=full_input())
    return request_submit(request=request, actor=editor)


def verbs(request):
    return list(request.events.values_list("verb", flat=True))


def test_a_draft_saves_with_anything_missing_and_keeps_what_was_typed(imported, editor):
    request = request_save(
        region=imported.region,
        actor=editor,
        data=RequestInput(title="  途中  ", project_names=["ないプロジェクト", ""]),
    )
    assert request.status == RequestStatus.DRAFT
    assert request.title == "途中" and request.project_names == ["ないプロジェクト"]
    assert verbs(request) == ["saved"]
    assert request.created_by == editor


def test_submit_lists_every_problem_at_once(imported, editor):
    request = request_save(
        region=imported.region,
        actor=editor,
        data=RequestInput(project_names=["ないプロジェクト"]),
    )
    with pytest.raises(RequestRefused) as refused:
        request_submit(request=request, actor=editor)
    fields = [name for name, _message in refused.value.problems]
    assert set(fields) == {"title", "project_names", "needed", "reason", "ministries"}
    assert "ないプロジェクト" in str(refused.value)
    request.refresh_from_db()
    assert request.status == RequestStatus.DRAFT and verbs(request) == ["saved"]


def test_submitting_mails_the_reviewers_and_freezes_the_request(reviewer, filed, editor):
    assert filed.status == RequestStatus.SUBMITTED and filed.submitted_at
    assert verbs(filed) == ["saved", "submitted"]
    assert any(reviewer.email in mail.recipients for mail in Mail.objects.all())
    with pytest.raises(RequestRefused):
        request_save(region=filed.region, actor=editor, data=full_input(), request=filed)
    with pytest.raises(RequestRefused):
        request_submit(request=filed, actor=editor)


def test_too_long_input_is_refused_not_truncated(imported, editor):
    with pytest.raises(RequestRefused) as refused:
        request_save(region=imported.region, actor=editor, data=full_input(title="長" * 201))
    assert refused.value.problems[0][0] == "title"


def test_project_names_come_from_the_regions_vision(imported):
    assert PROJECT in region_project_names(imported.region)


def test_a_forwarding_is_recorded_updated_and_mailed_to_the_editors(filed, editor, reviewer):
    Mail.objects.all().delete()
    forwarding = forwarding_record(
        request=filed,
        actor=reviewer,
        ministry="国土交通省",
        forwarded_on=datetime.date(2026, 12, 1),
    )
    assert forwarding.status == ForwardingStatus.REQUESTED
    assert [m.recipients for m in Mail.objects.all()] == [[editor.email]]
    assert "国土交通省" in Mail.objects.get().subject
    forwarding_update(
        forwarding=forwarding,
        actor=reviewer,
        status=ForwardingStatus.ANSWERED,
        answer="令和9年度に検討します",
    )
    forwarding.refresh_from_db()
    assert forwarding.status == ForwardingStatus.ANSWERED
    assert forwarding.answer == "令和9年度に検討します" and forwarding.updated_by == reviewer
    mails = Mail.objects.order_by("pk")
    assert mails.count() == 2 and "令和9年度に検討します" in mails.last().body
    # the answer alone changed: recorded, not mailed
    forwarding_update(
        forwarding=forwarding, actor=reviewer, status=ForwardingStatus.ANSWERED, answer="補足"
    )
    assert Mail.objects.count() == 2
    assert verbs(filed) == [
        "saved",
        "submitted",
        "forwarded",
        "forwarding_updated",
        "forwarding_updated",
    ]


def test_forwarding_refuses_a_draft_and_bad_input(imported, editor, reviewer):
    draft = request_save(region=imported.region, actor=editor, data=full_input())
    with pytest.raises(RequestRefused) as refused:
        forwarding_record(request=draft, actor=reviewer, ministry="", forwarded_on="昨日")
    fields = {name for name, _message in refused.value.problems}
    assert fields == {"", "ministry", "forwarded_on"}
    assert not draft.forwardings.exists()


def test_only_published_requests_are_returned_for_the_public(filed, reviewer):
    assert published_requests(filed.region) == []
    with pytest.raises(RequestRefused):
        request_publish(request=filed, actor=reviewer, outcome="  ")
    request_publish(request=filed, actor=reviewer, outcome="国土交通省が制度を拡充")
    shown = published_requests(filed.region)
    assert [r.pk for r in shown] == [filed.pk] and shown[0].outcome == "国土交通省が制度を拡充"
    request_publish(request=filed, actor=reviewer, publish=False)
    assert published_requests(filed.region) == []
    assert verbs(filed)[-2:] == ["published", "unpublished"]


def test_a_draft_cannot_be_published(imported, editor, reviewer):
    draft = request_save(region=imported.region, actor=editor, data=full_input())
    with pytest.raises(RequestRefused):
        request_publish(request=draft, actor=reviewer, outcome="結果")
    assert published_requests(imported.region) == []


def test_the_region_sees_its_own_requests_with_their_forwardings(filed, reviewer):
    forwarding_record(
        request=filed,
        actor=reviewer,
        ministry="国土交通省",
        forwarded_on=datetime.date(2026, 12, 1),
    )
    rows = region_requests(filed.region)
    assert [r.pk for r in rows] == [filed.pk]
    assert [f.ministry for f in rows[0].forwardings.all()] == ["国土交通省"]


def test_the_audit_rows_cannot_be_changed(filed):
    event = SupportRequestEvent.objects.filter(request=filed).first()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        SupportRequestEvent.objects.all().delete()


def test_a_published_request_shows_on_the_public_region_page_at_once(client, filed, reviewer):
    from declarations.lifecycle import Status
    from declarations.services import revision_transition

    region = filed.region
    for revision in (region.declaration.revisions.get(), region.vision.revisions.get()):
        for status in (Status.SUBMITTED, Status.ACCEPTED, Status.PUBLISHED):
            revision_transition(revision=revision, new=status)
    page = client.get(f"/regions/{region.slug}/")
    assert page.status_code == 200 and "離島航路の運航支援" not in page.content.decode()
    request_publish(request=filed, actor=reviewer, outcome="制度を拡充RPUB")
    html = client.get(f"/regions/{region.slug}/").content.decode()
    assert "離島航路の運航支援" in html and "制度を拡充RPUB" in html
    request_publish(request=filed, actor=reviewer, publish=False)
    assert "制度を拡充RPUB" not in client.get(f"/regions/{region.slug}/").content.decode()
