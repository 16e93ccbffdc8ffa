"""Every dataset the portal serves, once (ADR 0123): the DCAT catalogue
(``/opendata/catalog.jsonld``) lists them, and the machine-readability tests read every CSV
named here and check it against the rules its columns declare.

A CSV's ``columns`` say which of its columns hold what the rules look at: dates (西暦,
ISO 8601 ``YYYY-MM-DD``), timestamps (ISO 8601 with the offset), fiscal years (西暦 年度),
6-digit 全国地方公共団体コード (with the check digit), 2-digit JIS prefecture codes, 法人番号
(with the check digit) and values with the column that holds their unit. A new CSV under
``/opendata/`` is added here (a test fails on one that is not).

Long format (ADR 0129): a column that holds several values in one cell is in ``several``,
with the companion CSV that holds them one a row (``Split``); the test reads both and checks
that the companion's rows are the cell's values. Columns of free text (names, prose), whose
spaces and 「、」 are the text's own, are in ``texts``; any other column whose cells hold
several values fails the test.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

CSV = "text/csv"
JSON = "application/json"
ATOM = "application/atom+xml"
FORMATS = {CSV: "CSV", JSON: "JSON", ATOM: "Atom"}


@dataclass(frozen=True, slots=True)
class Split:
    """Where a multi-valued cell's values are one a row: the ``companion`` CSV (its title),
    its rows of the same entity (``keys``: this file's key column → the companion's) and,
    with ``where`` (a companion column and its value), of this column only. A value is the
    companion's ``values`` cells, the non-empty ones joined by ``joiner``; the cell holds the
    values joined by ``separator``."""

    companion: str
    keys: tuple[tuple[str, str], ...]
    values: tuple[str, ...]
    separator: str = "、"
    where: tuple[str, str] | None = None
    joiner: str = " "


REGION_KEY = (("識別名", "リージョン識別名"),)
MEMBER_KEY = (("リージョン識別名", "リージョン識別名"), ("キー", "構成団体のキー"))
PROJECT_KEY = (("リージョン識別名", "リージョン識別名"), ("番号", "プロジェクト番号"))
MEASURE_KEY = (("名称", "支援措置の名称"), ("府省名", "府省名"))
# the companions' own key columns hold names too
REGION_TEXTS = ("リージョン名",)
PROJECT_TEXTS = ("リージョン名", "プロジェクトの名称")
MEASURE_TEXTS = ("支援措置の名称", "府省名")


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
    texts: tuple[str, ...] = ()  # free text: its spaces and 「、」 are not separators
    # several values in one cell (kept for the file's users) → their companion (ADR 0129)
    several: dict[str, Split] = field(default_factory=dict)


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
                    texts=("名称", "目指すべき姿"),
                    several={
                        "区域の都道府県コード": Split(
                            "region-prefectures.csv", REGION_KEY, ("都道府県コード",), " "
                        ),
                        "区域の都道府県": Split(
                            "region-prefectures.csv", REGION_KEY, ("都道府県",)
                        ),
                        "分野": Split("region-fields.csv", REGION_KEY, ("分野",)),
                    },
                ),
            ),
            Distribution("api-1:region_list", JSON, "/api/v1/regions"),
        ),
    ),
    Dataset(
        "region-prefectures",
        _("宣言リージョンの区域の都道府県"),
        _(
            "宣言リージョンの区域（構成団体から定まる都道府県）を 1 行に 1 つの都道府県で。"
            "regions.csv の区域の都道府県・そのコードの縦持ちの表です。"
        ),
        ("広域リージョン", "都道府県コード"),
        (
            Distribution(
                "opendata_region_prefectures",
                CSV,
                "region-prefectures.csv",
                CsvColumns(prefecture_codes=("都道府県コード",), texts=REGION_TEXTS),
            ),
        ),
    ),
    Dataset(
        "region-fields",
        _("宣言リージョンの分野"),
        _(
            "連携宣言書の分野（要綱 第3(2)④）を 1 行に 1 つの分野で（コードと名称）。"
            "regions.csv の分野の縦持ちの表です。"
        ),
        ("広域リージョン", "分野"),
        (
            Distribution(
                "opendata_region_fields",
                CSV,
                "region-fields.csv",
                CsvColumns(texts=(*REGION_TEXTS, "分野")),
            ),
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
                    texts=("リージョン名", "名称"),
                    several={
                        "区域の都道府県（その他の地方公共団体）": Split(
                            "member-prefectures.csv",
                            MEMBER_KEY,
                            ("都道府県",),
                            where=("区分", "区域"),
                        ),
                        "活動範囲の都道府県（経済団体）": Split(
                            "member-prefectures.csv",
                            MEMBER_KEY,
                            ("都道府県",),
                            where=("区分", "活動範囲"),
                        ),
                        "区域の都道府県コード（その他の地方公共団体）": Split(
                            "member-prefectures.csv",
                            MEMBER_KEY,
                            ("都道府県コード",),
                            " ",
                            where=("区分", "区域"),
                        ),
                        "活動範囲の都道府県コード（経済団体）": Split(
                            "member-prefectures.csv",
                            MEMBER_KEY,
                            ("都道府県コード",),
                            " ",
                            where=("区分", "活動範囲"),
                        ),
                    },
                ),
            ),
            Distribution("api-1:member_list", JSON, "/api/v1/members"),
        ),
    ),
    Dataset(
        "member-prefectures",
        _("構成団体の区域・活動範囲の都道府県"),
        _(
            "その他の地方公共団体の区域と経済団体の活動範囲の都道府県を、1 行に 1 つの都道府県で"
            "（区分が「区域」か「活動範囲」）。members.csv の縦持ちの表です。"
        ),
        ("広域リージョン", "リージョン構成団体", "都道府県コード"),
        (
            Distribution(
                "opendata_member_prefectures",
                CSV,
                "member-prefectures.csv",
                CsvColumns(
                    prefecture_codes=("都道府県コード",),
                    texts=(*REGION_TEXTS, "構成団体の名称"),
                ),
            ),
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
                CsvColumns(
                    dates=("開始", "終了"),
                    units={"総事業費（円）": "単位"},
                    texts=(*PROJECT_TEXTS, "具体的内容", "期待される効果", "その他"),
                    several={
                        "分野": Split(
                            "project-categories.csv",
                            PROJECT_KEY,
                            ("名称",),
                            where=("分類", "分野"),
                        ),
                        "実施主体": Split(
                            "project-implementers.csv", PROJECT_KEY, ("実施主体の名称",)
                        ),
                        "広域地方計画等の関連する記載": Split(
                            "project-plans.csv", PROJECT_KEY, ("計画", "参照箇所", "備考")
                        ),
                        "年度別事業費（年度:円）": Split(
                            "budgets.csv", PROJECT_KEY, ("年度", "事業費（円）"), " ", joiner=":"
                        ),
                        "マイルストーン": Split(
                            "project-milestones.csv", PROJECT_KEY, ("日付", "内容"), " ／ "
                        ),
                        "戦略分野": Split(
                            "project-categories.csv",
                            PROJECT_KEY,
                            ("名称",),
                            where=("分類", "戦略分野"),
                        ),
                    },
                ),
            ),
            Distribution("api-1:project_list", JSON, "/api/v1/projects"),
        ),
    ),
    Dataset(
        "project-implementers",
        _("プロジェクトの実施主体"),
        _(
            "プロジェクトの実施主体（要綱 第4(2)③ ウ）を 1 行に 1 つで。構成団体ならそのキー、"
            "全国地方公共団体コード、法人番号も。projects.csv の実施主体の縦持ちの表です。"
        ),
        ("広域リージョン", "プロジェクト", "実施主体", "全国地方公共団体コード", "法人番号"),
        (
            Distribution(
                "opendata_project_implementers",
                CSV,
                "project-implementers.csv",
                CsvColumns(
                    lg_codes=("全国地方公共団体コード",),
                    corporate_numbers=("法人番号",),
                    texts=(*PROJECT_TEXTS, "実施主体の名称"),
                ),
            ),
        ),
    ),
    Dataset(
        "project-plans",
        _("プロジェクトの広域地方計画等の関連する記載"),
        _(
            "プロジェクトに関連する広域地方計画等の記載を 1 行に 1 つで（計画、参照箇所、備考）。"
            "projects.csv の縦持ちの表です。"
        ),
        ("広域リージョン", "プロジェクト", "広域地方計画"),
        (
            Distribution(
                "opendata_project_plans",
                CSV,
                "project-plans.csv",
                CsvColumns(texts=(*PROJECT_TEXTS, "計画", "参照箇所", "備考")),
            ),
        ),
    ),
    Dataset(
        "project-milestones",
        _("プロジェクトのマイルストーン"),
        _(
            "プロジェクトのマイルストーンを 1 行に 1 つで（日付と内容）。projects.csv の"
            "マイルストーンの縦持ちの表です。"
        ),
        ("広域リージョン", "プロジェクト", "マイルストーン"),
        (
            Distribution(
                "opendata_project_milestones",
                CSV,
                "project-milestones.csv",
                CsvColumns(dates=("日付",), texts=(*PROJECT_TEXTS, "内容")),
            ),
        ),
    ),
    Dataset(
        "project-categories",
        _("プロジェクトの分野・戦略分野"),
        _(
            "プロジェクトの分野（ADR 0115）と戦略分野（ADR 0121）を 1 行に 1 つで（分類、コード、"
            "名称）。projects.csv の分野・戦略分野の縦持ちの表です。"
        ),
        ("広域リージョン", "プロジェクト", "分野", "戦略分野"),
        (
            Distribution(
                "opendata_project_categories",
                CSV,
                "project-categories.csv",
                CsvColumns(texts=(*PROJECT_TEXTS, "名称")),
            ),
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
                CsvColumns(
                    fiscal_years=("年度",), units={"事業費（円）": "単位"}, texts=PROJECT_TEXTS
                ),
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
                    texts=(*PROJECT_TEXTS, "指標名", "出典", "実績の備考"),
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
                CsvColumns(
                    fiscal_years=("年度",),
                    texts=("名称", "府省名", "概要"),
                    several={
                        "分野": Split(
                            "support-measure-categories.csv",
                            MEASURE_KEY,
                            ("コード",),
                            " ",
                            where=("分類", "分野"),
                        ),
                        "タグ": Split(
                            "support-measure-categories.csv",
                            MEASURE_KEY,
                            ("名称",),
                            where=("分類", "タグ"),
                        ),
                        "年度": Split("support-measure-years.csv", MEASURE_KEY, ("年度",), " "),
                        "類型": Split(
                            "support-measure-categories.csv",
                            MEASURE_KEY,
                            ("コード",),
                            " ",
                            where=("分類", "類型"),
                        ),
                        "戦略分野": Split(
                            "support-measure-categories.csv",
                            MEASURE_KEY,
                            ("コード",),
                            " ",
                            where=("分類", "戦略分野"),
                        ),
                    },
                ),
            ),
            Distribution("api-1:support_measure_list", JSON, "/api/v1/support-measures"),
        ),
    ),
    Dataset(
        "support-measure-categories",
        _("国の支援措置の分野・タグ・類型・戦略分野"),
        _(
            "公表した国の支援措置の分野・タグ・類型・戦略分野を 1 行に 1 つで（分類、コード、"
            "名称。タグにコードはありません）。support-measures.csv の縦持ちの表です。"
        ),
        ("支援措置", "分野", "戦略分野"),
        (
            Distribution(
                "opendata_support_measure_categories",
                CSV,
                "support-measure-categories.csv",
                CsvColumns(texts=(*MEASURE_TEXTS, "名称")),
            ),
        ),
    ),
    Dataset(
        "support-measure-years",
        _("国の支援措置の年度"),
        _(
            "公表した国の支援措置の年度（西暦）を 1 行に 1 つで。support-measures.csv の年度の"
            "縦持ちの表です。"
        ),
        ("支援措置", "年度"),
        (
            Distribution(
                "opendata_support_measure_years",
                CSV,
                "support-measure-years.csv",
                CsvColumns(fiscal_years=("年度",), texts=MEASURE_TEXTS),
            ),
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
                CsvColumns(fiscal_years=("年度",), units={"値": "単位"}, texts=("名称",)),
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
