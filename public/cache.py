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
* ``kept_response(stamp_of, common=...)`` does the same for any view's answers to a bounded
  set of GET requests (the API's region list), before the view runs: the stored bytes and
  headers are sent as they are, whoever asks.
* The publication stamps themselves are kept in the cache too (``public:stamp:site``,
  ``public:stamp:region:<slug>``; ADR 0100), so a page served from the cache needs no SQL:
  one ``get_many`` of the stamp and the page. A publication deletes the stamps at once and
  again when its transaction commits (``forget_stamps``); a stored page carries the stamp
  it was made under and is used only while that is still the stamp. With a shared cache
  (Redis, ``REDIS_URL``) every worker and machine sees this at once.
* A stamp is stored with a token made anew at each write (``2026-12-02T06:24:20+00:00#3fa1c2d4``):
  an answer copied into a process's own memory (``public.middleware``, ADR 0106) names the
  stored stamp it was made under (``response.public_local``) and is used only while the
  cache still holds that very value, so a publication, an expiry or a flushed cache makes
  every copy on every machine go back to the shared cache.
"""

import hashlib
import secrets
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_safe

from public.selectors import stamps
from public.selectors.region import is_slug

FRAGMENT_VERSION = "1"
FRAGMENT_TIMEOUT = 60 * 60 * 24
PUBLIC_MAX_AGE = 60


# A stamp read from the database is kept this long: the bound on how stale a page can be if a
# request that read the old stamp stores it just after a publication cleared it (the same
# minute shared caches may keep a page anyway, ``PUBLIC_MAX_AGE``).
STAMP_TIMEOUT = 60
_NONE = ""  # a stored "nothing is published" (site stamp only)


class Stamp:
    """A publication stamp of a page: ``stamp(request, *args, **kwargs)`` → datetime or None,
    read once per request, from the cache when it is there, else by ``compute`` (one SQL
    query) and then kept in the cache. ``key(*args, **kwargs)`` names it in the cache;
    ``stored(request, …)`` is the value the cache holds for it (time and token)."""

    def __init__(self, name, compute, *, keep_none: bool):
        self.name, self.compute, self.keep_none = name, compute, keep_none

    def key(self, *args, **kwargs) -> str | None:
        return self.name(*args, **kwargs)

    def __call__(self, request, *args, **kwargs):
        return self._read(request, args, kwargs)[0]

    def stored(self, request, *args, **kwargs) -> str | None:
        """The cache's value of this stamp as this request read or wrote it (None: not kept)."""
        return self._read(request, args, kwargs)[1]

    def _read(self, request, args, kwargs) -> tuple:
        memo = request.__dict__.setdefault("_public_stamps", {})
        key = self.key(*args, **kwargs)
        if key is None:
            return None, None
        if key not in memo:
            memo[key] = self._found(key, cache.get(key), args, kwargs)
        return memo[key]

    def prime(self, request, stored, *args, **kwargs) -> None:
        """What a ``get_many`` found for this stamp (``stored`` None: not in the cache)."""
        key = self.key(*args, **kwargs)
        if key is not None:
            memo = request.__dict__.setdefault("_public_stamps", {})
            memo[key] = self._found(key, stored, args, kwargs)

    def _found(self, key, stored, args, kwargs) -> tuple:
        if stored is not None:
            return _stamp_from_cache(stored), stored
        value = self.compute(*args, **kwargs)
        if value is None and not self.keep_none:
            return None, None
        stored = _stamp_for_cache(value)
        cache.set(key, stored, STAMP_TIMEOUT)
        return value, stored


def _stamp_for_cache(value) -> str:
    """The time (ISO, or "" for none) and a token new at each write (see the module's text)."""
    return f"{value.isoformat() if value is not None else _NONE}#{secrets.token_hex(4)}"


def _stamp_from_cache(stored: str):
    text = stored.partition("#")[0]
    return datetime.fromisoformat(text) if text else None


def keep_locally(response, request, stamp_of, *args, **kwargs):
    """Mark ``response`` (an answer every visitor without cookies gets alike) as one the
    process may copy into its own memory, valid while the cache holds this stamp."""
    stored = stamp_of.stored(request, *args, **kwargs)
    if stored is not None:
        response.public_local = (stamp_of.key(*args, **kwargs), stored)
    return response


SITE_STAMP_KEY = "public:stamp:site"


def region_stamp_key(slug: str) -> str:
    return f"public:stamp:region:{slug}"


site_stamp = Stamp(
    lambda *args, **kwargs: SITE_STAMP_KEY,
    lambda *args, **kwargs: stamps.site_stamp(),
    keep_none=True,
)
region_stamp = Stamp(
    lambda slug, **kwargs: region_stamp_key(slug) if is_slug(slug) else None,
    lambda slug, **kwargs: stamps.region_stamp(slug),
    keep_none=False,
)


class RegionWithOthersStamp:
    """The stamp of a region page that also shows other regions (the regions it overlaps,
    ADR 0122): the later of the region's stamp and the site's, ``None`` when the region has
    nothing published. Every change anywhere clears the site's stamp (``forget_stamps``), so
    a copy kept in a process's memory follows the site's stored stamp."""

    def key(self, slug, **kwargs) -> str | None:
        return SITE_STAMP_KEY if is_slug(slug) else None

    def __call__(self, request, slug, **kwargs):
        own = region_stamp(request, slug)
        if own is None:
            return None
        site = site_stamp(request)
        return max(own, site) if site is not None else own

    def stored(self, request, slug, **kwargs) -> str | None:
        return site_stamp.stored(request) if region_stamp(request, slug) is not None else None

    def prime(self, request, stored, slug, **kwargs) -> None:
        site_stamp.prime(request, stored)


region_with_others_stamp = RegionWithOthersStamp()


def forget_stamps(slugs=()) -> None:
    """A publication: every page's stamp is read again from the database, now and once the
    transaction has committed (a request in between may have read the old one)."""
    keys = [SITE_STAMP_KEY, *(region_stamp_key(slug) for slug in slugs)]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def etag_for(request, stamp) -> str | None:
    if stamp is None:
        return None
    viewer = request.user.pk if request.user.is_authenticated else 0
    raw = f"{stamp.isoformat()}|{FRAGMENT_VERSION}|{get_language()}|{viewer}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _cache_key(kind, *parts) -> str:
    raw = "|".join(str(part) for part in (FRAGMENT_VERSION, get_language(), *parts))
    return f"public:{kind}:" + hashlib.sha256(raw.encode()).hexdigest()


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


def public_page(stamp_of: Stamp, *, whole_page=False):
    """GET/HEAD only, conditional on ``stamp_of(request, **kwargs)``, with Cache-Control;
    with ``whole_page`` (True, or a function of the request saying whether this request is
    a common one), pages for visitors without cookies come from the cache."""

    def keeps_whole(request) -> bool:
        if not whole_page or not brings_no_cookie(request):
            return False
        return whole_page is True or whole_page(request)

    def decorator(view):
        @condition(
            etag_func=lambda request, *args, **kwargs: etag_for(
                request, stamp_of(request, *args, **kwargs)
            ),
            last_modified_func=lambda request, *args, **kwargs: stamp_of(request, *args, **kwargs),
        )
        def conditional(request, *args, **kwargs):
            key, stored = request.__dict__.pop("_public_page", (None, None))
            stamp = stamp_of(request, *args, **kwargs) if key else None
            if stamp is None:
                key = None
            elif stored is not None and stored["stamp"] == stamp.isoformat():
                response = HttpResponse(stored["content"], content_type=stored["type"])
                keep_locally(response, request, stamp_of, *args, **kwargs)
                return _cache_headers(request, response)
            response = view(request, *args, **kwargs)
            if key is not None and response.status_code == 200:
                stored = {
                    "stamp": stamp.isoformat(),
                    "content": response.content,
                    "type": response["Content-Type"],
                }
                cache.set(key, stored, FRAGMENT_TIMEOUT)
                keep_locally(response, request, stamp_of, *args, **kwargs)
            return _cache_headers(request, response)

        @require_safe
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if keeps_whole(request):
                # One round trip to the cache for both the stamp and the page.
                key = _cache_key("page", request.get_full_path())
                stamp_key = stamp_of.key(*args, **kwargs)
                found = cache.get_many([key, stamp_key] if stamp_key else [key])
                if stamp_key:
                    stamp_of.prime(request, found.get(stamp_key), *args, **kwargs)
                request._public_page = (key, found.get(key))
            return conditional(request, *args, **kwargs)

        return wrapped

    return decorator


def kept_response(stamp_of: Stamp, *, common):
    """``view``'s answers to the common GET requests (``common(request)``: a bounded set of
    query strings) kept as bytes under the full address (host included) with the stamp they
    were made under, like ``public_page``'s whole pages: a hit is one ``get_many`` of the
    stamp and the answer, no SQL, and ``view`` does not run at all (for the API: no
    validation, no serialising). Anything else goes to ``view``. Every visitor gets the kept
    answer (it names no one); ``public.middleware`` copies it for visitors without cookies."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method != "GET" or not common(request):
                return view(request, *args, **kwargs)
            key = _cache_key("response", request.build_absolute_uri())
            stamp_key = stamp_of.key(*args, **kwargs)
            found = cache.get_many([key, stamp_key] if stamp_key else [key])
            if stamp_key:
                stamp_of.prime(request, found.get(stamp_key), *args, **kwargs)
            stamp = stamp_of(request, *args, **kwargs)
            stored = found.get(key)
            if stamp is None:
                return view(request, *args, **kwargs)
            if stored is not None and stored["stamp"] == stamp.isoformat():
                response = HttpResponse(stored["content"])
                for name, value in stored["headers"]:
                    response[name] = value
                return keep_locally(response, request, stamp_of, *args, **kwargs)
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not getattr(response, "streaming", False)
                and not response.cookies
            ):
                headers = [(n, v) for n, v in response.items() if n.lower() != "content-length"]
                cache.set(
                    key,
                    {"stamp": stamp.isoformat(), "content": response.content, "headers": headers},
                    FRAGMENT_TIMEOUT,
                )
                keep_locally(response, request, stamp_of, *args, **kwargs)
            return response

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
