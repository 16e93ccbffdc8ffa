"""manage.py load_demo_users: after ``make run`` someone can log in (issue 13), in development only."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import REVIEWER_GROUP, RegionRole
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def run():
    out = StringIO()
    call_command("load_demo_users", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(settings):
    settings.DEMO_USERS = True  # what region_portal/settings/dev.py sets
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8123"
    return [RegionFactory(slug="setouchi"), RegionFactory(slug="tohoku-gx")]


def log_in(username: str, password: str) -> Client:
    """The log-in page, as a person uses it (django-axes wants the request)."""
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302, (username, response.status_code)
    return client


def credentials(output: str) -> dict[str, str]:
    return dict(re.findall(r"ユーザー名 (\S+)\s+パスワード (\S+)", output))


def test_outside_development_nobody_is_created():
    # The test settings (like production) leave DEMO_USERS off.
    with pytest.raises(CommandError, match="開発用の設定"):
        run()
    assert not User.objects.exists()


def test_an_editor_per_demo_region_a_reviewer_and_an_operator_with_printed_credentials(demo):
    output = run()
    logins = credentials(output)
    assert set(logins) == {"editor-setouchi", "editor-tohoku-gx", "reviewer", "operator"}
    for username, password in logins.items():
        log_in(username, password)
    editor = log_in("editor-setouchi", logins["editor-setouchi"])
    assert editor.get("/staff/setouchi/").status_code == 200
    assert RegionRole.objects.get(user__username="editor-setouchi").region.slug == "setouchi"
    assert RegionRole.objects.get(user__username="editor-setouchi").role == "editor"
    reviewer = User.objects.get(username="reviewer")
    assert reviewer.is_staff and not reviewer.is_superuser
    assert reviewer.groups.filter(name=REVIEWER_GROUP).exists()
    operator = User.objects.get(username="operator")
    assert operator.is_superuser and operator.is_staff
    assert "http://127.0.0.1:8123/accounts/login/" in output
    assert "http://127.0.0.1:8123/admin/" in output


def test_the_reviewer_and_the_operator_get_an_authenticator_whose_key_is_printed(demo):
    output = run()
    for username in ("reviewer", "operator"):
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        secret = re.search(rf"{username}.*?秘密鍵 ([A-Z2-7 ]+)", output, re.S).group(1)
        assert secret.replace(" ", "") in device.config_url
        assert "otpauth://totp/" in output
        # A code computed from the printed key is accepted, as an authenticator app's would be.
        from base64 import b32decode

        key = b32decode(secret.replace(" ", "").strip())
        code = f"{TOTP(key, device.step, device.t0, device.digits).token():06d}"
        assert device.verify_token(code)


def test_running_it_again_changes_nothing_and_the_printed_credentials_still_work(demo):
    first = run()
    key = TOTPDevice.objects.get(user__username="reviewer").key
    User.objects.filter(username="editor-setouchi").update(is_active=False)
    second = run()
    assert credentials(first) == credentials(second)
    assert User.objects.count() == 4
    assert RegionRole.objects.count() == 2
    assert TOTPDevice.objects.filter(user__username="reviewer").count() == 1
    assert TOTPDevice.objects.get(user__username="reviewer").key == key
    log_in("editor-setouchi", credentials(second)["editor-setouchi"])
