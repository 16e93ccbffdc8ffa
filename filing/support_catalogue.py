"""The catalogue of national support measures (要綱 第5(1)②, ADR 0114): the plain value the
matching consumes, and the CSV the admin imports and exports and the open data publishes.

The CSV (docs/support.md): UTF-8 with or without a byte-order mark, a header row naming the
columns (``COLUMNS``, in any order; 公表 may be left out), one measure a row. ``read_csv``
is all or nothing: it returns every row, or every error with its row (the file's line, the
header being row 1) and its column, never some of the rows. ``write_csv`` writes what
``read_csv`` reads back (UTF-8 with a BOM, CRLF, cells that a spreadsheet would run as a
formula written with a leading ``'``, which the reader takes off again).
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from filing import strategy
from filing.data import FieldCode
from filing.text import TextRefused, clean_text

__all__ = [
    "COLUMNS",
    "FIELD_LABELS",
    "KIND_LABELS",
    "MAX_BYTES",
    "MAX_ROWS",
    "CatalogueError",
    "CatalogueRow",
    "FieldCode",
    "MeasureData",
    "MeasureKind",
    "measure_cells",
    "parse_fields",
    "parse_strategy",
    "parse_tags",
    "parse_years",
    "read_csv",
    "too_large_message",
    "url_problem",
    "write_csv",
]

MAX_BYTES = 2 * 1024 * 1024  # a catalogue of a few hundred measures is well under 200 KB
MAX_ROWS = 2_000
MAX_NAME = 200
MAX_MINISTRY = 100
MAX_URL = 500
MAX_SUMMARY = 5_000
MAX_TAGS = 20
MAX_TAG = 40
MAX_YEARS = 20
FIRST_YEAR, LAST_YEAR = 2000, 2100
BOM = "\ufeff"


class MeasureKind(StrEnum):
    GRANT = "grant"  # 交付金
    SUBSIDY = "subsidy"  # 補助事業
    TAX = "tax"  # 税制
    FINANCE = "finance"  # 金融
    REGULATION = "regulation"  # 規制の特例
    OTHER = "other"  # その他


KIND_LABELS = {
    MeasureKind.GRANT: "交付金",
    MeasureKind.SUBSIDY: "補助事業",
    MeasureKind.TAX: "税制",
    MeasureKind.FINANCE: "金融",
    MeasureKind.REGULATION: "規制の特例",
    MeasureKind.OTHER: "その他",
}
FIELD_LABELS = {
    FieldCode.INDUSTRY: "産業振興",
    FieldCode.TOURISM: "観光",
    FieldCode.TRANSPORT: "交通",
    FieldCode.OTHER: "その他",
}
# 分野 as people write them: the code, the label, the letter of 第3(4) (A 産業振興 …).
_FIELD_WORDS = {
    **{code.value: code for code in FieldCode},
    **{label: code for code, label in FIELD_LABELS.items()},
    "a": FieldCode.INDUSTRY,
    "b": FieldCode.TOURISM,
    "c": FieldCode.TRANSPORT,
}
_KIND_WORDS = {
    **{kind.value: kind for kind in MeasureKind},
    **{label: kind for kind, label in KIND_LABELS.items()},
    "補助金": MeasureKind.SUBSIDY,
}
_TRUE = {"1", "true", "yes", "はい", "○", "〇", "有", "あり", "公募中", "公表"}
_FALSE = {"0", "false", "no", "いいえ", "×", "無", "なし", "終了", "非公表"}


@dataclass(frozen=True, slots=True)
class MeasureData:
    """One support measure: ``fields`` are the 分野 it serves (FieldCode), ``tags`` free short
    words, ``fiscal_years`` 西暦 fiscal years (2026 = 令和8年度)."""

    name: str
    ministry: str = ""
    kind: MeasureKind = MeasureKind.SUBSIDY
    fields: tuple[FieldCode, ...] = ()
    tags: tuple[str, ...] = ()
    fiscal_years: tuple[int, ...] = ()
    url: str = ""
    gives_priority: bool = False
    is_open: bool = True
    summary: str = ""
    # The national strategy's terms it serves (ADR 0121): filing.strategy codes, canonical order.
    cluster_types: tuple[str, ...] = ()
    strategic_fields: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        """What identifies a measure in the catalogue (the import updates by it)."""
        return (self.name, self.ministry)


# The CSV's columns, in the order ``write_csv`` writes them.
NAME, MINISTRY, KIND, FIELDS, TAGS, YEARS = "名称", "府省名", "種類", "分野", "タグ", "年度"
URL, PRIORITY, OPEN, SUMMARY, PUBLISHED = "URL", "広域リージョン優先", "公募中", "概要", "公表"
# ADR 0121: optional, so the files written before them still read (empty: none).
CLUSTERS, SECTORS = "類型", "戦略分野"
COLUMNS = (
    NAME, MINISTRY, KIND, FIELDS, TAGS, YEARS, URL, PRIORITY, OPEN, SUMMARY, CLUSTERS, SECTORS,
    PUBLISHED,
)  # fmt: skip
OPTIONAL_COLUMNS = frozenset({CLUSTERS, SECTORS, PUBLISHED})


@dataclass(frozen=True, slots=True)
class CatalogueRow:
    """A row read: the measure, and whether to publish it (``None``: no 公表 column, so a
    new measure stays unpublished and an existing one keeps its state)."""

    line: int
    measure: MeasureData
    is_published: bool | None = None
    # The optional columns the file left out (類型, 戦略分野): an update keeps those values.
    absent: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CatalogueError:
    """What is wrong, where: ``row`` is the file's line (1 = the header, 0 = the file as a
    whole), ``column`` the header's name ("" for the row or the file)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        where = f"{self.row}行目" + (f"「{self.column}」" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class _Row:
    line: int
    cells: dict[str, str]
    errors: list[CatalogueError] = field(default_factory=list)

    def error(self, column: str, message: str) -> None:
        self.errors.append(CatalogueError(self.line, column, message))

    def take(self, column: str, parsed: tuple):
        value, problems = parsed
        for problem in problems:
            self.error(column, problem)
        return value


