"""The staff pages of the 検証 records (staff.views.verifications, ADR 0105)."""

import pytest
from django.urls import reverse

from declarations.lifecycle import Kind, Status
from reports.models import Conclusion, Verification
from reports.services import verification_create
from tests.reports.helpers import (  # noqa: F401 (fixtures)
    editor,
    file_verification,
    published,
    region,
    viewer,
)
from tests.staff_helpers import form_values
from visions.models import VisionRevision

pytestmark = pytest.mark.django_db


def url(region, name="verifications", *args):
    return reverse(f"staff:{name}", args=[region.slug, *args])


def post_form(client, verification, **changes):
    page = client.get(verification.get_absolute_url())
    data = {
        k: v[0] if len(v) == 1 else v for k, v in form_values(page, "verification-form").items()
    }
    data.update(changes)
    return client.post(verification.get_absolute_url(), data)


def test_an_editor_starts_a_verification_from_the_list(client, region, editor):
    client.force_login(editor)
    page = client.get(url(region))
    assert "検証を始める" in page.text
    response = client.post(url(region, "verification_new"))
    verification = Verification.objects.get()
    assert response.status_code == 302
    assert response.url == verification.get_absolute_url()
    page = client.get(response.url)
    assert 'id="verification-form"' in page.text
    assert "js/unsaved.js" in page.text
    for assessment in verification.assessments.all():
        assert assessment.project.name in page.text


def test_bad_input_is_told_on_the_field_nothing_saved_the_typed_value_kept(client, region, editor):
    client.force_login(editor)
    verification = verification_create(region=region, actor=editor)
    response = post_form(
        client,
        verification,
        period_start="2027-04-01",
        period_end="2026-03-31",
        verified_on="令和9年",
        summary="途中まで書いた概要",
    )
    assert response.status_code == 200
    text = response.text
    assert "入力内容にエラーがあります" in text
    assert "対象期間（終わり）: " in text
    assert "始まり（2027-04-01）以降の日付にしてください" in text
    assert "日付を「2026-04-01」の形で正しく入力してください" in text
    assert 'value="令和9年"' in text
    assert "途中まで書いた概要" in text
    verification.refresh_from_db()
    assert verification.summary == "" and verification.period_start is None
    assert verification.version == 1


def test_save_then_submit_refused_then_sent(client, region, editor):
    client.force_login(editor)
    verification = verification_create(region=region, actor=editor)
    response = post_form(client, verification, summary="概要だけ", submit="1")
    assert response.status_code == 302
    page = client.get(response.url)
    assert "エラーが" in page.text and "送付できません" in page.text
    assert "第4(3): 結論（継続・変更・終了）を選んでください" in page.text
    verification.refresh_from_db()
    assert (verification.status, verification.summary) == (Status.DRAFT, "概要だけ")

    changes = {
        "period_start": "2026-04-01",
        "period_end": "2027-03-31",
        "verified_on": "2027-05-20",
        "conclusion": "continue",
        "summary": "順調に進んでいる。",
        "submit": "1",
    }
    for assessment in verification.assessments.all():
        changes[f"a{assessment.pk}_rating"] = "mostly"
        changes[f"a{assessment.pk}_text"] = "おおむね目標どおり。"
    response = post_form(client, verification, **changes)
    verification.refresh_from_db()
    assert verification.status == Status.SUBMITTED
    page = client.get(verification.get_absolute_url())
    assert 'id="verification-form"' not in page.text
    assert "おおむね目標どおり。" in page.text and "おおむね順調" in page.text


def test_a_change_needs_the_consultation_day_on_submit(client, region, editor):
    client.force_login(editor)
    verification = file_verification(region, editor, status=Status.DRAFT)
    post_form(client, verification, conclusion="change", consulted_on="", submit="1")
    verification.refresh_from_db()
    assert verification.status == Status.DRAFT
    page = client.get(verification.get_absolute_url())
    assert "協議の日（予定を含む）を記載してください" in page.text
    assert 'href="#id_consulted_on"' in page.text


def test_a_viewer_reads_but_cannot_post(client, region, editor, viewer):
    verification = verification_create(region=region, actor=editor)
    client.force_login(viewer)
    page = client.get(verification.get_absolute_url())
    assert page.status_code == 200
    assert 'id="verification-form"' not in page.text
    assert "閲覧者は内容を見ることだけができます" in page.text
    assert "検証を始める" not in client.get(url(region)).text
    assert client.post(verification.get_absolute_url(), {"summary": "x"}).status_code == 404
    assert client.post(url(region, "verification_new")).status_code == 404


def test_a_returned_verification_is_reopened(client, region, editor):
    verification = file_verification(region, editor, status=Status.RETURNED)
    client.force_login(editor)
    page = client.get(verification.get_absolute_url())
    assert "差し戻されました" in page.text
    client.post(url(region, "verification_reopen", verification.number))
    verification.refresh_from_db()
    assert verification.status == Status.DRAFT


def test_a_published_change_verification_starts_the_vision_change_linked(client, region, editor):
    verification = file_verification(
        region, editor, conclusion=Conclusion.CHANGE, consulted_on="2027-06-01"
    )
    client.force_login(editor)
    page = client.get(verification.get_absolute_url())
    assert "この検証から連携ビジョンの変更を始める" in page.text
    response = client.post(url(region, "verification_change", verification.number))
    change = VisionRevision.objects.get(vision__region=region, kind=Kind.CHANGED)
    assert response.url == change.get_absolute_url()
    verification.refresh_from_db()
    assert verification.change_revision == change
    assert "第1回の検証" in change.reason
    page = client.get(verification.get_absolute_url())
    assert "この検証から連携ビジョンの変更（第2版）を始めました" in page.text
    # a second press starts nothing more
    client.post(url(region, "verification_change", verification.number))
    assert VisionRevision.objects.filter(vision__region=region, kind=Kind.CHANGED).count() == 1


def test_a_continue_verification_offers_no_change(client, region, editor):
    verification = file_verification(region, editor)
    client.force_login(editor)
    assert "変更を始める" not in client.get(verification.get_absolute_url()).text


def test_the_change_revision_names_the_verification_and_the_pages_link_to_the_list(
    client, region, editor
):
    verification = file_verification(
        region, editor, conclusion=Conclusion.CHANGE, consulted_on="2027-06-01"
    )
    client.force_login(editor)
    client.post(url(region, "verification_change", verification.number))
    change = VisionRevision.objects.get(vision__region=region, kind=Kind.CHANGED)
    page = client.get(change.get_absolute_url())
    assert "第1回の検証（結論: 変更）から始めました" in page.text
    assert verification.get_absolute_url() in page.text
    assert url(region) in client.get(url(region, "region")).text
    assert url(region) in client.get(reverse("staff_dashboard")).text
