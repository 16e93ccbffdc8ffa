"""Every dataset the portal serves, once (ADR 0123): the DCAT catalogue
(``/opendata/catalog.jsonld``) lists them, and the machine-readability tests read every CSV
named here and check it against the rules its columns declare.

A CSV's ``columns`` say which of its columns hold what the rules look at: dates (西暦,
ISO 8601 ``YYYY-MM-DD``), timestamps (ISO 8601 with the offset), fiscal years (西暦 年度),
6-digit 全国地方公共団体コード (with the check digit), 2-digit JIS prefecture codes, 法人番号
(with the check digit) and values with the column that holds their unit. A new CSV under
``/opendata/`` is added here (a test fails on one that is not).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

CSV = "text/csv"
JSON = "application/json"
ATOM = "application/atom+xml"
FORMATS = {CSV: "CSV", JSON: "JSON", ATOM: "Atom"}


@dataclass(frozen=True, slots=True)
class CsvColumns:
    """What the machine-readability rules check in a CSV's columns (by header name)."""

    dates: tuple[str, ...] = ()
    timestamps: tuple[str, ...] = ()
    fiscal_years: tuple[str, ...] = ()  # several split by spaces
    lg_codes: tuple[str, ...] = ()
    prefecture_codes: tuple[str, ...] = ()  # 2-digit JIS X 0401, several split by spaces
    corporate_numbers: tuple[str, ...] = ()
    # value column → the column of its unit (long format: the unit in its own column)
    units: dict[str, str] = field(default_factory=dict)
    counts: tuple[str, ...] = ()  # plain counts (件数): integers without a unit


@dataclass(frozen=True, slots=True)
class Distribution:
    url_name: str
    media_type: str
    title: str
    columns: CsvColumns | None = None  # CSV only

    @property
    def format(self) -> str:
        return FORMATS[self.media_type]


@dataclass(frozen=True, slots=True)
class Dataset:
    key: str
    title: str
    description: str
    keywords: tuple[str, ...]
    distributions: tuple[Distribution, ...]


DATASETS = (
    Dataset(
        "regions",
        _("宣言リージョンの一覧"),
        _("公表された連携宣言書による宣言リージョンの一覧（名称、状態、宣言日、区域、分野など）。"),
        ("広域リージョン", "連携宣言書"),
        (
            Distribution(
                "opendata_regions",
                CSV,
                "regions.csv",
                CsvColumns(
                    dates=("宣言日",),
                    timestamps=("公表日時",),
                    prefecture_codes=("区域の都道府県コード",),
                    counts=("構成団体数", "プロジェクト数"),
                ),
            ),
            Distribution("api-1:region_list", JSON, "/api/v1/regions"),
        ),
    ),
    Dataset(
        "members",
        _("リージョン構成団体の一覧"),
        _(
            "宣言リージョンの現在の連携宣言書の構成団体（種別、全国地方公共団体コード、区域・"
            "活動範囲の都道府県、法人番号）。"
        ),
        ("広域リージョン", "リージョン構成団体", "全国地方公共団体コード", "法人番号"),
        (
            Distribution(
                "opendata_members",
                CSV,
                "members.csv",
                CsvColumns(
                    lg_codes=("全国地方公共団体コード",),
                    prefecture_codes=(
                        "区域の都道府県コード（その他の地方公共団体）",
                        "活動範囲の都道府県コード（経済団体）",
                    ),
                    corporate_numbers=("法人番号",),
                ),
            ),
            Distribution("api-1:member_list", JSON, "/api/v1/members"),
        ),
    ),
    Dataset(
        "projects",
        _("プロジェクトの一覧"),
        _("宣言中のリージョンの現在の連携ビジョンのプロジェクト（要綱 第4(2)③ のア〜ク）。"),
        ("広域リージョン", "連携ビジョン", "プロジェクト"),
        (
            Distribution(
                "opendata_projects",
                CSV,
                "projects.csv",
                CsvColumns(dates=("開始", "終了"), units={"総事業費（円）": "単位"}),
            ),
            Distribution("api-1:project_list", JSON, "/api/v1/projects"),
        ),
    ),
    Dataset(
        "budgets",
        _("年度別事業費"),
        _("プロジェクトの年度（4月〜翌3月、西暦）ごとの事業費。縦持ちの表です。"),
        ("広域リージョン", "事業費", "年度"),
        (
            Distribution(
                "opendata_budgets",
                CSV,
                "budgets.csv",
                CsvColumns(fiscal_years=("年度",), units={"事業費（円）": "単位"}),
            ),
            Distribution("api-1:budgets", JSON, "/api/v1/budgets"),
        ),
    ),
    Dataset(
        "targets",
        _("目標（指標）と公表された実績"),
        _("プロジェクトの目標（指標）の年度ごとの目標値と、受理・公表された実績。縦持ちの表です。"),
        ("広域リージョン", "目標", "実績", "KPI"),
        (
            Distribution(
                "opendata_targets",
                CSV,
                "targets.csv",
                CsvColumns(
                    dates=("基準値の時点",),
                    fiscal_years=("年度",),
                    units={"基準値": "単位", "目標値": "単位", "実績値": "単位"},
                ),
            ),
        ),
    ),
    Dataset(
        "support-measures",
        _("国の支援措置の一覧"),
        _("公表した国の支援措置（名称、府省名、種類、分野、タグ、年度、URL など）。"),
        ("支援措置", "地方創生"),
        (
            Distribution(
                "opendata_support_measures",
                CSV,
                "support-measures.csv",
                CsvColumns(fiscal_years=("年度",)),
            ),
            Distribution("api-1:support_measure_list", JSON, "/api/v1/support-measures"),
        ),
    ),
    Dataset(
        "strategy",
        _("類型・戦略分野ごとの集計"),
        _(
            "地域未来戦略の類型・戦略分野ごとのプロジェクト数、宣言リージョン数、年度別の事業費"
            "（ADR 0121）。縦持ちの表です。"
        ),
        ("地域未来戦略", "戦略分野", "事業費"),
        (
            Distribution(
                "opendata_strategy",
                CSV,
                "strategy.csv",
                CsvColumns(fiscal_years=("年度",), units={"値": "単位"}),
            ),
            Distribution("api-1:strategy", JSON, "/api/v1/strategy"),
        ),
    ),
    Dataset(
        "publications",
        _("公表のお知らせ"),
        _("公表された連携宣言書・連携ビジョン（策定・変更・廃止）の新しい順の一覧。"),
        ("広域リージョン", "公表"),
        (Distribution("feeds:publications", ATOM, "publications.atom"),),
    ),
)


def csv_distributions() -> list[Distribution]:
    """Every CSV the portal serves under ``/opendata/``."""
    return [d for dataset in DATASETS for d in dataset.distributions if d.media_type == CSV]
