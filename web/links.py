"""The one builder of absolute links that leave a request (ADR 0086).

A link in a mail or in a command's output is opened later, by someone outside the request that
made it (or with no request at all: a command, the mail worker). It starts with the setting
``PORTAL_BASE_URL`` (from the environment, required in production), never with the ``Host`` of
a request or a guessed ``http://127.0.0.1:8000``. Pages, the API, the CSV files and the Atom
feed answer a request and keep linking to the address the client used.
"""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``PORTAL_BASE_URL`` + ``path`` (a path from ``reverse``, starting with ``/``)."""
    if not path.startswith("/"):
        raise ValueError(f"absolute_url takes a path starting with '/': {path!r}")
    return settings.PORTAL_BASE_URL.rstrip("/") + path
