"""A signed-in user who has enrolled a second factor enters a code before anything else."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts import mfa


class SecondFactorMiddleware:
    """After the password, a user with a confirmed device (``mfa.PENDING_SESSION_KEY`` set at
    log-in) sees only the code page, the log-out and static files until a code is accepted.

    Sessions without the mark (most, and every test that uses ``force_login``) cost nothing
    here. The admin does not rely on the mark: it asks every user itself (PortalAdminSite).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.session.get(mfa.PENDING_SESSION_KEY)
            and request.user.is_authenticated
            and not mfa.is_verified(request.user)
            and not self._open_while_pending(request.path)
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_verify')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _open_while_pending(path: str) -> bool:
        return path in {reverse("mfa_verify"), reverse("logout")} or path.startswith(
            settings.STATIC_URL
        )
