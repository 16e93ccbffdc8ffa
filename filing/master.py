"""Pure facts about Japan's local-government master data (no database).

The 6-digit 全国地方公共団体コード ends with a check digit: weights 6,5,4,3,2 on
the first five digits, and the check digit is (11 − sum mod 11) mod 10.
"""

import csv
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from filing.i18n import gettext_lazy as _

DATA_DIR = Path(__file__).resolve().parent / "master_data"
PREFECTURES_CSV = DATA_DIR / "prefjp-utf8.csv"
MUNICIPALITIES_CSV = DATA_DIR / "localgovjp-utf8.csv"

# 地方 blocks, the usual eight-block division (沖縄県 belongs to 九州・沖縄).
BLOCKS = (
    ("hokkaido", "北海道", range(1, 2)),
    ("tohoku", "東北", range(2, 8)),
    ("kanto", "関東", range(8, 15)),
    ("chubu", "中部", range(15, 24)),
    ("kinki", "近畿", range(24, 31)),
    ("chugoku", "中国", range(31, 36)),
    ("shikoku", "四国", range(36, 40)),
    ("kyushu_okinawa", "九州・沖縄", range(40, 48)),
)


def block_of(prefecture_code: str) -> tuple[str, str]:
    """(slug, Japanese name) of the 地方 block of a two-digit prefecture code."""
    number = int(prefecture_code)
    for slug, name, numbers in BLOCKS:
        if number in numbers:
            return slug, name
    raise ValueError(f"unknown prefecture code {prefecture_code!r}")


# The prefecture picker (活動範囲 of a 経済団体, 区域 of an 一部事務組合) groups by these blocks,
# except that 三重県 is offered under 中部: in the 中部圏 (中部経済連合会 covers 長野・岐阜・静岡・
# 愛知・三重, and 三重 is 東海) that is where users look for it. 近畿 keeps a pointer to it, so
# a reader who learnt the eight blocks finds it too; it is one checkbox (ADR 0096). The 地方
# column of the master data (``block_of``) stays the division as taught.
PICKER_MOVES = {"24": "chubu"}
PICKER_NOTES = {
    "chubu": _("三重県を含みます（東海・中部圏の区分）。"),
    "kinki": _("三重県は「中部」にあります。"),
}
# The picker's headings in the page's language (``BLOCKS`` keeps the Japanese of the master data).
# Translators: the 地方 blocks of Japan (中国 is the Chūgoku region, not China).
PICKER_NAMES = {
    "hokkaido": _("北海道"),
    "tohoku": _("東北"),
    "kanto": _("関東"),
    "chubu": _("中部"),
    "kinki": _("近畿"),
    "chugoku": _("中国"),
    "shikoku": _("四国"),
    "kyushu_okinawa": _("九州・沖縄"),
}


@dataclass(frozen=True)
class PickerBlock:
    slug: str
    name: str
    codes: list[str]
    note: str = ""


def picker_blocks(codes) -> list[PickerBlock]:
    """The picker's groups of the two-digit prefecture ``codes`` (in code order within each
    block; blocks in the usual order, empty ones kept so that the notes stay)."""
    grouped: dict[str, list[str]] = {slug: [] for slug, _name, _numbers in BLOCKS}
    for code in sorted(str(code) for code in codes):
        grouped[PICKER_MOVES.get(code) or block_of(code)[0]].append(code)
    return [
        PickerBlock(slug, str(PICKER_NAMES[slug]), grouped[slug], str(PICKER_NOTES.get(slug, "")))
        for slug, _name, _numbers in BLOCKS
    ]


def lg_code_check_digit(first_five: str) -> int:
    weights = (6, 5, 4, 3, 2)
    total = sum(int(digit) * weight for digit, weight in zip(first_five, weights, strict=True))
    return (11 - total % 11) % 10


def is_valid_lg_code(code: str) -> bool:
    """True when ``code`` is six digits whose last one is the right check digit."""
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return False
    return lg_code_check_digit(code[:5]) == int(code[5])


def normalize_kana(text: str) -> str:
    """Fold width (NFKC) and katakana to hiragana, so かな and カナ find the same."""
    text = unicodedata.normalize("NFKC", text).strip()
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


@dataclass(frozen=True)
class PrefectureRow:
    code: str
    lg_code: str
    name: str
    kana: str
    short_name: str
    name_en: str
    block: str
    block_name: str


@dataclass(frozen=True)
class MunicipalityRow:
    lg_code: str
    name: str
    kana: str
    prefecture_code: str


def read_prefectures() -> list[PrefectureRow]:
    rows = []
    with PREFECTURES_CSV.open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            code = f"{int(record['pid']):02d}"
            block, block_name = block_of(code)
            rows.append(
                PrefectureRow(
                    code=code,
                    lg_code=record["lgcode"].zfill(6),
                    name=record["pref"],
                    kana=record["prefkana"],
                    short_name=record["prefshort"],
                    name_en=record["pref_en"],
                    block=block,
                    block_name=block_name,
                )
            )
    return rows


def read_municipalities() -> list[MunicipalityRow]:
    """市町村 and 特別区; the wards of designated cities ("札幌市 中央区") are left out."""
    rows = []
    with MUNICIPALITIES_CSV.open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            if " " in record["city"].strip():
                continue
            rows.append(
                MunicipalityRow(
                    lg_code=record["lgcode"].zfill(6),
                    name=record["city"].strip(),
                    kana=record["citykana"].strip(),
                    prefecture_code=f"{int(record['pid']):02d}",
                )
            )
    return rows


def master_data_from_files():
    """The shipped CSV files as ``MasterData`` (no database: for rule tests and tools)."""
    from filing.data import MasterData

    prefectures = read_prefectures()
    return MasterData(
        prefectures={row.code: row.name for row in prefectures},
        prefecture_lg_codes={row.lg_code: row.code for row in prefectures},
        municipalities={
            row.lg_code: (row.name, row.prefecture_code) for row in read_municipalities()
        },
    )
