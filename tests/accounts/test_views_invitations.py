"""The invitation link /accounts/invitations/<token>/: a new account or a signed-in user accepts
it once; used, expired and unknown links give a Japanese page (410/404), never a 500."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Invitation, RegionRole
from accounts.services import invite_staff
from tests.accounts.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Setouchi-2026-kaigan"


@pytest.fixture
def sent(region):
    return invite_staff(
        email="suzuki@example.jp", region=region, role="editor", base_url="http://testserver"
    )


@pytest.fixture
def link(sent):
    return sent.url.removeprefix("http://testserver")


def signup(**overrides):
    return {
        "username": "suzuki",
        "last_name": "鈴木",
        "first_name": "花子",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }


def test_opening_the_link_shows_the_invitation_and_changes_nothing(client, link, sent):
    page = client.get(link)
    html = page.content.decode()
    assert page.status_code == 200
    assert "担当者としての招待" in html
    assert "setouchi" in html
    assert "suzuki@example.jp" in html
    assert "編集者" in html
    assert 'name="password1"' in html
    assert Invitation.objects.get(pk=sent.invitation.pk).used_at is None
    assert page["Cache-Control"].startswith("max-age=0")


def test_a_new_person_creates_an_account_and_becomes_staff_signed_in(client, link, region):
    response = client.post(link, signup(), follow=True)

    user = get_user_model().objects.get(username="suzuki")
    assert user.email == "suzuki@example.jp"
    assert (user.last_name, user.first_name) == ("鈴木", "花子")
    assert RegionRole.objects.get(user=user).role == "editor"
    assert response.redirect_chain[-1][0] == "/staff/"
    html = response.content.decode()
    assert "「setouchi」の担当者（編集者）になりました" in html
    assert "鈴木 花子 さん" in html


def test_the_same_link_cannot_be_used_twice(client, link):
    client.post(link, signup())
    client.logout()

    again = client.get(link)
    assert again.status_code == 410
    assert "この招待は使用済みです" in again.content.decode()
    second = client.post(link, signup(username="intruder"))
    assert second.status_code == 410
    assert not get_user_model().objects.filter(username="intruder").exists()
    assert RegionRole.objects.count() == 1


def test_the_person_who_used_the_link_is_told_they_already_accepted(client, link):
    client.post(link, signup())
    page = client.get(link)
    assert page.status_code == 410
    assert "すでに受けています" in page.content.decode()


def test_an_expired_link_gives_a_japanese_410_page(client, link, sent):
    Invitation.objects.filter(pk=sent.invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    for response in (client.get(link), client.post(link, signup())):
        assert response.status_code == 410
        assert "有効期限が切れています" in response.content.decode()
    assert not get_user_model().objects.filter(username="suzuki").exists()


@pytest.mark.parametrize(
    "token", ["nothing-here", "A" * 43, "x" * 5000, "%00", "%3Cscript%3E", "..%2F..%2Fadmin"]
)
def test_unknown_and_malformed_tokens_give_a_japanese_404_page(client, sent, token):
    response = client.get(f"/accounts/invitations/{token}/")
    assert response.status_code == 404
    # A token with a slash does not match the URL pattern: the site's own 404 page answers.
    expected = "ページが見つかりません" if "%2F" in token else "招待が見つかりません"
    assert expected in response.content.decode()
    assert client.post(f"/accounts/invitations/{token}/", signup()).status_code == 404
    assert not get_user_model().objects.filter(username="suzuki").exists()


def test_a_signed_in_user_accepts_with_one_button(client, link, other_region):
    user = UserFactory(username="existing")
    RegionRole.objects.create(user=user, region=other_region, role="viewer")
    client.force_login(user)
    page = client.get(link).content.decode()
    assert "このアカウントで招待を受ける" in page
    assert 'name="password1"' not in page

    response = client.post(link)
    assert response.status_code == 302
    assert set(RegionRole.objects.filter(user=user).values_list("region__slug", "role")) == {
        ("tohoku", "viewer"),
        ("setouchi", "editor"),
    }


def test_an_existing_user_can_log_in_first_and_come_back_to_the_link(client, link):
    UserFactory(username="existing")
    page = client.get(link).content.decode()
    assert f'href="/accounts/login/?next={link}"' in page
    response = client.post(
        f"/accounts/login/?next={link}", {"username": "existing", "password": PASSWORD}
    )
    assert response.url == link


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"password2": "different-Pass-1"}, "password2", "確認用パスワードが一致しません"),
        ({"password1": "123", "password2": "123"}, "password2", "短すぎます"),
        ({"username": "a b<script>"}, "username", ""),
        ({"username": "x" * 151}, "username", ""),
        ({"username": ""}, "username", "このフィールドは必須です"),
        ({"last_name": "鈴\n木"}, "last_name", "制御文字"),
        ({"first_name": "花\x00子"}, "first_name", ""),
        ({"first_name": "\u202e花子"}, "first_name", "制御文字"),
        ({"last_name": "鈴" * 151}, "last_name", ""),
    ],
)
def test_bad_signup_input_is_refused_next_to_the_field_and_the_link_stays_usable(
    client, link, sent, overrides, field, message
):
    response = client.post(link, signup(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert "<script>" not in html.split("</header>", 1)[1]
    assert f'id="id_{field}_error"' in html
    assert 'aria-invalid="true"' in html
    assert not get_user_model().objects.filter(email="suzuki@example.jp").exists()
    assert Invitation.objects.get(pk=sent.invitation.pk).used_at is None


def test_a_taken_user_name_is_refused(client, link):
    UserFactory(username="Suzuki")
    response = client.post(link, signup())
    assert "username" in response.context["form"].errors
    assert RegionRole.objects.count() == 0


def test_a_password_like_the_address_is_refused(client, link):
    response = client.post(
        link, signup(password1="suzuki@example.jp", password2="suzuki@example.jp")
    )
    assert "password2" in response.context["form"].errors


def test_tampered_extra_fields_cannot_choose_the_role_region_or_address(client, link, other_region):
    client.post(
        link,
        signup(role="editor", region=other_region.pk, email="evil@example.jp", is_superuser="on"),
    )
    user = get_user_model().objects.get(username="suzuki")
    assert user.email == "suzuki@example.jp"
    assert not user.is_superuser and not user.is_staff
    assert list(RegionRole.objects.filter(user=user).values_list("region__slug", flat=True)) == [
        "setouchi"
    ]


def test_the_invitation_page_accepts_only_get_and_post(client, link):
    assert client.put(link).status_code == 405
    assert client.delete(link).status_code == 405


def test_a_huge_password_is_handled_without_500(client, link):
    response = client.post(link, signup(password1="p" * 100_000, password2="p" * 100_000))
    assert response.status_code in {200, 302}


def test_bad_signup_input_leads_with_the_error_summary_linking_to_the_field(client, link, sent):
    """The same error summary as the staff pages (ADR 0096): counted, focused, linked."""
    response = client.post(link, signup(password2="different-Pass-1"))

    html = response.content.decode()
    box = html[html.index('<section class="error-summary"') : html.index("</section>")]
    assert 'tabindex="-1"' in box and "autofocus" in box
    assert "入力内容にエラーがあります（1件）" in box
    assert '<a href="#id_password2">' in box
    assert html.index('id="error-summary"') < html.index('class="accounts-form"')
