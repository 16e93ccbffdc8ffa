"""Every paginated view pages through ``web.pages.paginate``: whatever the visitor puts in
the page number, the page is one that exists (never an SQL offset past the end)."""

import pytest

from web.pages import page_number, paginate


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, 1),
        ("", 1),
        ("1", 1),
        ("3", 3),
        ("4", 4),
        ("5", 4),  # past the end: the last page
        ("99999999999999999999", 4),
        ("9" * 5000, 4),  # more digits than int() accepts
        ("0", 1),
        ("-1", 1),
        ("2.0", 1),
        ("1e9", 1),
        ("abc", 1),
        (" 2", 1),
        ("２", 1),  # a full-width digit is not a page number
    ],
)
def test_a_page_number_is_clamped_to_the_pages_that_exist(raw, expected):
    assert page_number(raw, pages=4) == expected


def test_with_nothing_to_show_there_is_one_empty_page():
    assert page_number("7", pages=0) == 1
    page = paginate([], 10, "99999999999999999999")
    assert (page.number, list(page.object_list)) == (1, [])


def test_paginate_gives_the_clamped_page_of_a_list():
    rows = list(range(35))

    assert list(paginate(rows, 10, "2").object_list) == list(range(10, 20))
    last = paginate(rows, 10, "99999999999999999999")
    assert (last.number, list(last.object_list)) == (4, list(range(30, 35)))
    assert paginate(rows, 10, "-3").number == 1


class CountedWindow:
    """A sequence that is not a queryset: ``count()`` and slices, each slice recorded."""

    def __init__(self, total):
        self.total = total
        self.slices = []

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, window):
        self.slices.append((window.start, window.stop))
        return list(range(self.total))[window]


def test_paginate_reads_one_window_within_the_end_of_any_sequence():
    rows = CountedWindow(250)

    page = paginate(rows, 100, "99999999999999999999")

    assert page.number == 3
    assert rows.slices == [(200, 250)]
