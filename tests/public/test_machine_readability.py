"""The CSVs against デジタル庁「行政データにおける機械可読性に関するルール」, rule by rule
(the checklist of docs/open-data.md, ADR 0123): each test reads every CSV the portal serves
and asserts one rule."""

import re
from collections import defaultdict
from datetime import date, datetime

import pytest
from django.urls import reverse

from filing.corporate_number import is_valid as is_corporate_number
from filing.master import is_valid_lg_code
from public.datasets import csv_distributions
from tests.public.opendata_helpers import (
    CORPORATE_NUMBER,
    fetch_csvs,
    publish_open_data,
    served_csv_paths,
)
from tests.public_data import skip_pdfs

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"-?\d+(\.\d+)?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}")
# what separates values in one cell: 「、」「，」「／」, a comma or semicolon, a line break, or
# white space between two words
SEVERAL = re.compile(r"[、，,／;；\n]|\S[ \u3000]+\S")


@pytest.fixture
def files(client, monkeypatch):
    skip_pdfs(monkeypatch)
    publish_open_data()
    files = fetch_csvs(client)
    for name, (_item, _response, rows) in files.items():
        assert len(rows) >= 2, f"{name} has data rows, so each rule below means something"
    return files


def column(rows, name):
    header = rows[0]
    assert name in header, f"column {name} is in the header"
    index = header.index(name)
    return [row[index] for row in rows[1:]]


def test_every_csv_the_portal_serves_is_in_the_catalogue_and_checked():
    listed = {reverse(item.url_name) for item in csv_distributions()}
    assert served_csv_paths() == listed


def test_rule_encoding_is_stated_utf8(files):
    for name, (_item, response, _rows) in files.items():
        assert response["Content-Type"] == "text/csv; charset=utf-8", name
        assert response.content.startswith(b"\xef\xbb\xbf"), f"{name}: BOM"
        response.content.decode("utf-8")  # strict: every byte is UTF-8


def test_rule_one_header_row_without_blank_or_repeated_cells(files):
    for name, (_item, _response, rows) in files.items():
        header = rows[0]
        assert all(cell.strip() for cell in header), f"{name}: no blank (merged) header cell"
        assert len(set(header)) == len(header), f"{name}: every header cell names one column"
        # the second row is data, not a second header or a note: it is never the header again
        # and every row has exactly the header's cells (no merged cells, no notes, no totals)
        assert rows[1] != header
        assert {len(row) for row in rows} == {len(header)}, name


def test_rule_long_format_no_year_or_date_as_a_column(files):
    for name, (_item, _response, rows) in files.items():
        for cell in rows[0]:
            assert not re.search(r"\d{4}|令和|平成|年度\d", cell), f"{name}: {cell} is a column"


def records(rows) -> list[dict[str, str]]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_rule_long_format_a_cell_holds_one_value_unless_a_companion_holds_them_one_a_row(files):
    """A column of codes, labels, dates or figures whose cell holds several values (「、」,
    「／」, a comma, a line break or a space between words) must be in ``several`` with its
    companion; only free text (``texts``: names, prose) may hold them (ADR 0129)."""
    for name, (item, _response, rows) in files.items():
        declared = set(item.columns.texts) | set(item.columns.several)
        assert declared <= set(rows[0]), f"{name}: {declared - set(rows[0])} not in the header"
        assert not set(item.columns.texts) & set(item.columns.several), name
        for index, heading in enumerate(rows[0]):
            if heading in declared:
                continue
            for row in rows[1:]:
                assert not SEVERAL.search(row[index]), (
                    f"{name}.{heading}: {row[index]!r} holds several values; give them a "
                    "companion CSV (public.datasets: several)"
                )


def test_rule_long_format_each_companion_row_is_one_value_of_the_multi_valued_cell(files):
    """For every multi-valued column, the companion's rows of each entity (and of that column,
    ``where``) are, in order, the cell's values: nothing more, nothing less."""
    for name, (item, _response, rows) in files.items():
        for heading, split in item.columns.several.items():
            assert split.companion in files, f"{name}.{heading}: {split.companion} is served"
            companion = records(files[split.companion][2])
            assert all(theirs in companion[0] for _ours, theirs in split.keys), split
            by_key = defaultdict(list)
            for row in companion:
                if split.where and row[split.where[0]] != split.where[1]:
                    continue
                key = tuple(row[theirs] for _ours, theirs in split.keys)
                by_key[key].append(split.joiner.join(filter(None, (row[v] for v in split.values))))
            most = 0
            for row in records(rows):
                key = tuple(row[ours] for ours, _theirs in split.keys)
                values = row[heading].split(split.separator) if row[heading] else []
                assert values == by_key.pop(key, []), f"{name}.{heading} of {key}"
                most = max(most, len(values))
            assert not by_key, f"{split.companion} has rows for no row of {name}: {list(by_key)}"
            assert most >= 2, (
                f"{name}.{heading}: a cell with several values, so this means something"
            )


def test_rule_dates_are_western_iso_dates_and_timestamps_carry_their_offset(files):
    for name, (item, _response, rows) in files.items():
        for heading in item.columns.dates:
            for cell in filter(None, column(rows, heading)):
                assert ISO_DATE.fullmatch(cell), f"{name}.{heading}: {cell}"
                date.fromisoformat(cell)
        for heading in item.columns.timestamps:
            cells = list(filter(None, column(rows, heading)))
            assert cells, f"{name}.{heading} has values"
            for cell in cells:
                assert ISO_TIMESTAMP.fullmatch(cell), f"{name}.{heading}: {cell}"
                assert datetime.fromisoformat(cell).utcoffset() is not None
        for heading in item.columns.fiscal_years:
            for cell in filter(None, column(rows, heading)):
                for year in cell.split(" "):
                    assert re.fullmatch(r"(19|20)\d{2}", year), f"{name}.{heading}: {cell}"


def test_rule_standard_codes_for_local_governments_areas_and_corporations(files):
    checked = {"lg": 0, "prefecture": 0, "corporate": 0}
    for name, (item, _response, rows) in files.items():
        for heading in item.columns.lg_codes:
            for cell in filter(None, column(rows, heading)):
                assert is_valid_lg_code(cell), f"{name}.{heading}: {cell} (check digit)"
                checked["lg"] += 1
        for heading in item.columns.prefecture_codes:
            for cell in filter(None, column(rows, heading)):
                for code in cell.split(" "):
                    assert re.fullmatch(r"\d{2}", code) and 1 <= int(code) <= 47, f"{name}: {cell}"
                    checked["prefecture"] += 1
        for heading in item.columns.corporate_numbers:
            for cell in filter(None, column(rows, heading)):
                assert is_corporate_number(cell), f"{name}.{heading}: {cell} (check digit)"
                checked["corporate"] += 1
    assert all(checked.values()), checked
    members = files["members.csv"][2]
    assert CORPORATE_NUMBER in column(members, "法人番号")


def test_rule_units_in_their_own_column_and_values_as_plain_numbers(files):
    seen = 0
    for name, (item, _response, rows) in files.items():
        for value_heading, unit_heading in item.columns.units.items():
            units = column(rows, unit_heading)
            for cell, unit in zip(column(rows, value_heading), units, strict=True):
                if cell:
                    assert NUMBER.fullmatch(cell), f"{name}.{value_heading}: {cell} is a number"
                    assert unit, f"{name}.{value_heading}: {cell} has its unit"
                    seen += 1
        for heading in item.columns.counts:
            assert all(cell.isdigit() for cell in column(rows, heading)), f"{name}.{heading}"
    assert seen
