"""The catalogue CSV (ADR 0114, docs/support.md), read and written by the plain-Python core:
all or nothing, every error with its row and column, and what is written reads back."""

import pytest

from filing.data import FieldCode
from filing.support_catalogue import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    MeasureData,
    MeasureKind,
    read_csv,
    write_csv,
)

HEADER = "名称,府省名,種類,分野,タグ,年度,URL,広域リージョン優先,公募中,概要,公表"
GOOD = "地域未来交付金,内閣府,交付金,industry tourism,拠点整備、広域連携,2026 令和9,https://www.chisou.go.jp/,1,1,地域の取組を支援,1"


def csv_bytes(*lines: str, bom: bool = False) -> bytes:
    return (("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n").encode("utf-8")


def errors_of(content: bytes) -> list[tuple[int, str]]:
    rows, errors = read_csv(content)
    assert rows == [], "an import with errors must return no row at all"
    return [(e.row, e.column) for e in errors]


@pytest.mark.parametrize("bom", [False, True])
def test_a_good_row_is_read_with_or_without_a_bom(bom):
    rows, errors = read_csv(csv_bytes(HEADER, GOOD, bom=bom))

    assert errors == []
    assert len(rows) == 1
    row = rows[0]
    assert row.line == 2
    assert row.is_published is True
    assert row.measure == MeasureData(
        name="地域未来交付金",
        ministry="内閣府",
        kind=MeasureKind.GRANT,
        fields=(FieldCode.INDUSTRY, FieldCode.TOURISM),
        tags=("拠点整備", "広域連携"),
        fiscal_years=(2026, 2027),
        url="https://www.chisou.go.jp/",
        gives_priority=True,
        is_open=True,
        summary="地域の取組を支援",
    )


def test_columns_may_come_in_any_order_and_the_published_column_may_be_left_out():
    header = "府省名,名称,URL,種類,分野,タグ,年度,広域リージョン優先,公募中,概要"
    line = "国土交通省,地域公共交通確保維持改善事業,,補助事業,C,,R8,0,,"
    rows, errors = read_csv(csv_bytes(header, line))

    assert errors == []
    measure = rows[0].measure
    assert measure.name == "地域公共交通確保維持改善事業"
    assert measure.kind is MeasureKind.SUBSIDY
    assert measure.fields == (FieldCode.TRANSPORT,)
    assert measure.fiscal_years == (2026,)
    assert measure.is_open is True  # an empty cell is the default
    assert rows[0].is_published is None


def test_labels_letters_and_reiwa_years_are_read():
    line = "事業,経済産業省,税制,産業振興、観光、A,,令和元年度 2030年度,,はい,終了,,0"
    rows, errors = read_csv(csv_bytes(HEADER, line))

    assert errors == []
    measure = rows[0].measure
    assert measure.kind is MeasureKind.TAX
    assert measure.fields == (FieldCode.INDUSTRY, FieldCode.TOURISM)
    assert measure.fiscal_years == (2019, 2030)
    assert (measure.gives_priority, measure.is_open, rows[0].is_published) == (True, False, False)


def test_every_error_is_listed_with_its_row_and_column_and_nothing_is_read():
    lines = [
        HEADER,
        GOOD,
        ",内閣府,交付金,industry,,2026,,0,1,,1",  # no name
        "B,内閣府,助成,industry,,2026,,0,1,,1",  # unknown kind
        "C,内閣府,交付金,fishery,,2026,,0,1,,1",  # unknown field
        "D,内閣府,交付金,industry,,26年,,0,1,,1",  # bad year
        "E,内閣府,交付金,industry,,1999,,0,1,,1",  # year out of range
        "F,内閣府,交付金,industry,,2026,javascript:alert(1),0,1,,1",  # bad URL
        "G,内閣府,交付金,industry,,2026,,maybe,1,,1",  # bad flag
        GOOD,  # duplicate of row 2
        "H,,交付金,industry,,2026,,0,1,,1",  # no ministry
        "I,内閣府,交付金,industry",  # too few cells
    ]
    assert errors_of(csv_bytes(*lines)) == [
        (3, "名称"),
        (4, "種類"),
        (5, "分野"),
        (6, "年度"),
        (7, "年度"),
        (8, "URL"),
        (9, "広域リージョン優先"),
        (10, "名称"),
        (11, "府省名"),
        (12, ""),
    ]


def test_the_error_messages_say_where_and_what():
    _, errors = read_csv(csv_bytes(HEADER, "C,内閣府,交付金,fishery,,2026,,0,1,,1"))

    assert str(errors[0]).startswith("2行目「分野」: 分野「fishery」は知らない分野です")


def test_a_row_number_counts_the_lines_of_a_quoted_cell_spanning_lines():
    line = '"A",内閣府,交付金,industry,,2026,,0,1,"一行目\r\n二行目",1'
    _, errors = read_csv(csv_bytes(HEADER, line, "B,内閣府,交付金,bad,,2026,,0,1,,1"))

    assert [(e.row, e.column) for e in errors] == [(4, "分野")]


def test_unknown_duplicate_and_missing_columns_are_errors_of_the_header():
    assert errors_of(csv_bytes("名称,府省名,名称,色", GOOD)) == [
        (1, "名称"),
        (1, "色"),
        # the optional columns (類型, 戦略分野: ADR 0121; 公表) are not missing
        *((1, column) for column in COLUMNS[2:-3]),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "ファイルが空です"),
        (b"\r\n \r\n", "見出しの行がありません"),
        (csv_bytes(HEADER), "支援措置の行がありません"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8", "UTF-8"),
        ("名称,府省名".encode("cp932"), "UTF-8"),
        ("名称,府省名".encode("utf-16"), "UTF-16"),
        (b"a\x00b", "NUL"),
        (b"x" * (MAX_BYTES + 1), "大きすぎます"),
        (b'"unterminated\r\n' * 2 + b'"a"b', "CSV"),
    ],
)
def test_a_file_that_is_not_a_catalogue_is_one_error_for_the_whole_file(content, message):
    rows, errors = read_csv(content)

    assert rows == []
    assert len(errors) == 1
    assert errors[0].row == 0
    assert message in errors[0].message


