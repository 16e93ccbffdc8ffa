"""A small per-client limiter on Django's cache: at most ``limit`` requests of one scope per
``period`` seconds from one client address, then 429 with the portal's Japanese page
(``templates/429.html``) and ``Retry-After``.

Fixed windows: the count of a client lives under ``ratelimit:<scope, address>:<window>``
in the cache ``RATE_LIMIT_CACHE`` (an alias of ``CACHES``, ``ratelimit`` in the settings:
a cache of its own, so that clearing the counts clears nothing else). It is created with
``add`` and raised with ``incr``, both atomic in Django's local-memory, Redis and Memcached
caches. The local-memory cache is per process: with several gunicorn workers a client gets
up to ``limit`` per worker (docs/security.md); give ``CACHES`` a shared cache to count
across workers and hosts.

The client address is ``REMOTE_ADDR``, or, behind ``TRUSTED_PROXY_COUNT`` reverse proxies
that append to X-Forwarded-For, the address the outermost of them received the request
from (what the client wrote further left is ignored, so a forged header cannot pick the
address it is counted under). The same rule as the log-in throttling's
(``accounts.throttling``).
"""

import hashlib
import ipaddress
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render

PREFIX = "ratelimit"


def _cache():
    return caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The address a client is counted under (see the module's docstring), or ``None`` when
    the request has none that is an IP address (``Client.force_login``'s request, a Unix
    socket). The one rule: the rate limits here and the log-in lockout (django-axes'
    ``AXES_CLIENT_IP_CALLABLE``, which stores it in an IP address column) both call it."""
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    return _address(hops[-count]) or remote


def _key(scope: str, address: str, window: int) -> str:
    # hashed: an IPv6 address or a scope may hold characters Memcached refuses in a key
    digest = hashlib.sha256(f"{scope}|{address}".encode()).hexdigest()[:32]
    return f"{PREFIX}:{digest}:{window}"


def take(request, scope: str, *, limit: int, period: int = 60) -> int | None:
    """Count one request of ``scope`` from this client. ``None`` while the client is within
    ``limit`` requests in this period; else the seconds until the next period begins."""
    now = time.time()
    window = int(now // period)
    # the requests without an address share one count
    key = _key(scope, client_address(request) or "unknown", window)
    cache = _cache()
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this is the first of a new count
        cache.add(key, 1, timeout=period + 1)
        count = 1
    if count <= limit:
        return None
    return max(1, int((window + 1) * period - now + 0.999))


def too_many_requests(request, retry_after: int):
    """The portal's 429 page, with ``Retry-After``."""
    response = render(
        request,
        "429.html",
        {"retry_after": retry_after, "retry_minutes": max(1, -(-retry_after // 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def rate_limit(
    scope: str,
    *,
    limit: int | Callable[[], int],
    period: int = 60,
    methods: tuple[str, ...] = ("POST",),
):
    """Decorate a view: ``limit`` requests (an int, or a callable read at each request, e.g.
    ``lambda: settings.VERIFY_RATE_LIMIT``) of ``methods`` per ``period`` seconds per client.
    A request over the limit gets the 429 page and never reaches the view (nor is its body
    read)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                allowed = limit() if callable(limit) else limit
                wait = take(request, scope, limit=allowed, period=period)
                if wait is not None:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def rate_limit_clear() -> None:
    """Forget every count (tests; an operator after a false alarm). The counts have a cache
    of their own (``RATE_LIMIT_CACHE``), so nothing else is cleared with them."""
    _cache().clear()
