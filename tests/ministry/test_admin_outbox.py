"""The outbox in the admin (ADR 0081): operators see every mail by status, failed ones are
marked and counted, 「今すぐ再送」 delivers them again; nothing else can be changed, and
reviewers do not see the page (a mail may hold a one-time link)."""

import pytest
from django.core import mail

from outbox.models import Mail
from tests.mfa_helpers import verified_client

pytestmark = pytest.mark.django_db

LIST = "/admin/outbox/mail/"


@pytest.fixture
def operator(superuser):
    return verified_client(superuser)


@pytest.fixture
def mails():
    failed = Mail.objects.create(
        subject="[ポータル] 差し戻されました",
        body="本文",
        recipients=["editor@setouchi.example.jp"],
        status=Mail.Status.FAILED,
        attempts=8,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )
    sent = Mail.objects.create(
        subject="[ポータル] 送付されました", recipients=["shinsa@soumu.example.jp"],
        status=Mail.Status.SENT, attempts=1,
    )  # fmt: skip
    return failed, sent


def test_operators_see_every_mail_and_the_failed_ones_stand_out(operator, mails):
    page = operator.get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "差し戻されました" in html and "送付されました" in html
    assert "✖ 送信失敗" in html
    assert "Connection refused" in html
    assert "送信に失敗したメールが 1 通あります" in html


def test_the_list_filters_by_status(operator, mails):
    html = operator.get(LIST, {"status__exact": "failed"}).content.decode()
    assert "差し戻されました" in html
    assert "送付されました" not in html


def test_retry_now_delivers_a_failed_mail(operator, mails, django_capture_on_commit_callbacks):
    failed, sent = mails
    with django_capture_on_commit_callbacks(execute=True):
        response = operator.post(
            LIST,
            {"action": "retry_now", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    assert "1 通のメールを再送の列に入れました" in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == (Mail.Status.SENT, 9, "")
    assert [m.to for m in mail.outbox] == [["editor@setouchi.example.jp"]]


def test_a_mail_cannot_be_added_changed_or_deleted(operator, mails):
    failed, _ = mails
    assert operator.get(LIST + "add/").status_code == 403
    assert operator.post(LIST + f"{failed.pk}/change/", {"subject": "x"}).status_code == 403
    assert operator.post(LIST + f"{failed.pk}/delete/", {"post": "yes"}).status_code == 403
    failed.refresh_from_db()
    assert failed.subject == "[ポータル] 差し戻されました"
    # the change page shows it read-only
    assert "ConnectionRefusedError" in operator.get(LIST + f"{failed.pk}/change/").content.decode()


def test_reviewers_do_not_see_the_outbox(reviewer, mails):
    client = verified_client(reviewer)
    assert client.get(LIST).status_code == 403
    assert (
        client.post(LIST, {"action": "retry_now", "_selected_action": [mails[0].pk]}).status_code
        == 403
    )
    assert "outbox" not in client.get("/admin/").content.decode()
