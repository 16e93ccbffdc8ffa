"""The operators' admin: 「招待を送る」, resend and revoke, region roles — superusers only."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail

from accounts.models import Invitation, RegionRole
from accounts.services import accept_invitation, invite_staff
from tests.accounts.conftest import editor, region, superuser  # noqa: F401 (fixtures)
from tests.factories import UserFactory
from tests.mfa_helpers import verified_client

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/accounts/invitation/add/"
LIST_URL = "/admin/accounts/invitation/"


@pytest.fixture
def operator_client(client, superuser):
    return verified_client(superuser, client)


def _send(client, the_region, **overrides):
    data = {"email": "sato@example.jp", "region": the_region.pk, "role": "viewer", "days": 10}
    return client.post(ADD_URL, {**data, **overrides}, follow=True)


def test_the_add_page_is_the_send_invitation_form(operator_client, region):
    html = operator_client.get(ADD_URL).content.decode()
    for name in ("email", "region", "role", "days"):
        assert f'name="{name}"' in html
    assert 'name="token_hash"' not in html
    assert 'name="expires_at"' not in html


def test_sending_from_the_admin_mails_a_link_to_this_site_and_records_the_operator(
    operator_client, region, superuser, settings, django_capture_on_commit_callbacks
):
    # The link starts with PORTAL_BASE_URL, not with the Host of the admin's request (ADR 0086).
    settings.PORTAL_BASE_URL = "https://portal.example.jp"
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(operator_client, region)

    assert "招待を送りました: sato@example.jp" in response.content.decode()
    invitation = Invitation.objects.get()
    assert (invitation.region, invitation.role, invitation.invited_by) == (
        region,
        "viewer",
        superuser,
    )
    assert 9 <= (invitation.expires_at - invitation.created_at).days <= 10
    (message,) = mail.outbox
    assert "https://portal.example.jp/accounts/invitations/" in message.body
    assert "testserver" not in message.body


@pytest.mark.parametrize(
    "overrides",
    [
        {"email": "not an address"},
        {"email": "a" * 300 + "@example.jp"},
        {"region": 999_999},
        {"region": "<script>"},
        {"role": "owner"},
        {"days": 0},
        {"days": 91},
        {"days": "x"},
    ],
)
def test_bad_input_is_refused_on_the_form_and_nothing_is_sent(operator_client, region, overrides):
    response = _send(operator_client, region, **overrides)
    assert response.status_code == 200
    assert "修正してください" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_invitation_is_read_only_after_it_is_sent(operator_client, region):
    sent = invite_staff(email="a@example.jp", region=region, role="editor", base_url="http://x")
    url = f"/admin/accounts/invitation/{sent.invitation.pk}/change/"
    page = operator_client.get(url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    operator_client.post(url, {"email": "evil@example.jp", "role": "editor", "region": region.pk})
    assert Invitation.objects.get().email == "a@example.jp"


def test_resend_sends_a_new_link_and_kills_the_old_one(
    operator_client, region, django_capture_on_commit_callbacks
):
    old = invite_staff(email="a@example.jp", region=region, role="editor", base_url="http://x")
    used = invite_staff(email="b@example.jp", region=region, role="editor", base_url="http://x")
    accept_invitation(invitation=used.invitation, user=UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            LIST_URL,
            {"action": "resend", "_selected_action": [old.invitation.pk, used.invitation.pk]},
            follow=True,
        )
    assert "1 件の招待を送り直しました" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["a@example.jp"]]
    old_link = old.url.removeprefix("http://x")
    assert operator_client.get(old_link).status_code == 410
    assert Invitation.objects.filter(email="a@example.jp", used_at__isnull=True).count() == 2


def test_revoke_makes_the_link_unusable(operator_client, region, client):
    sent = invite_staff(email="a@example.jp", region=region, role="editor", base_url="http://x")
    response = operator_client.post(
        LIST_URL, {"action": "revoke", "_selected_action": [sent.invitation.pk]}, follow=True
    )
    assert "1 件の招待を取り消しました" in response.content.decode()
    page = operator_client.get(sent.url.removeprefix("http://x"))
    assert page.status_code == 410
    assert "有効期限が切れています" in page.content.decode()


def test_the_list_shows_each_invitations_state(operator_client, region):
    invite_staff(email="pending@example.jp", region=region, role="editor", base_url="http://x")
    html = operator_client.get(LIST_URL).content.decode()
    assert "pending@example.jp" in html
    assert "有効" in html


@pytest.mark.parametrize(
    "tampered", [{"user": "<script>"}, {"region": "1 OR 1=1"}, {"role": "root"}]
)
def test_tampered_region_role_ids_are_refused_not_500(operator_client, editor, region, tampered):
    role = RegionRole.objects.get(user=editor)
    data = {"user": editor.pk, "region": region.pk, "role": "viewer", **tampered}
    response = operator_client.post(f"/admin/accounts/regionrole/{role.pk}/change/", data)
    assert response.status_code == 200
    assert RegionRole.objects.get(pk=role.pk).role == "editor"


def test_region_roles_are_listed_and_changed_by_operators(operator_client, editor, region):
    role = RegionRole.objects.get(user=editor)
    assert (
        "editor@example.jp" in operator_client.get("/admin/accounts/regionrole/").content.decode()
    )
    operator_client.post(
        f"/admin/accounts/regionrole/{role.pk}/change/",
        {"user": editor.pk, "region": region.pk, "role": "viewer"},
    )
    assert RegionRole.objects.get(pk=role.pk).role == "viewer"


def test_reviewers_even_with_every_accounts_permission_cannot_open_these_pages(client, region):
    reviewer = UserFactory(username="reviewer", is_staff=True)
    group = Group.objects.create(name="too-generous")
    group.permissions.set(Permission.objects.filter(content_type__app_label="accounts"))
    reviewer.groups.add(group)
    verified_client(reviewer, client)
    for url in (LIST_URL, ADD_URL, "/admin/accounts/regionrole/"):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(
            ADD_URL, {"email": "x@example.jp", "region": region.pk, "role": "editor", "days": 7}
        ).status_code
        == 403
    )
    assert not Invitation.objects.exists()
    index = client.get("/admin/").content.decode()
    assert "/admin/accounts/" not in index
