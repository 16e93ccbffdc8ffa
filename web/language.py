"""The language of a page (ADR 0124): Japanese, the language of record, or English.

* The public pages are under ``i18n_patterns`` without a prefix for Japanese: the address
  says the language (``/regions/…`` Japanese, ``/en/regions/…`` English), whatever the
  visitor's browser or cookie says (Django's ``LocaleMiddleware`` does this).
* The staff pages, the admin and the account pages (``settings.CHOSEN_LANGUAGE_PATHS``) are
  shown in the language the visitor chose with the switch in the header, Django's
  ``set_language`` view and its cookie: ``ChosenLanguageMiddleware``, right after
  ``LocaleMiddleware`` (which gives every address outside ``i18n_patterns`` Japanese).
* Everything else outside ``i18n_patterns`` (the API, the CSVs, the feeds, the PDFs) stays
  Japanese: its text is the data as filed and its keys are language-neutral.

``languages`` (a context processor) gives the header its switch and the page head its
``hreflang`` alternates: on a public page one link per language to the same page in that
language; elsewhere a form for ``set_language``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from web.links import absolute_url


def chosen_language(request) -> str | None:
    """The language the visitor chose with ``set_language`` (its cookie), if it is one of
    ``settings.LANGUAGES``."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def follows_choice(path_info: str) -> bool:
    """Whether the page at ``path_info`` is shown in the visitor's chosen language."""
    return path_info.startswith(tuple(settings.CHOSEN_LANGUAGE_PATHS))


class ChosenLanguageMiddleware:
    """Right after ``LocaleMiddleware`` (settings.MIDDLEWARE): see the module's text."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not follows_choice(request.path_info):
            return self.get_response(request)
        code = chosen_language(request)
        if code:
            translation.activate(code)
            request.LANGUAGE_CODE = code
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        return response


@dataclass(frozen=True, slots=True)
class LanguageLink:
    code: str
    name: str  # in its own language: 日本語, English
    url: str  # this page in that language (a path)
    absolute_url: str  # the page without its query (the hreflang alternates)
    current: bool


def language_links(request) -> tuple[LanguageLink, ...]:
    """This page in each language, when it is a public page (under ``i18n_patterns``: its
    address differs by language); ``()`` for any other page (staff, admin, an unknown
    address). From the view the request resolved to (no second resolution); the absolute
    addresses start with ``PORTAL_BASE_URL`` (a whole page is kept for every Host)."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.view_name:
        return ()
    query = request.META.get("QUERY_STRING", "")
    current = translation.get_language()
    urls = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            try:
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return ()
        urls.append((code, name, path))
    if len({url for _code, _name, url in urls}) < len(urls):
        return ()
    # the switch keeps the visitor's filters; the alternates name the page itself
    return tuple(
        LanguageLink(
            code, name, f"{url}?{query}" if query else url, absolute_url(url), code == current
        )
        for code, name, url in urls
    )


def languages(request) -> dict:
    """Context processor: ``language_links`` (see above), ``language_choices`` for the form
    of the other pages, and ``default_language_link`` (``hreflang="x-default"``)."""
    links = language_links(request)
    current = translation.get_language()
    return {
        "language_links": links,
        "default_language_link": next(
            (link for link in links if link.code == settings.LANGUAGE_CODE), None
        ),
        "language_choices": tuple(
            LanguageLink(code, name, "", "", code == current) for code, name in settings.LANGUAGES
        ),
    }


def in_language_of_record() -> bool:
    """Whether the page being made is in Japanese, the language the content is filed in."""
    return translation.get_language() == settings.LANGUAGE_CODE
