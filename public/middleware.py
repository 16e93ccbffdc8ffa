"""The public pages and API answers a process has already sent, sent again from its own memory
before the rest of the middleware runs (issue 14, ADR 0106).

A whole page for a visitor without cookies, or a kept API answer, is the same bytes for
everyone until the next publication (``public.cache``). The first time a process sends one
(rendered, or read from the shared cache), ``public.cache.keep_locally`` marks it with the
stamp it was made under, and ``KeptAnswersMiddleware`` copies it: the final status, headers
and body as they leave the middleware below it (sessions, language, CSRF, authentication,
the second factor, messages, htmx, X-Frame-Options, Content-Security-Policy). The next GET
of the same address from a visitor without cookies is answered from that copy after one
read of the stamp from the cache: no URL resolution, no session, no user, no view. The
middleware above it (SecurityMiddleware: HTTPS redirect, HSTS, nosniff, Referrer-Policy,
COOP; WhiteNoise) still runs, so every answer has the same headers as before.

The copy is used only while the cache holds the very stamp value it names (time and a token
written anew each time the stamp is stored): a publication deletes the stamp for every
process, an expiry (60 s) or a flushed cache changes it, and the request goes the usual way,
which reads the shared cache again. Visitors with a session or messages cookie, conditional
requests and anything but GET always go the usual way (a signed-in visitor's header shows
their name). A copy is never made of an answer that sets a cookie or used a CSP nonce.

The copies live in a bounded LRU (``LOCAL_BYTES`` per process, ``LOCAL_ENTRY_BYTES`` at
most per answer), shared by the threads of a worker.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language_from_request

from public.cache import brings_no_cookie

LOCAL_BYTES = 32 * 1024 * 1024
LOCAL_ENTRY_BYTES = 2 * 1024 * 1024
# Requests that ask for a condition (304, 412) are answered by the view's own checks.
_CONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


@dataclass(frozen=True)
class KeptAnswer:
    stamp_key: str
    stamp: str  # the cache's value of the stamp the answer was made under
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def response(self) -> HttpResponse:
        response = HttpResponse(self.body, headers=dict(self.headers))
        response["Content-Length"] = str(len(self.body))
        return response


class LocalAnswers:
    """At most ``max_bytes`` of answers (bodies), least recently used first out."""

    def __init__(self, max_bytes: int = LOCAL_BYTES, entry_bytes: int = LOCAL_ENTRY_BYTES):
        self.max_bytes, self.entry_bytes = max_bytes, entry_bytes
        self._answers: OrderedDict[tuple, KeptAnswer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key) -> KeptAnswer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key, answer: KeptAnswer) -> None:
        if len(answer.body) > self.entry_bytes:
            return
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._answers[key] = answer
            self._bytes += len(answer.body)
            while self._bytes > self.max_bytes:
                _key, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped.body)

    def forget(self, key) -> None:
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)

    def __len__(self) -> int:
        return len(self._answers)

    @property
    def size(self) -> int:
        return self._bytes


ANSWERS = LocalAnswers()


def _address(request) -> tuple | None:
    """What the answer depends on, for a request that may be answered from a copy."""
    if request.method != "GET" or not brings_no_cookie(request):
        return None
    meta = request.META
    if any(name in meta for name in _CONDITIONS):
        return None
    # get_host() also refuses a host not in ALLOWED_HOSTS (400), as CommonMiddleware would.
    return (
        request.scheme,
        request.get_host(),
        get_language_from_request(request),
        request.get_full_path(),
    )


class KeptAnswersMiddleware:
    """Right after WhiteNoise (settings.MIDDLEWARE): see the module's text."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = _address(request)
        if address is not None:
            answer = ANSWERS.get(address)
            if answer is not None:
                if cache.get(answer.stamp_key) == answer.stamp:
                    return answer.response()
                ANSWERS.forget(address)
        response = self.get_response(request)
        if address is not None:
            self._copy(request, address, response)
        return response

    @staticmethod
    def _copy(request, address, response) -> None:
        mark = getattr(response, "public_local", None)
        if (
            mark is None
            or response.status_code != 200
            or response.streaming
            or response.cookies
            or getattr(request, "_csp_nonce", None)  # a nonce is for one answer only
        ):
            return
        stamp_key, stamp = mark
        headers = tuple((n, v) for n, v in response.items() if n.lower() != "content-length")
        ANSWERS.put(address, KeptAnswer(stamp_key, stamp, headers, response.content))
