"""The second factor (django-otp, ADR 0082): reviewers and operators enrol a TOTP app (QR
code) and enter a code before the admin opens; recovery codes work once each; region staff
may enrol, and are then asked for a code at every log-in. Codes are computed from the
device's key as the phone app computes them (RFC 6238), nothing is mocked."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa
from accounts.models import REVIEWER_GROUP
from tests.accounts.conftest import PASSWORD
from tests.factories import UserFactory
from tests.mfa_helpers import confirmed_device, totp_code, verified_client

pytestmark = pytest.mark.django_db

QUEUE = "/admin/reviews/review/queue/"


@pytest.fixture
def reviewer():
    user = UserFactory(username="shinsa", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    return user


def password_login(username, url="/admin/login/", next_url=QUEUE) -> Client:
    client = Client()
    response = client.post(f"{url}?next={next_url}", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def enrol(client, user) -> list[str]:
    """Open the enrolment page, type the app's code; the recovery codes shown."""
    page = client.get("/accounts/mfa/setup/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/accounts/mfa/setup/", {"code": totp_code(device), "next": QUEUE})
    assert response.status_code == 200
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


def wrong_code(device) -> str:
    right = {totp_code(device, steps_ahead=step) for step in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in right)


# --- Who must have one -----------------------------------------------------------------------


def test_reviewers_and_operators_need_a_second_factor_region_staff_do_not(reviewer, editor):
    assert mfa.requires_second_factor(reviewer)
    assert mfa.requires_second_factor(UserFactory(username="root", is_superuser=True))
    assert mfa.requires_second_factor(UserFactory(username="ops", is_staff=True))
    assert not mfa.requires_second_factor(editor)


