"""The region's pages of the requests for new support measures (ADR 0116): an editor saves a
draft with anything missing (what was typed stays), 提出 lists every problem, a submitted
request is read-only with its forwardings' status and answers; viewers read, other regions
get 404."""

import datetime

import pytest

from support.models import RequestStatus, SupportRequest
from support.request_services import RequestInput, forwarding_record, request_save, request_submit
from tests.review_helpers import editor, imported, reviewer, signed_in, viewer  # noqa: F401

pytestmark = pytest.mark.django_db

PROJECT = "瀬戸内MaaS推進プロジェクト"


def url(region, suffix=""):
    return f"/staff/{region.slug}/support/requests/{suffix}"


def full_post(**changes):
    return {
        "title": "離島航路の運航支援",
        "project_names": [PROJECT],
        "needed": "運航費への支援",
        "reason": "既存の補助は本土側だけ",
        "ministries": "国土交通省\n総務省",
        "version": "new",
        **changes,
    }


def test_an_editor_saves_a_partial_draft_and_the_text_stays(imported, editor):  # noqa: F811
    client = signed_in(editor)
    page = client.get(url(imported.region, "new/"))
    assert page.status_code == 200 and PROJECT in page.content.decode()
    saved = client.post(
        url(imported.region, "new/"), {"title": "", "needed": "途中の文", "version": "new"}
    )
    assert saved.status_code == 302
    request = SupportRequest.objects.get()
    assert request.needed == "途中の文" and request.status == RequestStatus.DRAFT
    assert "途中の文" in client.get(saved["Location"]).content.decode()


def test_submit_with_problems_saves_and_lists_them_all(imported, editor):  # noqa: F811
    client = signed_in(editor)
    response = client.post(
        url(imported.region, "new/"), {"needed": "残す文SRQ", "submit": "1", "version": "new"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "残す文SRQ" in html
    for message in ("件名を入力してください", "対象のプロジェクトを1件以上", "関係府省を1つ以上"):
        assert message in html
    assert SupportRequest.objects.get().status == RequestStatus.DRAFT


def test_an_editor_submits_and_then_sees_the_forwarding(imported, editor, reviewer):  # noqa: F811
    client = signed_in(editor)
    response = client.post(url(imported.region, "new/"), {**full_post(), "submit": "1"})
    assert response.status_code == 302
    request = SupportRequest.objects.get()
    assert request.status == RequestStatus.SUBMITTED
    assert request.ministries == ["国土交通省", "総務省"]
    forwarding_record(
        request=request,
        actor=reviewer,
        ministry="国土交通省",
        forwarded_on=datetime.date(2026, 12, 1),
        status="answered",
        answer="検討します",
    )
    page = client.get(url(imported.region, f"{request.pk}/")).content.decode()
    assert "国土交通省" in page and "回答あり" in page and "検討します" in page
    assert "令和8年12月1日" in page
    assert 'id="support-request-form"' not in page
    listing = client.get(url(imported.region)).content.decode()
    assert "離島航路の運航支援" in listing and "国土交通省: 回答あり" in listing
    # a submitted request is not changed by a crafted POST
    client.post(url(imported.region, f"{request.pk}/"), full_post(title="書き換え"))
    request.refresh_from_db()
    assert request.title == "離島航路の運航支援"


def test_bad_input_is_400_not_500(imported, editor):  # noqa: F811
    client = signed_in(editor)
    response = client.post(url(imported.region, "new/"), {"title": "長" * 300})
    assert response.status_code == 400
    assert not SupportRequest.objects.exists()
    assert client.get(url(imported.region, "999999/")).status_code == 404


def test_a_viewer_reads_but_cannot_file(imported, editor, viewer):  # noqa: F811
    request = request_save(region=imported.region, actor=editor, data=RequestInput(title="閲覧用"))
    client = signed_in(viewer)
    assert client.get(url(imported.region)).status_code == 200
    page = client.get(url(imported.region, f"{request.pk}/"))
    assert page.status_code == 200 and 'id="support-request-form"' not in page.content.decode()
    assert client.get(url(imported.region, "new/")).status_code == 404
    assert client.post(url(imported.region, f"{request.pk}/"), full_post()).status_code == 404
    request.refresh_from_db()
    assert request.title == "閲覧用"


def test_the_region_page_links_to_the_requests(imported, editor):  # noqa: F811
    page = signed_in(editor).get(f"/staff/{imported.region.slug}/")
    assert url(imported.region) in page.content.decode()


def test_submitted_request_form_is_not_offered(imported, editor):  # noqa: F811
    request = request_save(
        region=imported.region,
        actor=editor,
        data=RequestInput(
            title="t", project_names=[PROJECT], needed="n", reason="r", ministries=["総務省"]
        ),
    )
    request_submit(request=request, actor=editor)
    page = signed_in(editor).get(url(imported.region, f"{request.pk}/")).content.decode()
    assert "保存して提出する" not in page


def test_a_stale_or_missing_version_is_refused_with_the_text_kept(imported, editor):  # noqa: F811
    request = request_save(
        region=imported.region, actor=editor, data=RequestInput(title="元の件名")
    )
    client = signed_in(editor)
    response = client.post(
        url(imported.region, f"{request.pk}/"), full_post(title="新しい件名SRV", version="old")
    )
    assert response.status_code == 409 and "新しい件名SRV" in response.content.decode()
    assert client.post(url(imported.region, f"{request.pk}/")).status_code == 409
    request.refresh_from_db()
    assert request.title == "元の件名" and request.events.count() == 1
    page = client.get(url(imported.region, f"{request.pk}/"))
    version = page.context["version"]
    saved = client.post(
        url(imported.region, f"{request.pk}/"), full_post(title="新しい件名SRV", version=version)
    )
    assert saved.status_code == 302
    request.refresh_from_db()
    assert request.title == "新しい件名SRV"


def test_the_pages_name_the_region_not_its_slug(imported, editor):  # noqa: F811
    """The breadcrumb and the title come from staff.context_processors.staff_region."""
    page = signed_in(editor).get(f"/staff/{imported.region.slug}/support/requests/")
    assert page.status_code == 200
    html = page.content.decode()
    name = imported.declaration_revision.region_name
    assert name and f">{name}</a>" in html
    assert f"| {name} |" in html
