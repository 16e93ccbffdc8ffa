"""Second-factor helpers for tests (ADR 0082): a confirmed authenticator for a user, a real
TOTP code computed from its key (RFC 6238, django_otp.oath), a verified session.

The admin refuses every user without a verified device, so tests of the admin sign reviewers
and operators in with ``verified_client`` (or ``verify_second_factor`` on a client that has
already called ``force_login``): the session then holds the device exactly as it does after
the code page (``django_otp.login``).
"""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa


def confirmed_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=mfa.TOTP_DEVICE_NAME, confirmed=True)


def totp_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or ``steps_ahead`` periods of 30 s later:
    the device accepts one step of drift, and a code once accepted is not accepted again)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def verify_second_factor(client: Client, user) -> Client:
    """Give the signed-in session of ``client`` a verified second factor for ``user``."""
    device = confirmed_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.pop(mfa.PENDING_SESSION_KEY, None)
    session.save()
    return client


def verified_client(user, client: Client | None = None) -> Client:
    """A client signed in as ``user``; for a reviewer or an operator, with a verified device."""
    client = client or Client()
    client.force_login(user)
    if mfa.requires_second_factor(user):
        verify_second_factor(client, user)
    return client
