"""Log-in, log-out, password change and reset: Django's views with Japanese pages."""

import re

import pytest
from django.core import mail

from outbox.models import Mail
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_is_japanese_in_the_base_layout(client):
    page = client.get("/accounts/login/")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="ja">' in html
    assert "<h1>ログイン</h1>" in html
    assert 'class="site-header"' in html
    assert "css/accounts.css" in html
    assert "パスワードを忘れた方" in html


def test_logging_in_opens_the_dashboard(client, editor):
    response = client.post("/accounts/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_logging_in_returns_to_the_page_asked_for_but_never_to_another_site(client, editor):
    data = {"username": "editor", "password": PASSWORD}
    assert client.post("/accounts/login/?next=/staff/", data).url == "/staff/"
    client.logout()
    response = client.post("/accounts/login/", {**data, "next": "https://evil.example/"})
    assert response.url == "/staff/"


def test_a_wrong_password_is_refused_in_japanese_and_the_user_name_is_kept(client, editor):
    response = client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "正しいユーザー名とパスワードを入力してください" in html
    assert 'value="editor"' in html
    assert "_auth_user_id" not in client.session


def test_staff_pages_send_anonymous_users_to_the_login_page_with_next(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/staff/"
    login_page = client.get(response.url)
    assert "このページを表示するにはログインしてください" in login_page.content.decode()


def test_logging_out_is_a_post_that_ends_the_session_and_says_so(client, editor):
    client.force_login(editor)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/"
    assert "ログアウトしました" in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_header_shows_dashboard_only_to_staff_and_login_or_logout(
    client, editor, django_user_model
):
    home = client.get("/").content.decode()
    assert 'href="/accounts/login/"' in home
    assert "ダッシュボード" not in home

    client.force_login(editor)
    home = client.get("/").content.decode()
    assert 'href="/staff/"' in home
    assert 'action="/accounts/logout/"' in home
    dashboard = client.get("/staff/").content.decode()
    assert re.search(r'href="/staff/" aria-current="page">ダッシュボード', dashboard)

    nobody = django_user_model.objects.create_user("reviewer-only", password=PASSWORD)
    client.force_login(nobody)
    assert "ダッシュボード" not in client.get("/").content.decode()


def test_password_change_needs_the_old_password_and_then_works(client, editor):
    client.force_login(editor)
    page = client.get("/accounts/password/change/")
    assert "<h1>パスワードの変更</h1>" in page.content.decode()
    wrong = client.post(
        "/accounts/password/change/",
        {
            "old_password": "nope",
            "new_password1": "N3w-pass-phrase",
            "new_password2": "N3w-pass-phrase",
        },
    )
    assert "元のパスワードが間違っています" in wrong.content.decode()
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "N3w-pass-phrase",
            "new_password2": "N3w-pass-phrase",
        },
        follow=True,
    )
    assert "パスワードを変更しました" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password("N3w-pass-phrase")


def test_password_change_requires_login(client):
    response = client.get("/accounts/password/change/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_password_reset_mails_a_japanese_link_that_sets_a_new_password(
    client, editor, settings, django_capture_on_commit_callbacks
):
    # The link starts with PORTAL_BASE_URL, never with the Host the request named (ADR 0086).
    settings.PORTAL_BASE_URL = "https://portal.example.jp"
    # The mail goes through the outbox (ADR 0081): a row, delivered once the request is done.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/password/reset/", {"email": "editor@example.jp"}, follow=True
        )
    assert "メールを確認してください" in response.content.decode()
    assert Mail.objects.get().status == Mail.Status.SENT
    (message,) = mail.outbox
    assert message.to == ["editor@example.jp"]
    assert message.subject == "[広域リージョン連携ポータル] パスワードの再設定"
    assert "editor さん" in message.body
    link = re.search(
        r"https://portal\.example\.jp(/accounts/password/reset/\S+/)", message.body
    ).group(1)

    form_page = client.get(link, follow=True)
    assert "新しいパスワードの設定" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "An0ther-phrase", "new_password2": "An0ther-phrase"}, follow=True
    )
    assert "パスワードを設定しました" in done.content.decode()
    editor.refresh_from_db()
    assert editor.check_password("An0ther-phrase")
    # The link works once.
    again = client.get(link, follow=True).content.decode()
    assert "このリンクは使えません" in again


def test_password_reset_does_not_tell_whether_an_address_has_an_account(
    client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(
            "/accounts/password/reset/", {"email": "editor@example.jp"}, follow=True
        )
        unknown = client.post(
            "/accounts/password/reset/", {"email": "nobody@example.jp"}, follow=True
        )
    assert known.redirect_chain == unknown.redirect_chain
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "value",
    ["a" * 100_000, "\x00\x01\x1b[31m", "<script>alert(1)</script>", "' OR 1=1 --", "\u202e"],
)
def test_malformed_login_and_reset_input_never_answers_500(client, editor, value):
    login = client.post("/accounts/login/", {"username": value, "password": value})
    assert login.status_code == 200
    assert "<script>alert(1)</script>" not in login.content.decode()
    reset = client.post("/accounts/password/reset/", {"email": value})
    assert reset.status_code == 200
    assert mail.outbox == []
    assert not Mail.objects.exists()


def test_a_tampered_reset_link_is_refused_in_japanese(client, editor):
    page = client.get("/accounts/password/reset/MQ/forged-token/", follow=True)
    assert page.status_code == 200
    assert "このリンクは使えません" in page.content.decode()
    huge = client.get("/accounts/password/reset/" + "A" * 5000 + "/x/", follow=True)
    assert huge.status_code in {200, 404}


@pytest.mark.parametrize(
    "value", ["p" * 100_000, "\x00\x07\x1b", "<script>alert(1)</script>", "\u202e\ufeff"]
)
def test_malformed_password_change_input_never_answers_500_nor_changes_the_password(
    client, editor, value
):
    client.force_login(editor)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": value, "new_password1": value, "new_password2": value},
    )
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_a_reviewer_without_regions_lands_in_the_admin(client, django_user_model):
    django_user_model.objects.create_user("reviewer", password=PASSWORD, is_staff=True)
    response = client.post("/accounts/login/", {"username": "reviewer", "password": PASSWORD})
    assert response.url == "/admin/"


def test_a_signed_in_user_opening_the_login_page_goes_on(client, editor):
    client.force_login(editor)
    assert client.get("/accounts/login/").url == "/staff/"
