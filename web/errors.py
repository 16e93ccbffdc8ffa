"""The portal's error pages, set as ``handler400`` … in ``region_portal.urls``.

Django's own handlers are wrapped in ``requires_csrf_token``, which runs the CSRF check
again, which reads ``request.POST`` again. For a body Django has refused (a form sent in
another charset than UTF-8, issue 12 item 6) the second read raises inside the handler and
the 400 becomes a 500. These handlers render the same templates (``templates/400.html`` …)
and never touch the request body: the CSRF token the page's header needs is made by
``get_token`` when the template asks for it, which reads only the cookie.
"""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def _page(request, template: str, status: int):
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _page(request, "400.html", 400)


def permission_denied(request, exception=None):
    return _page(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _page(request, "404.html", 404)


def server_error(request):
    """500: rendered without the request (nothing that failed is asked again), as Django's."""
    return HttpResponseServerError(loader.get_template("500.html").render())
