"""Inviting staff and accepting invitations.

An operator (a superuser, in the admin or with ``manage.py invite_staff``) invites a
person by e-mail to one region with a role. The e-mail carries a link with a random
token; only its SHA-256 is stored (``Invitation.issue``). The link works once, until it
expires. Accepting it gives the person the role (``RegionRole``).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Invitation, Preference, RegionRole, hash_token
from outbox.services import mail_enqueue
from web.links import absolute_url

DEFAULT_VALID_DAYS = 7
MAX_VALID_DAYS = 90
# A token made by Invitation.issue is 43 characters; anything much longer is not one of ours.
MAX_TOKEN_LENGTH = 200


class InvitationUnusable(Exception):
    """The invitation was used already, has expired, or no longer exists."""

    def __init__(self, reason: str):
        self.reason = reason  # "used", "expired" or "unknown"
        super().__init__(reason)


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    url: str


def invitation_path(token: str) -> str:
    return reverse("invitation_accept", args=[token])


def invite_staff(
    *,
    email: str,
    region,
    role: str,
    base_url: str | None = None,
    invited_by=None,
    days: int = DEFAULT_VALID_DAYS,
    language: str | None = None,
) -> SentInvitation:
    """Issue an invitation and e-mail its link (once the transaction commits), in
    ``language``: the invited person's (ADR 0126; by default the language of record). It is
    also the language of the account the invitation makes.

    The link is ``PORTAL_BASE_URL`` + ``/accounts/invitations/<token>/`` (``web.links``);
    ``base_url`` replaces the setting's address (``manage.py invite_staff --base-url``, tests
    against a live server).
    """
    if role not in RegionRole.Role.values:
        raise ValueError(f"unknown role: {role!r}")
    if not 1 <= days <= MAX_VALID_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_VALID_DAYS}")
    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language: {language!r}")
    invitation, token = Invitation.issue(
        email=email,
        region=region,
        role=role,
        invited_by=invited_by,
        valid_for=timedelta(days=days),
        language=language,
    )
    path = invitation_path(token)
    url = absolute_url(path) if base_url is None else base_url.rstrip("/") + path
    expires = timezone.localtime(invitation.expires_at)
    # in the invited person's language, whatever the inviter's page (ADR 0126)
    with translation.override(invitation.language):
        subject, body = _invitation_text(invitation, region, url, expires)
    mail_enqueue(subject, body, [email])
    return SentInvitation(invitation=invitation, url=url)


def _invitation_text(invitation, region, url, expires) -> tuple[str, str]:
    body = _(
        "{portal} の広域リージョン「{region}」の担当者（{role}）として招待されました。\n"
        "\n"
        "次のリンクを開いて、ユーザー名とパスワードを設定してください。\n"
        "{url}\n"
        "\n"
        "このリンクは一度だけ使えます。有効期限: {expires}\n"
        "心当たりがない場合は、このメールを破棄してください。\n"
    ).format(
        portal=settings.PORTAL_NAME,
        region=region_label(region),
        role=invitation.get_role_display(),
        url=url,
        expires=f"{expires:%Y-%m-%d %H:%M}",
    )
    return str(_("担当者としての招待")), body


def region_label(region) -> str:
    """The region's latest declared name, or its slug when none is written yet."""
    from declarations.models import DeclarationRevision

    name = (
        DeclarationRevision.objects.filter(declaration__region=region)
        .exclude(region_name="")
        .order_by("-number")
        .values_list("region_name", flat=True)
        .first()
    )
    return name or region.slug


def invitation_for_token(token: str) -> Invitation:
    """The invitation a link's token belongs to, usable or not; ``InvitationUnusable("unknown")``."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise InvitationUnusable("unknown")
    invitation = (
        Invitation.objects.select_related("region").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None:
        raise InvitationUnusable("unknown")
    return invitation


def check_usable(invitation: Invitation) -> None:
    if invitation.used_at is not None:
        raise InvitationUnusable("used")
    if timezone.now() >= invitation.expires_at:
        raise InvitationUnusable("expired")


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user) -> RegionRole:
    """Mark the invitation used by ``user`` and give ``user`` its role in the region.

    The invitation is claimed with one conditional UPDATE, so of two simultaneous
    acceptances exactly one succeeds; the other raises ``InvitationUnusable("used")``
    (and, in a caller's transaction, rolls back whatever the caller did, such as creating
    the account). An existing editor invited as viewer stays editor.
    """
    check_usable(invitation)
    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now, used_by=user)
    if not claimed:
        invitation.refresh_from_db()
        check_usable(invitation)
        raise InvitationUnusable("used")
    invitation.used_at, invitation.used_by = now, user
    role, created = RegionRole.objects.get_or_create(
        user=user, region=invitation.region, defaults={"role": invitation.role}
    )
    if not created and invitation.role == RegionRole.Role.EDITOR and not role.can_edit:
        role.role = RegionRole.Role.EDITOR
        role.save(update_fields=["role"])
    return role


@transaction.atomic
def create_account_and_accept(
    *, invitation: Invitation, username: str, password: str, last_name="", first_name=""
):
    """A new account for the invited person (e-mail from the invitation), with its role."""
    check_usable(invitation)
    user = get_user_model().objects.create_user(
        username=username,
        email=invitation.email,
        password=password,
        last_name=last_name,
        first_name=first_name,
    )
    Preference.objects.create(user=user, language=invitation.language)
    accept_invitation(invitation=invitation, user=user)
    return user


def revoke_invitations(queryset) -> int:
    """Make unused invitations expire now; returns how many were revoked."""
    return queryset.filter(used_at__isnull=True, expires_at__gt=timezone.now()).update(
        expires_at=timezone.now()
    )


def language_preference_save(user, code: str) -> None:
    """Keep ``code`` (one of ``settings.LANGUAGES``) as the language of ``user``'s mails
    (ADR 0126): the language switch calls this for a signed-in user."""
    if code not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language: {code!r}")
    Preference.objects.update_or_create(user=user, defaults={"language": code})


def saved_language(user) -> str | None:
    """The language ``user`` chose (``Preference``), or ``None`` when they never chose one."""
    return Preference.objects.filter(user=user).values_list("language", flat=True).first()
