"""HTTP caching of the public pages: conditional GET and a fragment cache, both keyed on
the latest publication time.

* ``public_page(stamp_of)`` answers If-None-Match / If-Modified-Since with 304 from
  ``stamp_of(request, **kwargs)`` (the latest publication the page shows), and sets
  Cache-Control: a minute in shared caches for anonymous visitors; private for a
  signed-in one, whose name the header shows. Django's session middleware adds
  ``Vary: Cookie``.
* ``cached_fragment(key_parts, build)`` keeps the expensive, visitor-independent part of
  a page (rendered without the request) in Django's cache. The key holds the
  publication time, so a new publication makes a new key: nothing is ever stale.
* ``public_page(..., whole_page=True)`` also keeps the whole page for a visitor who
  brings no cookie at all (no session, no messages): such a visitor's page depends on
  nothing but the URL and the publication time, so it is served from the cache without
  rendering anything.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_safe

from public.selectors import stamps

FRAGMENT_VERSION = "1"
FRAGMENT_TIMEOUT = 60 * 60 * 24
PUBLIC_MAX_AGE = 60


def memo_stamp(request, function, *args):
    """``function(*args)`` once per request (ETag and Last-Modified both need it)."""
    memo = request.__dict__.setdefault("_public_stamps", {})
    key = (function.__name__, *args)
    if key not in memo:
        memo[key] = function(*args)
    return memo[key]


def site_stamp(request, **kwargs):
    return memo_stamp(request, stamps.site_stamp)


def region_stamp(request, slug, **kwargs):
    return memo_stamp(request, stamps.region_stamp, slug)


def etag_for(request, stamp) -> str | None:
    if stamp is None:
        return None
    viewer = request.user.pk if request.user.is_authenticated else 0
    raw = f"{stamp.isoformat()}|{FRAGMENT_VERSION}|{get_language()}|{viewer}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _cache_key(*parts) -> str:
    raw = "|".join(str(part) for part in (FRAGMENT_VERSION, get_language(), *parts))
    return "public:" + hashlib.sha256(raw.encode()).hexdigest()


def brings_no_cookie(request) -> bool:
    """No session and no messages: the page can hold nothing about this visitor."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _cache_headers(request, response):
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    patch_vary_headers(response, ("Cookie",))
    return response


def public_page(stamp_of, *, whole_page: bool = False):
    """GET/HEAD only, conditional on ``stamp_of(request, **kwargs)``, with Cache-Control;
    with ``whole_page``, pages for visitors without cookies come from the cache."""

    def decorator(view):
        @require_safe
        @condition(
            etag_func=lambda request, **kwargs: etag_for(request, stamp_of(request, **kwargs)),
            last_modified_func=lambda request, **kwargs: stamp_of(request, **kwargs),
        )
        @wraps(view)
        def wrapped(request, **kwargs):
            key = None
            if whole_page and brings_no_cookie(request):
                stamp = stamp_of(request, **kwargs)
                if stamp is not None:
                    key = _cache_key("page", request.get_full_path(), stamp.isoformat())
                    stored = cache.get(key)
                    if stored is not None:
                        response = HttpResponse(stored["content"], content_type=stored["type"])
                        return _cache_headers(request, response)
            response = view(request, **kwargs)
            if key is not None and response.status_code == 200:
                stored = {"content": response.content, "type": response["Content-Type"]}
                cache.set(key, stored, FRAGMENT_TIMEOUT)
            return _cache_headers(request, response)

        return wrapped

    return decorator


def cached_fragment(key_parts, build):
    """``build()`` (a dict of strings), cached under ``key_parts``, which must include the
    publication time. ``build`` may raise Http404 (nothing is cached then)."""
    key = _cache_key("fragment", *key_parts)
    data = cache.get(key)
    if data is None:
        data = build()
        cache.set(key, data, FRAGMENT_TIMEOUT)
    return data
