"""Log-in throttling (django-axes): the client address it counts failures under, and the
page it answers with once an account or an address is locked out (ADR 0082).

Behind the production reverse proxy REMOTE_ADDR is the proxy itself, so every visitor would
share one address (and one lockout). ``TRUSTED_PROXY_COUNT`` says how many proxies in front
of gunicorn append the address they received the request from to X-Forwarded-For (nginx:
``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;``). The client is then the
entry that many places from the right: what the client wrote itself further left is ignored,
so a forged header cannot choose the address it is counted under.
"""

import ipaddress

from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        # The proxies did not all add themselves: the set-up is not what the setting says.
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_facts() -> dict:
    """The limit and the cool-off, for the log-in pages and the lockout page to state."""
    return {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out log-in: the portal's Japanese page, HTTP 429."""
    response = render(request, "accounts/lockout.html", lockout_facts(), status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