def test_too_many_rows_is_refused():
    lines = [HEADER, *(f"名{i},内閣府,交付金,industry,,2026,,0,1,,1" for i in range(MAX_ROWS + 1))]
    _, errors = read_csv(csv_bytes(*lines))

    assert "行が多すぎます" in errors[0].message


def test_a_nul_inside_a_cell_is_refused_at_its_row_and_column():
    line = "A,内閣府,交付金,industry,,2026,,0,1,x\x00y,1"
    # NUL anywhere refuses the whole file (it means a binary or UTF-16 file)
    assert errors_of(csv_bytes(HEADER, line)) == [(0, "")]


def test_long_texts_and_too_many_tags_are_errors():
    long_name = "長" * 201
    tags = "、".join(f"t{i}" for i in range(21))
    lines = [HEADER, f"{long_name},内閣府,交付金,industry,{tags},2026,,0,1,,1"]

    assert errors_of(csv_bytes(*lines)) == [(2, "名称"), (2, "タグ")]


def test_what_is_written_reads_back_with_formulas_defused():
    measures = [
        (
            MeasureData(
                name='=HYPERLINK("x")',
                ministry="総務省",
                kind=MeasureKind.REGULATION,
                fields=(FieldCode.OTHER,),
                tags=("-特例", "規制"),
                fiscal_years=(2025, 2026),
                url="https://example.jp/a?b=1,2",
                gives_priority=False,
                is_open=False,
                summary='改行\nあり、"引用"も',
            ),
            True,
        ),
        (MeasureData(name="地方大学・地域産業創生交付金", ministry="内閣府"), False),
    ]
    content = write_csv(measures)

    assert content.startswith("\ufeff名称,府省名".encode())
    assert b"'=HYPERLINK" in content
    rows, errors = read_csv(content)
    assert errors == []
    assert [(row.measure, row.is_published) for row in rows] == measures


def test_the_open_data_writing_leaves_the_published_column_out():
    content = write_csv([(MeasureData(name="A", ministry="B"), True)], with_published=False)

    header = content.decode("utf-8-sig").splitlines()[0]
    assert header.split(",") == list(COLUMNS[:-1])
    rows, errors = read_csv(content)
    assert errors == [] and rows[0].is_published is None
