"""manage.py invite_staff SLUG EMAIL --role editor|viewer [--create-region] [--days N]."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from accounts.models import Invitation, hash_token
from declarations.models import Region

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("invite_staff", *args, stdout=out)
    return out.getvalue()


def test_inviting_to_an_existing_region_mails_and_prints_the_single_use_link(
    region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = run("setouchi", "staff@example.jp", "--role", "viewer")

    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.region, invitation.role) == (
        "staff@example.jp",
        region,
        "viewer",
    )
    link = next(line for line in output.splitlines() if "招待リンク" in line).split(": ", 1)[1]
    assert link.startswith("http://127.0.0.1:8000/accounts/invitations/")
    assert invitation.token_hash == hash_token(link.rstrip("/").rsplit("/", 1)[1])
    assert "閲覧者" in output
    (message,) = mail.outbox
    assert link in message.body


def test_create_region_makes_the_region_first(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = run(
            "new-region", "a@example.jp", "--role", "editor", "--create-region", "--days", "3",
            "--base-url", "https://portal.example.jp/",
        )  # fmt: skip
    assert Region.objects.filter(slug="new-region").exists()
    assert "リージョン「new-region」を作成しました" in output
    assert "https://portal.example.jp/accounts/invitations/" in output


def test_an_unknown_region_without_create_region_is_refused_in_japanese():
    with pytest.raises(CommandError, match="--create-region"):
        run("nowhere", "a@example.jp", "--role", "editor")
    assert not Invitation.objects.exists()
    assert not Region.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["setouchi", "not-an-address", "--role", "editor"], "メールアドレス"),
        (["setouchi", "a@example.jp", "--role", "editor", "--days", "0"], "--days"),
        (["setouchi", "a@example.jp", "--role", "editor", "--days", "400"], "--days"),
        (["bad slug!", "a@example.jp", "--role", "editor", "--create-region"], "識別名"),
        (["x" * 81, "a@example.jp", "--role", "editor", "--create-region"], "長すぎ"),
        (
            ["setouchi", "a@example.jp", "--role", "editor", "--base-url", "javascript:x"],
            "base-url",
        ),
    ],
)
def test_bad_arguments_are_refused_with_a_japanese_message_and_nothing_is_saved(
    region, args, message
):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not Invitation.objects.exists()
    assert list(Region.objects.values_list("slug", flat=True)) == ["setouchi"]


def test_the_role_must_be_editor_or_viewer(region):
    with pytest.raises(CommandError):
        run("setouchi", "a@example.jp", "--role", "owner")
    with pytest.raises(CommandError):
        run("setouchi", "a@example.jp")
    assert not Invitation.objects.exists()


def test_the_link_uses_the_portal_base_url_setting(
    region, settings, django_capture_on_commit_callbacks
):
    # Production used to send http://127.0.0.1:8000/… links: PORTAL_BASE_URL was never defined.
    settings.PORTAL_BASE_URL = "https://portal.example.jp"
    with django_capture_on_commit_callbacks(execute=True):
        output = run("setouchi", "staff@example.jp", "--role", "editor")
    (message,) = mail.outbox
    assert "https://portal.example.jp/accounts/invitations/" in message.body
    assert "127.0.0.1" not in output + message.body