# ---------------------------------------------------------------- reading


def read_csv(content: bytes) -> tuple[list[CatalogueRow], list[CatalogueError]]:
    """The rows of a catalogue CSV, or (``[]``, every error): all or nothing."""
    text, problem = _decode(content)
    if problem:
        return [], [CatalogueError(0, "", problem)]
    try:
        records = _records(text)
    except csv.Error as exc:
        return [], [CatalogueError(0, "", f"CSV として読めません（{exc}）。")]
    if not records:
        return [], [CatalogueError(0, "", "見出しの行がありません。")]
    header, errors = _header(records[0][1])
    if errors:
        return [], errors
    if len(records) - 1 > MAX_ROWS:
        return [], [CatalogueError(0, "", f"行が多すぎます（{MAX_ROWS:,} 行まで）。")]
    rows: list[CatalogueRow] = []
    seen: dict[tuple[str, str], int] = {}
    for line, record in records[1:]:
        row = _Row(line, {})
        if len(record) != len(header):
            row.error(
                "",
                f"列の数が見出しと違います（見出し {len(header)} 列、この行 {len(record)} 列）。",
            )
            errors.extend(row.errors)
            continue
        row.cells = dict(zip(header, record, strict=True))
        read = _measure(row)
        if read is not None and read.measure.key in seen:
            row.error(NAME, f"{seen[read.measure.key]}行目と同じ名称・府省名の支援措置です。")
        elif read is not None:
            seen[read.measure.key] = line
            rows.append(read)
        errors.extend(row.errors)
    if errors:
        return [], errors
    if not rows:
        return [], [CatalogueError(0, "", "支援措置の行がありません。")]
    return rows, []


def too_large_message() -> str:
    return f"ファイルが大きすぎます（{MAX_BYTES // (1024 * 1024)} MB まで）。取り込みませんでした。"


def _decode(content: bytes) -> tuple[str, str]:
    if not content:
        return "", "ファイルが空です。"
    if len(content) > MAX_BYTES:
        return "", too_large_message()
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", "UTF-16 のファイルです。UTF-8 で保存し直してください。"
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "", (
            f"UTF-8 の文字として読めません（{exc.start + 1:,} バイト目）。"
            "Shift_JIS などで保存していないか確かめ、UTF-8 で保存し直してください。"
        )
    if "\x00" in text:
        return "", "NUL（U+0000）を含むファイルは読めません。CSV のファイルか確かめてください。"
    return text.removeprefix(BOM), ""


