"""The one page-number clamp of every paginated view (issue 12, item 7).

Whatever a visitor puts in ``?page=`` or ``?p=``, the page shown is one that exists: a
number past the end is the last page (so no SQL ``OFFSET`` is ever past the rows, nor too
large for the database: ``?p=99999999999999999999`` once answered 500), anything that is
not a plain positive number of at most ``MAX_DIGITS`` ASCII digits is the first page.
"""

from django.core.paginator import Page, Paginator

MAX_DIGITS = 18  # below 2**63: no database refuses the offset it leads to


def page_number(raw: str | None, *, pages: int) -> int:
    """The page to show of ``pages`` (at least page 1, even of nothing)."""
    last = max(1, pages)
    if not raw or not (raw.isascii() and raw.isdigit()):
        return 1
    if len(raw) > MAX_DIGITS:  # past any end
        return last
    return min(max(1, int(raw)), last)


def paginate(object_list, per_page: int, raw: str | None) -> Page:
    """The page ``raw`` (clamped) of ``object_list``: a queryset, a list, or any object with
    ``count()`` and slicing, of which one slice is read."""
    paginator = Paginator(object_list, per_page)
    return paginator.page(page_number(raw, pages=paginator.num_pages))
