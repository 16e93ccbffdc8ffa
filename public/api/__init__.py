"""The read-only open-data API, ``/api/v1/`` (django-ninja, OpenAPI 3.1 at
``/api/v1/openapi.json``).

Published data only: every endpoint reads through ``public.selectors``
(STYLE.md §6). Every response body carries the data licence (``license``), and so does
the OpenAPI document's ``info``. Bad input never answers 500: unknown slugs and
publication keys are 404, malformed query parameters 422, both declared.

The package: ``schemas`` (bodies and parameters), ``payloads`` (the parts bodies are
built from), ``regions`` (``/regions/...``), ``site`` (``/members``, ``/projects``,
``/budgets``) and ``app`` (the ``NinjaAPI``, its root ``/`` and the routers mounted on
it). ``api`` is re-exported for the root URLconf.
"""

from public.api.app import api

__all__ = ["api"]