def _records(text: str) -> list[tuple[int, list[str]]]:
    """The records that are not blank, each with the file's line it starts on (a quoted cell
    may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, line = [], 1
    for record in reader:
        if any(cell.strip() for cell in record):
            records.append((line, record))
        line = reader.line_num + 1
    return records


def _header(record: list[str]) -> tuple[list[str], list[CatalogueError]]:
    names = [unicodedata.normalize("NFKC", cell).strip() for cell in record]
    errors = []
    for position, name in enumerate(names, start=1):
        if name not in COLUMNS:
            errors.append(
                CatalogueError(1, name, f"{position}列目の見出し「{name}」は知らない列です。")
            )
        elif names.index(name) != position - 1:
            errors.append(CatalogueError(1, name, "同じ見出しの列が二つあります。"))
    for name in COLUMNS:
        if name not in names and name not in OPTIONAL_COLUMNS:
            errors.append(CatalogueError(1, name, f"列「{name}」がありません。"))
    return names, errors


def _text(row: _Row, column: str, *, limit: int, multiline: bool = False) -> str:
    value = row.cells.get(column, "")
    if value.startswith("'") and _runs_as_formula(value[1:]):
        value = value[1:]  # the ``'`` write_csv put before a formula-like cell
    try:
        value = clean_text(value, multiline=multiline).strip()
    except TextRefused as exc:
        row.error(column, exc.message)
        return ""
    if len(value) > limit:
        row.error(column, f"{limit:,} 文字までです（{len(value):,} 文字）。")
    return value


def _words(value: str) -> list[str]:
    return [word for word in re.split(r"[,、，;；/／\s]+", value) if word]


def _measure(row: _Row) -> CatalogueRow | None:
    name = _text(row, NAME, limit=MAX_NAME)
    if not name:
        row.error(NAME, "名称がありません。")
    ministry = _text(row, MINISTRY, limit=MAX_MINISTRY)
    if not ministry:
        row.error(MINISTRY, "府省名がありません。")
    kind = _kind(row)
    fields = _fields(row)
    tags = _tags(row)
    years = _years(row)
    url = _url(row)
    gives_priority = _flag(row, PRIORITY, default=False)
    is_open = _flag(row, OPEN, default=True)
    summary = _text(row, SUMMARY, limit=MAX_SUMMARY, multiline=True)
    cluster_types = row.take(
        CLUSTERS, parse_strategy(strategy.CLUSTER, _text(row, CLUSTERS, limit=400))
    )
    strategic_fields = row.take(
        SECTORS, parse_strategy(strategy.SECTOR, _text(row, SECTORS, limit=2_000))
    )
    is_published = _flag(row, PUBLISHED, default=None) if PUBLISHED in row.cells else None
    if row.errors:
        return None
    measure = MeasureData(
        name=name,
        ministry=ministry,
        kind=kind,
        fields=fields,
        tags=tags,
        fiscal_years=years,
        url=url,
        gives_priority=bool(gives_priority),
        is_open=is_open is not False,
        summary=summary,
        cluster_types=cluster_types,
        strategic_fields=strategic_fields,
    )
    absent = frozenset(column for column in (CLUSTERS, SECTORS) if column not in row.cells)
    return CatalogueRow(row.line, measure, is_published, absent)


def _kind(row: _Row) -> MeasureKind:
    value = _text(row, KIND, limit=40)
    kind = _KIND_WORDS.get(value.lower())
    if kind is None:
        row.error(
            KIND,
            f"種類「{value}」は知らない種類です（{'・'.join(KIND_LABELS.values())}"
            f"、または {' / '.join(MeasureKind)}）。"
            if value
            else "種類がありません。",
        )
        return MeasureKind.OTHER
    return kind


def _fields(row: _Row) -> tuple[FieldCode, ...]:
    return row.take(FIELDS, parse_fields(_text(row, FIELDS, limit=200)))


def _tags(row: _Row) -> tuple[str, ...]:
    return row.take(TAGS, parse_tags(_text(row, TAGS, limit=MAX_TAGS * (MAX_TAG + 1))))


def _years(row: _Row) -> tuple[int, ...]:
    return row.take(YEARS, parse_years(_text(row, YEARS, limit=200)))


def _url(row: _Row) -> str:
    value = _text(row, URL, limit=MAX_URL)
    if problem := url_problem(value):
        row.error(URL, problem)
        return ""
    return value


def parse_fields(text: str) -> tuple[tuple[FieldCode, ...], list[str]]:
    """分野 as people write them (codes, labels, A/B/C; separated by spaces, 、 or commas), in
    the order of FieldCode, and what is wrong."""
    found: list[FieldCode] = []
    problems = []
    for word in _words(text):
        code = _FIELD_WORDS.get(unicodedata.normalize("NFKC", word).lower())
        if code is None:
            problems.append(
                f"分野「{word}」は知らない分野です（industry / tourism / transport / other、"
                "または 産業振興・観光・交通・その他）。"
            )
        elif code not in found:
            found.append(code)
    return tuple(sorted(found, key=list(FieldCode).index)), problems


def parse_strategy(kind: str, text: str) -> tuple[tuple[str, ...], list[str]]:
    """類型 or 戦略分野 (``kind``, filing.strategy) as people write them: codes or labels of any
    shipped version, separated by spaces, 、 or commas; in the canonical order."""
    words = {code: code for code in strategy.known_codes(kind)}
    for code in strategy.known_codes(kind):
        words[unicodedata.normalize("NFKC", strategy.label(kind, code)).lower()] = code
    found: list[str] = []
    problems = []
    what = "類型" if kind == strategy.CLUSTER else "戦略分野"
    for word in _words(text):
        code = words.get(unicodedata.normalize("NFKC", word).lower())
        if code is None:
            problems.append(f"{what}「{word}」は知らない{what}です（コードか名称で書きます）。")
        elif code not in found:
            found.append(code)
    return strategy.ordered(kind, found), problems


def parse_tags(text: str) -> tuple[tuple[str, ...], list[str]]:
    """Tags separated by spaces, 、 or commas: each once, in the order written."""
    tags: list[str] = []
    problems = []
    for word in _words(text):
        if len(word) > MAX_TAG:
            problems.append(f"タグ「{word[:10]}…」が長すぎます（{MAX_TAG} 文字まで）。")
        elif word not in tags:
            tags.append(word)
    if len(tags) > MAX_TAGS:
        problems.append(f"タグは {MAX_TAGS} 個までです（{len(tags)} 個）。")
    return tuple(tags), problems


_REIWA = re.compile(r"\A(?:令和|r)(\d{1,2}|元)(?:年度?)?\Z")
_SEIREKI = re.compile(r"\A(\d{4})(?:年度?)?\Z")


def parse_years(text: str) -> tuple[tuple[int, ...], list[str]]:
    """年度 written 2026, 2026年度, 令和8, R8 (separated by spaces, 、 or commas): 西暦 years
    in order."""
    years: set[int] = set()
    problems = []
    for word in _words(text):
        year = _year(unicodedata.normalize("NFKC", word).lower())
        if year is None:
            problems.append(f"年度「{word}」が読めません（2026 や 令和8 のように書きます）。")
        elif not FIRST_YEAR <= year <= LAST_YEAR:
            problems.append(f"年度 {year} は範囲の外です（{FIRST_YEAR}〜{LAST_YEAR}）。")
        else:
            years.add(year)
    if len(years) > MAX_YEARS:
        problems.append(f"年度は {MAX_YEARS} 個までです。")
    return tuple(sorted(years)), problems


def _year(word: str) -> int | None:
    if match := _SEIREKI.match(word):
        return int(match.group(1))
    if match := _REIWA.match(word):
        number = 1 if match.group(1) == "元" else int(match.group(1))
        return 2018 + number if number else None
    return None


def url_problem(value: str) -> str:
    """What is wrong with a measure's URL ("" when nothing is, or when there is none)."""
    if not value:
        return ""
    if len(value) > MAX_URL:
        return f"URL は {MAX_URL} 文字までです。"
    parts = urlsplit(value) if not re.search(r"\s", value) else None
    try:
        host = parts.hostname if parts is not None else None
    except ValueError:
        host = None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        return f"URL「{value[:60]}」は http:// か https:// で始まる URL ではありません。"
    return ""


