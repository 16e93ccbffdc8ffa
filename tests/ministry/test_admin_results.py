"""The yearly results in the admin (ministry.admin.reports, ADR 0108): the list of submitted
results, 「差し戻す」 (a comment required) and 「受理して公表」 through the services, the
evidence for reviewers only, the per-year target beside the value, the audit rows; and the
reviewers' mails (one per region and 年度 sent, the editors' on a decision)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from declarations.lifecycle import Status
from reports.models import TargetResult
from reports.selectors import published_results
from tests.factories import UserFactory
from tests.reports.helpers import (  # noqa: F401 (fixtures)
    editor,
    published,
    region,
    shinsa,
)
from tests.reports.result_helpers import file_results, reviewer_result_permissions
from tests.review_helpers import signed_in

pytestmark = pytest.mark.django_db

LIST = "admin:reports_targetresult_changelist"


@pytest.fixture
def reviewer(shinsa):
    reviewer_result_permissions()
    return shinsa


def change_url(result):
    return reverse("admin:reports_targetresult_change", args=[result.pk])


def decide(client, result, decision, comment=""):
    return client.post(
        reverse("admin:reports_targetresult_decide", args=[result.pk]),
        {"decision": decision, "comment": comment},
    )


def test_the_list_shows_each_submitted_result_with_its_region_year_and_value(
    published, editor, reviewer, django_assert_max_num_queries
):
    results = file_results(published, editor, value="3")
    client = signed_in(reviewer)
    with django_assert_max_num_queries(12):
        page = client.get(reverse(LIST), {"status__exact": "submitted"})
    assert page.status_code == 200
    text = page.text
    assert published.declaration_revision.region_name in text
    assert "瀬戸内先端ものづくりクラスター形成プロジェクト" in text
    assert "瀬戸内MaaS推進プロジェクト" in text
    assert "令和8年度" in text
    assert "3社" in text
    for result in results:
        assert change_url(result) in text
    # the filters reviewers sort the work by: status, region, 年度
    assert "?status__exact=submitted" in text
    region_year = {"vision__region__id__exact": published.region.pk, "fiscal_year": 2026}
    assert change_url(results[0]) in client.get(reverse(LIST), region_year).text
    later = client.get(reverse(LIST), {**region_year, "fiscal_year": 2027}).text
    assert change_url(results[0]) not in later
    assert client.get(reverse(LIST), {"status__exact": "published"}).text.count(
        "/change/"
    ) < text.count("/change/")


def test_a_return_needs_its_comment_and_then_goes_back_to_the_region(
    published, editor, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    [result, *_] = file_results(published, editor)
    client = signed_in(reviewer)
    page = client.get(change_url(result))
    assert "受理して公表" in page.text and "差し戻す" in page.text

    decide(client, result, "return", "  ")
    result.refresh_from_db()
    assert result.status == Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, result, "return", "根拠の資料を添えてください。")
    assert response.status_code == 302
    result.refresh_from_db()
    assert result.status == Status.RETURNED
    [mail] = mailoutbox
    assert mail.to == ["editor@setouchi.example.jp"]
    assert "差し戻されました" in mail.subject
    assert "根拠の資料を添えてください。" in mail.body
    assert "/staff/setouchi/" in mail.body
    page = client.get(change_url(result))
    assert "受理して公表" not in page.text
    assert "根拠の資料を添えてください。" in page.text  # the audit row of the return


def test_a_return_without_a_comment_says_so(published, editor, reviewer):
    [result, *_] = file_results(published, editor)
    client = signed_in(reviewer)
    response = client.post(
        reverse("admin:reports_targetresult_decide", args=[result.pk]),
        {"decision": "return", "comment": ""},
        follow=True,
    )
    assert "コメント" in "".join(str(m) for m in response.context["messages"])
    result.refresh_from_db()
    assert result.status == Status.SUBMITTED


def test_accepting_publishes_the_figure_and_tells_the_editors(
    published, editor, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    [result, other, *_] = file_results(published, editor, value="4")
    assert published_results([result.vision_id]) == {}
    with django_capture_on_commit_callbacks(execute=True):
        decide(signed_in(reviewer), result, "accept")
    result.refresh_from_db()
    other.refresh_from_db()
    assert result.status == Status.PUBLISHED and other.status == Status.SUBMITTED
    shown = published_results([result.vision_id])
    assert [r.pk for r in shown.values()] == [result.pk]
    [mail] = mailoutbox
    assert mail.to == ["editor@setouchi.example.jp"]
    assert "公表されました" in mail.subject and "令和8年度" in mail.subject
    assert "4社" in mail.body


def test_the_change_page_shows_the_years_target_the_evidence_and_the_audit_rows(
    published, editor, reviewer
):
    [result, *_] = file_results(
        published, editor, value="3", comment="速報値", evidence_url="https://example.jp/kigyo"
    )
    page = signed_in(reviewer).get(change_url(result))
    text = page.text
    assert page.status_code == 200
    assert "3社" in text
    assert "2社" in text  # 令和8年度の目標 beside the value
    assert "最終目標 令和10年度 6社" in text and "基準値 0社" in text
    assert 'href="https://example.jp/kigyo"' in text
    assert "速報値" in text
    # the audit rows: entered, sent
    assert "送付済み（審査中）" in text and "作成中" in text and "を入力しました。" in text
    # nothing of the data is a form field
    assert 'name="value"' not in text and 'name="comment" id="id_comment"' not in text


def test_the_evidence_file_is_downloaded_by_reviewers_only(published, editor, reviewer):
    upload = ContentFile(b"%PDF-1.4 evidence", name="kigyo.pdf")
    [result, *_] = file_results(published, editor, evidence_file=upload)
    evidence = reverse("admin:reports_targetresult_evidence", args=[result.pk])
    page = signed_in(reviewer).get(change_url(result))
    assert evidence in page.text
    response = signed_in(reviewer).get(evidence)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    staff_only = signed_in(UserFactory(username="staff-only", is_staff=True))
    assert staff_only.get(evidence).status_code == 403
    assert signed_in(editor).get(evidence).status_code == 302  # to the admin's login


def test_a_reviewer_without_the_permission_cannot_decide(published, editor, reviewer):
    from django.contrib.auth.models import Permission

    [result, *_] = file_results(published, editor)
    reader = UserFactory(username="reader", is_staff=True)
    reader.user_permissions.add(
        Permission.objects.get(content_type__app_label="reports", codename="view_targetresult")
    )
    client = signed_in(reader)
    page = client.get(change_url(result))
    assert page.status_code == 200 and "受理して公表" not in page.text
    assert decide(client, result, "accept").status_code == 403
    assert decide(client, result, "return", "理由").status_code == 403
    result.refresh_from_db()
    assert result.status == Status.SUBMITTED


def test_a_staff_user_without_permissions_cannot_reach_the_results(published, editor):
    [result, *_] = file_results(published, editor)
    client = signed_in(UserFactory(username="staff-only", is_staff=True))
    assert client.get(reverse(LIST)).status_code == 403
    assert client.get(change_url(result)).status_code == 403
    assert decide(client, result, "accept").status_code == 403
    result.refresh_from_db()
    assert result.status == Status.SUBMITTED


def test_nobody_changes_or_adds_a_result_in_the_admin(published, editor, reviewer):
    [result, *_] = file_results(published, editor, value="3")
    client = signed_in(reviewer)
    response = client.post(change_url(result), {"value": "999"})
    assert response.status_code == 403
    result.refresh_from_db()
    assert str(result.value.normalize()) == "3"
    assert client.get(reverse("admin:reports_targetresult_add")).status_code == 403


def test_the_reviewers_get_one_mail_per_region_and_year_sent(
    published, editor, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        results = file_results(published, editor)
    assert TargetResult.objects.filter(status=Status.SUBMITTED).count() == 4
    [mail] = mailoutbox
    assert mail.to == ["shinsa@soumu.example.jp"]
    assert "審査依頼" in mail.subject and "令和8年度" in mail.subject
    assert published.declaration_revision.region_name in mail.subject
    assert "クラスターへの企業立地件数: 3社" in mail.body and "4件" in mail.body
    assert reverse(LIST) in mail.body and "fiscal_year=2026" in mail.body
    assert all(r.status == Status.SUBMITTED for r in results)
