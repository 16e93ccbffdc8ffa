"""The second factor (django-otp, ADR 0082): who needs one, enrolment, codes, recovery codes.

Reviewers and operators (everyone who may use the admin) must have a confirmed TOTP device and
have entered a code from it in this session before the admin opens (``PortalAdminSite``).
Region staff may enrol from their account page; once they have, every log-in asks for a code
(``SecondFactorMiddleware``). Each enrolment also gives ``RECOVERY_CODE_COUNT`` recovery codes
(a django-otp static device): shown once, each accepted once, for a lost phone.
"""

import unicodedata
from base64 import b32encode

import segno
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import REVIEWER_GROUP

RECOVERY_CODE_COUNT = 10
# Set at log-in for a user who has a confirmed device; cleared when a code is entered.
PENDING_SESSION_KEY = "mfa_pending"
TOTP_DEVICE_NAME = "認証アプリ"
RECOVERY_DEVICE_NAME = "回復コード"


def is_verified(user) -> bool:
    """The user entered a code from a confirmed device in this session (OTPMiddleware)."""
    return bool(user.is_authenticated and getattr(user, "is_verified", None) and user.is_verified())


def requires_second_factor(user) -> bool:
    """Reviewers and operators: superusers, admin users, the ``reviewer`` group."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or user.is_superuser or user.groups.filter(name=REVIEWER_GROUP).exists()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def next_step(user) -> str:
    """The URL name of the page that gets the user verified: enter a code, or enrol first."""
    return "mfa_verify" if has_second_factor(user) else "mfa_setup"


def mark_pending_at_login(sender, request, user, **kwargs):
    """``user_logged_in``: a user with a confirmed device must enter a code before going on."""
    if request is not None and hasattr(request, "session") and has_second_factor(user):
        request.session[PENDING_SESSION_KEY] = True


def normalise_code(value: str) -> str:
    """What the user typed, as stored: full-width digits and letters folded (NFKC), spaces and
    hyphens removed, letters in lower case (recovery codes are lower-case base32)."""
    folded = unicodedata.normalize("NFKC", value or "")
    return "".join(ch for ch in folded if not ch.isspace() and ch != "-").lower()


# --- Enrolment ------------------------------------------------------------------------------


def pending_enrolment(user) -> TOTPDevice:
    """The user's unconfirmed authenticator (one; the same key until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` URL of the device as an inline SVG (no script, no data: URL)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", svgclass="accounts-qr__image"
    )


def secret_text(device: TOTPDevice) -> str:
    """The key for typing into an app by hand: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def confirm_enrolment(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the device with a code from it; the session becomes verified and the user gets
    new recovery codes (returned, to be shown once). None when the code is wrong."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, confirmed=False)
        if not device.verify_token(normalise_code(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # One authenticator per user: an older confirmed one cannot remain beside it.
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        codes = new_recovery_codes(device.user)
    _verified(request, device)
    return codes


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with ``RECOVERY_CODE_COUNT`` new ones."""
    with transaction.atomic():
        static, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        static.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def remove_second_factor(user) -> None:
    """Delete the user's authenticator and recovery codes (region staff turning it off)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


# --- Verification ---------------------------------------------------------------------------


def verify(request, code: str):
    """Check a code from the authenticator or a recovery code; on success the session is
    verified and the device is returned (a recovery code is used up). None otherwise.

    Each device counts its failures and makes the next try wait longer (django-otp's
    throttling: 1, 2, 4 … seconds), so a code cannot be guessed by trying them all."""
    code = normalise_code(code)
    if not code or len(code) > 16:
        return None
    # Six digits come from the app; a recovery code is eight base32 letters and digits.
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        devices = model.objects.select_for_update().filter(user=request.user, confirmed=True)
        device = next((device for device in devices if device.verify_token(code)), None)
    if device is not None:
        _verified(request, device)
    return device


def _verified(request, device) -> None:
    otp_login(request, device)
    request.session.pop(PENDING_SESSION_KEY, None)