def test_a_reviewer_without_a_device_cannot_open_the_queue_and_is_sent_to_enrol(reviewer):
    client = Client()
    client.force_login(reviewer)

    response = client.get(QUEUE, follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/mfa/setup/?next=")
    assert "二段階認証の登録" in response.content.decode()
    assert "管理画面を使う前に二段階認証の登録が必要です" in response.content.decode()
    assert client.get(QUEUE).status_code == 302


def test_a_superuser_without_a_verified_device_cannot_open_the_admin(superuser):
    client = Client()
    client.force_login(superuser)
    confirmed_device(superuser)

    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/auth/user/").status_code == 302
    follow = client.get("/admin/", follow=True)
    assert follow.redirect_chain[-1][0].startswith("/accounts/mfa/verify/?next=")


# --- Enrolment -------------------------------------------------------------------------------


def test_enrolment_with_a_real_totp_code_opens_the_queue(reviewer):
    client = password_login("shinsa")

    codes = enrol(client, reviewer)

    assert len(codes) == mfa.RECOVERY_CODE_COUNT == len(set(codes))
    assert TOTPDevice.objects.get(user=reviewer).confirmed
    queue = client.get(QUEUE)
    assert queue.status_code == 200


def test_the_qr_code_is_inline_svg_that_the_csp_allows(reviewer):
    client = verified_client(reviewer)
    TOTPDevice.objects.filter(user=reviewer).delete()

    page = client.get("/accounts/mfa/setup/")

    html = page.content.decode()
    assert "<svg" in html and 'class="accounts-qr__image"' in html
    assert "data:" not in html and "<script>" not in html and " style=" not in html
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    assert mfa.secret_text(device).replace(" ", "")[:16] in html.replace(" ", "")
    assert "img-src" in page["Content-Security-Policy"]


def test_the_enrolment_page_keeps_its_key_until_it_is_confirmed(reviewer):
    client = password_login("shinsa")
    client.get("/accounts/mfa/setup/")
    client.get("/accounts/mfa/setup/")

    assert TOTPDevice.objects.filter(user=reviewer).count() == 1


def test_a_wrong_code_does_not_enrol_and_says_so_in_japanese(reviewer):
    client = password_login("shinsa")
    client.get("/accounts/mfa/setup/")
    device = TOTPDevice.objects.get(user=reviewer)

    response = client.post("/accounts/mfa/setup/", {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "確認コードが正しくありません" in response.content.decode()
    assert not TOTPDevice.objects.get(user=reviewer).confirmed
    assert client.get(QUEUE).status_code == 302


def test_someone_with_only_the_password_cannot_enrol_a_second_device(reviewer):
    confirmed_device(reviewer)
    client = password_login("shinsa")

    response = client.get("/accounts/mfa/setup/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/mfa/verify/")
    assert TOTPDevice.objects.filter(user=reviewer).count() == 1


# --- The code after the password ---------------------------------------------------------------


@pytest.mark.parametrize("login_page", ["/admin/login/", "/accounts/login/"])
def test_with_a_device_the_password_leads_to_the_code_page_and_then_the_queue(reviewer, login_page):
    device = confirmed_device(reviewer)
    client = password_login("shinsa", url=login_page)

    page = client.get(QUEUE, follow=True)
    assert page.redirect_chain[-1][0].startswith("/accounts/mfa/verify/")
    assert "確認コードの入力" in page.content.decode()

    response = client.post("/accounts/mfa/verify/", {"code": totp_code(device), "next": QUEUE})

    assert response.status_code == 302 and response.url == QUEUE
    assert client.get(QUEUE).status_code == 200


def test_a_wrong_code_keeps_the_admin_closed(reviewer):
    device = confirmed_device(reviewer)
    client = password_login("shinsa")

    response = client.post("/accounts/mfa/verify/", {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "確認コードが正しくないか、期限が切れています" in response.content.decode()
    assert client.get(QUEUE).status_code == 302


def test_a_code_once_used_is_not_accepted_again(reviewer):
    device = confirmed_device(reviewer)
    code = totp_code(device)
    first = password_login("shinsa")
    assert first.post("/accounts/mfa/verify/", {"code": code}).status_code == 302

    second = password_login("shinsa")
    assert second.post("/accounts/mfa/verify/", {"code": code}).status_code == 200
    assert second.get(QUEUE).status_code == 302


def test_the_code_page_never_sends_the_user_to_another_site(reviewer):
    device = confirmed_device(reviewer)
    client = password_login("shinsa")

    response = client.post(
        "/accounts/mfa/verify/", {"code": totp_code(device), "next": "https://evil.example/"}
    )

    assert response.url == "/admin/"


# --- Recovery codes ----------------------------------------------------------------------------


def test_a_recovery_code_works_once(reviewer):
    codes = enrol(password_login("shinsa"), reviewer)
    code = codes[3]

    client = password_login("shinsa")
    # Typed in capitals with a space, as people copy codes.
    response = client.post("/accounts/mfa/verify/", {"code": f"{code[:4].upper()} {code[4:]}"})
    assert response.status_code == 302
    assert client.get(QUEUE).status_code == 200
    assert StaticToken.objects.filter(device__user=reviewer).count() == mfa.RECOVERY_CODE_COUNT - 1

    again = password_login("shinsa")
    refused = again.post("/accounts/mfa/verify/", {"code": code})
    assert refused.status_code == 200
    assert again.get(QUEUE).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(reviewer):
    client = password_login("shinsa")
    old = enrol(client, reviewer)

    response = client.post("/accounts/mfa/recovery-codes/")

    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == mfa.RECOVERY_CODE_COUNT and not set(new) & set(old)
    assert "前に発行した回復コードは使えなくなりました" in response.content.decode()
    refused = password_login("shinsa").post("/accounts/mfa/verify/", {"code": old[0]})
    assert refused.status_code == 200


# --- Region staff: optional ----------------------------------------------------------------------


def test_region_staff_log_in_without_a_second_factor(client, editor):
    response = client.post("/accounts/login/", {"username": "editor", "password": PASSWORD})

    assert response.url == "/staff/"
    assert client.get("/staff/").status_code == 200
    assert "二段階認証" in client.get("/staff/").content.decode()


def test_region_staff_who_enrolled_are_asked_for_a_code_at_every_log_in(editor):
    client = password_login("editor", url="/accounts/login/", next_url="/staff/")
    codes = enrol(client, editor)
    assert codes
    client.post("/accounts/logout/")

    client = password_login("editor", url="/accounts/login/", next_url="/staff/")
    blocked = client.get("/staff/")
    assert blocked.status_code == 302
    assert blocked.url == "/accounts/mfa/verify/?next=%2Fstaff%2F"

    device = TOTPDevice.objects.get(user=editor)
    client.post("/accounts/mfa/verify/", {"code": totp_code(device, steps_ahead=1)})
    assert client.get("/staff/").status_code == 200


def test_region_staff_may_turn_it_off_reviewers_may_not(editor, reviewer):
    staff = verified_client(editor)
    confirmed_device(editor)
    from tests.mfa_helpers import verify_second_factor

    verify_second_factor(staff, editor)
    staff.post("/accounts/mfa/disable/")
    assert not mfa.has_second_factor(editor)

    admin_user = verified_client(reviewer)
    response = admin_user.post("/accounts/mfa/disable/", follow=True)
    assert "二段階認証を解除できません" in response.content.decode()
    assert mfa.has_second_factor(reviewer)
