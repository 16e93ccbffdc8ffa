"""Inviting staff and accepting invitations (accounts.services)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Invitation, RegionRole, hash_token
from accounts.services import (
    InvitationUnusable,
    accept_invitation,
    check_usable,
    create_account_and_accept,
    invitation_for_token,
    invite_staff,
    revoke_invitations,
)
from outbox.models import Mail
from tests.factories import DeclarationRevisionFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.jp"


def _invite(region, role="editor", **kwargs):
    return invite_staff(email="new@example.jp", region=region, role=role, base_url=BASE, **kwargs)


def test_invitation_mail_carries_a_link_whose_token_is_stored_only_as_its_hash(
    region, django_capture_on_commit_callbacks
):
    DeclarationRevisionFactory(declaration__region=region, region_name="瀬戸内広域リージョン")
    with django_capture_on_commit_callbacks(execute=True):
        sent = _invite(region)

    assert sent.url.startswith(f"{BASE}/accounts/invitations/")
    token = sent.url.rstrip("/").rsplit("/", 1)[1]
    assert sent.invitation.token_hash == hash_token(token)
    assert token not in {f.value_from_object(sent.invitation) for f in Invitation._meta.fields}
    # nor in the outbox once the mail has gone (ADR 0081)
    assert not Mail.objects.filter(body__contains=token).exists()
    (message,) = mail.outbox
    assert message.to == ["new@example.jp"]
    assert "招待" in message.subject
    assert sent.url in message.body
    assert "瀬戸内広域リージョン" in message.body
    assert "編集者" in message.body


def test_no_mail_is_sent_when_the_invitation_is_rolled_back(
    region, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            _invite(region)
            raise RuntimeError
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_invitation_expires_after_the_given_days(region):
    sent = _invite(region, days=3)
    remaining = sent.invitation.expires_at - timezone.now()
    assert timedelta(days=2, hours=23) < remaining <= timedelta(days=3)


@pytest.mark.parametrize("days", [0, -1, 91])
def test_days_outside_one_to_ninety_are_refused(region, days):
    with pytest.raises(ValueError):
        _invite(region, days=days)


def test_an_unknown_role_is_refused(region):
    with pytest.raises(ValueError):
        _invite(region, role="admin")


def test_accepting_gives_the_role_and_marks_the_invitation_used(region):
    sent = _invite(region, role="viewer")
    user = UserFactory()
    role = accept_invitation(invitation=sent.invitation, user=user)

    assert (role.user, role.region, role.role) == (user, region, "viewer")
    stored = Invitation.objects.get(pk=sent.invitation.pk)
    assert stored.used_by == user
    assert stored.used_at is not None


def test_the_same_invitation_cannot_be_accepted_twice(region):
    sent = _invite(region)
    accept_invitation(invitation=sent.invitation, user=UserFactory())
    second = UserFactory()
    with pytest.raises(InvitationUnusable) as refused:
        accept_invitation(invitation=sent.invitation, user=second)
    assert refused.value.reason == "used"
    assert not RegionRole.objects.filter(user=second).exists()


def test_a_stale_copy_of_a_used_invitation_cannot_be_accepted_either(region):
    """Two requests that both read the invitation before either accepted it: one wins."""
    sent = _invite(region)
    first_copy = Invitation.objects.get(pk=sent.invitation.pk)
    second_copy = Invitation.objects.get(pk=sent.invitation.pk)
    accept_invitation(invitation=first_copy, user=UserFactory())
    late = UserFactory()
    with pytest.raises(InvitationUnusable):
        accept_invitation(invitation=second_copy, user=late)
    assert not RegionRole.objects.filter(user=late).exists()


def test_a_new_account_is_not_kept_when_the_invitation_was_used_meanwhile(region):
    sent = _invite(region)
    stale = Invitation.objects.get(pk=sent.invitation.pk)
    accept_invitation(invitation=sent.invitation, user=UserFactory())
    from django.contrib.auth import get_user_model

    with pytest.raises(InvitationUnusable):
        create_account_and_accept(invitation=stale, username="latecomer", password="x-Long-pass-1")
    assert not get_user_model().objects.filter(username="latecomer").exists()


def test_an_expired_invitation_cannot_be_accepted(region):
    sent = _invite(region)
    Invitation.objects.filter(pk=sent.invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    invitation = Invitation.objects.get(pk=sent.invitation.pk)
    with pytest.raises(InvitationUnusable) as refused:
        accept_invitation(invitation=invitation, user=UserFactory())
    assert refused.value.reason == "expired"


def test_an_editor_invited_as_viewer_stays_editor_and_a_viewer_invited_as_editor_becomes_one(
    region, editor, viewer
):
    accept_invitation(invitation=_invite(region, role="viewer").invitation, user=editor)
    accept_invitation(invitation=_invite(region, role="editor").invitation, user=viewer)
    assert RegionRole.objects.get(user=editor).role == "editor"
    assert RegionRole.objects.get(user=viewer).role == "editor"


def test_a_new_account_gets_the_invited_address_and_a_usable_password(region):
    sent = _invite(region)
    user = create_account_and_accept(
        invitation=sent.invitation, username="tanaka", password="x-Long-pass-1", last_name="田中"
    )
    assert user.email == "new@example.jp"
    assert user.check_password("x-Long-pass-1")
    assert user.last_name == "田中"
    assert RegionRole.objects.get(user=user).role == "editor"


@pytest.mark.parametrize("token", ["", "x", "a" * 43, "a" * 10_000, "../../etc", "\x00"])
def test_unknown_and_malformed_tokens_are_unknown(region, token):
    _invite(region)
    with pytest.raises(InvitationUnusable) as refused:
        invitation_for_token(token)
    assert refused.value.reason == "unknown"


def test_revoking_expires_only_unused_invitations(region):
    used = _invite(region).invitation
    accept_invitation(invitation=used, user=UserFactory())
    pending = _invite(region).invitation
    assert revoke_invitations(Invitation.objects.all()) == 1
    with pytest.raises(InvitationUnusable) as refused:
        check_usable(Invitation.objects.get(pk=pending.pk))
    assert refused.value.reason == "expired"
