"""Log-in throttling (django-axes): the user name it counts failures under, and the page it
answers with once an account or an address is locked out (ADR 0082).

The client address is ``web.ratelimit.client_address`` itself (``AXES_CLIENT_IP_CALLABLE``;
one rule for the /verify/ limiter and the log-in lockout, ADR 0098): REMOTE_ADDR, or behind
``TRUSTED_PROXY_COUNT`` reverse proxies that append to X-Forwarded-For, the entry that many
places from the right — what the client wrote itself further left is ignored, so a forged
header cannot choose the address it is counted under.
"""

from django.conf import settings
from django.shortcuts import render

from filing.text import scrub

# The longest user name the user model stores (auth.User.username is 150 characters).
USERNAME_MAX_LENGTH = 150


def attempted_username(request, credentials=None) -> str:
    """``AXES_USERNAME_CALLABLE``: the user name a failed log-in is counted under, as it can be
    stored: folded by the one text cleaner (no NUL or control characters, which PostgreSQL
    refuses) and cut to the model's length (a 100,000-character name must not answer 500)."""
    if credentials and credentials.get("username") is not None:
        username = credentials["username"]
    else:
        username = request.POST.get("username", "") if request is not None else ""
    return scrub(str(username), multiline=False)[:USERNAME_MAX_LENGTH]


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