def _flag(row: _Row, column: str, *, default: bool | None) -> bool | None:
    """1/0 (はい/いいえ, ○/×, true/false); an empty cell is ``default``."""
    value = unicodedata.normalize("NFKC", row.cells.get(column, "")).strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    row.error(column, f"「{value[:20]}」は 1（はい）か 0（いいえ）で書きます。")
    return None


# ---------------------------------------------------------------- writing

_FORMULA_STARTS = ("=", "+", "-", "@")


def _runs_as_formula(text: str) -> bool:
    """As ``public.opendata``: a tab or CR first, or ``=``/``+``/``-``/``@`` (also full-width)
    after leading white space."""
    if text.startswith(("\t", "\r")):
        return True
    return unicodedata.normalize("NFKC", text.lstrip()[:4]).startswith(_FORMULA_STARTS)


def _cell(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value)
    return "'" + text if _runs_as_formula(text) else text


def measure_cells(measure: MeasureData) -> list[str]:
    """A measure's cells in ``COLUMNS`` order, 公表 left out."""
    return [
        _cell(measure.name),
        _cell(measure.ministry),
        KIND_LABELS[measure.kind],
        " ".join(measure.fields),
        _cell("、".join(measure.tags)),
        " ".join(str(year) for year in measure.fiscal_years),
        _cell(measure.url),
        _cell(measure.gives_priority),
        _cell(measure.is_open),
        _cell(measure.summary),
        " ".join(measure.cluster_types),
        " ".join(measure.strategic_fields),
    ]


def write_csv(rows, *, with_published: bool = True) -> bytes:
    """The catalogue as CSV bytes: ``rows`` are ``(MeasureData, is_published)`` pairs; the 公表
    column only ``with_published`` (the open data, all published, leaves it out)."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS if with_published else COLUMNS[:-1])
    for measure, is_published in rows:
        cells = measure_cells(measure)
        writer.writerow([*cells, _cell(is_published)] if with_published else cells)
    return buffer.getvalue().encode("utf-8")
