"""How the API writes its answers (issue 13): UTF-8 JSON (Japanese as itself, not
``\\uXXXX``), times in ISO 8601 Japan time (``2026-12-02T06:24:20+09:00``, as the CSV
and the Atom feed), and ``HEAD`` answered like ``GET`` without a body.

One renderer writes every body, the OpenAPI document included; one wrapper gives every
URL of the API its ``HEAD``.
"""

from datetime import datetime
from functools import wraps

from django.http import HttpResponse
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from filing.formatting import iso_datetime


class PortalJSONEncoder(NinjaJSONEncoder):
    """Ninja's encoder, with aware datetimes written in Japan time with their offset."""

    def default(self, o):
        if isinstance(o, datetime):
            return iso_datetime(o)
        return super().default(o)


class PortalJSONRenderer(JSONRenderer):
    encoder_class = PortalJSONEncoder
    json_dumps_params = {"ensure_ascii": False}


RENDERER = PortalJSONRenderer()


def openapi_json(request, api, **kwargs) -> HttpResponse:
    """The OpenAPI document, written by the same renderer as every other answer."""
    schema = api.get_openapi_schema(path_params=kwargs)
    return HttpResponse(
        RENDERER.render(request, schema, response_status=200), content_type=api.get_content_type()
    )


def head_as_get(view):
    """``view`` that also answers ``HEAD``: the ``GET`` answer's status and headers (its
    Content-Length included), no body."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "HEAD":
            return view(request, *args, **kwargs)
        request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"
        if not getattr(response, "streaming", False):
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response

    return wrapped
