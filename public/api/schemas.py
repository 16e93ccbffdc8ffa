"""The API's response bodies and query parameters, as django-ninja schemas (OpenAPI 3.1)."""

from datetime import date, datetime

from ninja import Schema
from pydantic import Field, field_validator

from filing import strategy

MAX_LIMIT = 500
DEFAULT_LIMIT = 100


class LicenseOut(Schema):
    name: str
    url: str
    note: str = Field(description="ライセンスの補足（CC BY 4.0 との互換性など）")
    attribution: str = Field(description="出典として記載する名前")


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict]


class PrefectureOut(Schema):
    code: str = Field(description="JIS 都道府県コード（2桁）")
    name: str
    name_en: str = Field(description="英語名（マスターデータ）")


class FieldOut(Schema):
    code: str = Field(description="industry / tourism / transport / other")
    label: str
    text: str = ""


JST_DESCRIPTION = "公表の日時。ISO 8601、日本時間（例: 2026-12-02T06:24:20+09:00）"


class PublicationOut(Schema):
    key: str = Field(description="公表の識別子（d = 連携宣言書、v = 連携ビジョン、数字は版）")
    document: str
    number: int
    kind: str = Field(description="established（策定）/ changed（変更）/ abolished（廃止）")
    is_minor: bool
    consulted_on: date | None
    consultation_body: str = Field(
        "", description="協議を行った会議体等（例: 中国地域発展推進会議）。なければ空"
    )
    reason: str
    published_at: datetime = Field(description=JST_DESCRIPTION)
    bundle_url: str


class RegionSummaryOut(Schema):
    slug: str
    name: str
    status: str = Field(description="active（宣言中）/ abolished（廃止）")
    declared_on: date | None
    published_at: datetime | None = Field(description=JST_DESCRIPTION)
    prefectures: list[PrefectureOut]
    fields: list[str]
    member_count: int
    project_count: int
    url: str
    api_url: str


class RegionListOut(Schema):
    license: LicenseOut
    count: int
    limit: int
    offset: int
    items: list[RegionSummaryOut]


class MemberOut(Schema):
    key: str
    name: str
    kind: str
    kind_label: str
    lg_code: str
    area_prefectures: list[str]
    activity_prefectures: list[str]
    multi_industry: bool
    corporate_number: str = Field(
        description="法人番号（13桁、地方公共団体以外の構成団体で記載があるとき。ないときは空文字列）"
    )


class RegionOut(Schema):
    slug: str
    name: str
    name_en: str = Field(description="英語の名称（任意、届け出た版のもの。ADR 0124）")
    status: str
    area_note: str
    prefectures: list[PrefectureOut]
    aspiration: str
    aspiration_en: str = Field(description="目指すべき姿の英語の要約（任意。ADR 0124）")
    fields: list[FieldOut]
    declared_on: date | None
    declaration: PublicationOut
    vision: PublicationOut | None
    member_count: int
    project_count: int
    url: str


class RegionDetailOut(Schema):
    license: LicenseOut
    region: RegionOut


class PublicationListOut(Schema):
    license: LicenseOut
    region: str
    items: list[PublicationOut]


class BundleOut(Schema):
    license: LicenseOut
    region: str
    publication: PublicationOut
    bundle: dict = Field(description="DESIGN.md のリージョン・バンドル（この公表の時点）")


class MemberListOut(Schema):
    license: LicenseOut
    region: str
    items: list[MemberOut]


class BudgetLineOut(Schema):
    fiscal_year: int
    amount: int


class MilestoneOut(Schema):
    date: date | None
    target: str


class TargetBaselineOut(Schema):
    value: int | float | None = Field(description="基準値")
    on: date | None = Field(description="基準値の時点")


class TargetValueOut(Schema):
    fiscal_year: int = Field(description="年度（西暦。4月〜翌3月）")
    value: int | float = Field(description="その年度の目標値")


class TargetFinalOut(Schema):
    fiscal_year: int | None = Field(description="最終目標の年度（西暦）")
    value: int | float | None = Field(description="最終目標の値")


class TargetOut(Schema):
    """目標（指標）: 第4(2)②「各プロジェクトの…目標等」（ADR 0104）。実績は `/regions/{slug}/targets`。"""

    name: str = Field(description="指標名")
    unit: str = Field(description="単位")
    better: str = Field(description="higher: 高いほどよい、lower: 低いほどよい")
    baseline: TargetBaselineOut | None
    values: list[TargetValueOut]
    final: TargetFinalOut | None
    source: str = Field(description="出典")


class PlanReferenceOut(Schema):
    plan: str
    section: str
    note: str


class ProjectOut(Schema):
    region: str
    number: int
    name: str
    fields: list[str] = Field(
        description="プロジェクトの分野のコード（industry・tourism・transport・other、要綱の順）。"
        "空の配列はリージョンの連携宣言書のすべての分野（ADR 0115）"
    )
    cluster_type: str | None = Field(
        None,
        description="地域未来戦略の類型のコード（strategic_industry_cluster・"
        "regional_industry_cluster・local_industry_support）、なければ null（ADR 0121）。"
        "名称は /api/v1/strategy",
    )
    strategic_fields: list[str] = Field(
        default_factory=list,
        description="17 の戦略分野のコード（日本成長戦略会議 2025-11-10）。名称は /api/v1/strategy",
    )
    implementers: list[str]
    joint_body_of: list[str] | None
    plan_references: list[PlanReferenceOut]
    content: str
    has_budget: bool
    budget_total: int | None
    budget: list[BudgetLineOut]
    effects: str
    start: date | None
    end: date | None
    milestones: list[MilestoneOut]
    other: str
    targets: list[TargetOut]


class ProjectListOut(Schema):
    license: LicenseOut
    count: int
    limit: int
    offset: int
    items: list[ProjectOut]


class RegionProjectListOut(Schema):
    license: LicenseOut
    region: str
    items: list[ProjectOut]


class ResultOut(Schema):
    """公表された実績（ADR 0108）: 受理された最新の回だけ。"""

    value: int | float = Field(description="実績値（単位は目標の unit）")
    comment: str = Field(description="実績の備考")
    evidence_url: str | None = Field(description="根拠のリンク（外部のページ）")
    evidence_file_url: str | None = Field(description="根拠のファイル（PDF・PNG・JPEG）の URL")
    correction: int = Field(description="訂正の回（1 は最初の実績、2 以降はその訂正）")
    published_at: datetime = Field(description=JST_DESCRIPTION)


class TargetYearOut(Schema):
    fiscal_year: int | None = Field(
        description="年度（西暦。4月〜翌3月）。年度のない最終目標は null"
    )
    target: int | float | None = Field(description="その年度の目標値（ないときは null）")
    is_final: bool = Field(description="最終目標の年度か")
    result: ResultOut | None = Field(description="公表された実績（ないときは null）")


class TargetWithResultsOut(Schema):
    key: str = Field(description="目標のキー（版をまたいで同じ目標を指す）")
    name: str = Field(description="指標名")
    unit: str = Field(description="単位")
    better: str = Field(description="higher: 高いほどよい、lower: 低いほどよい")
    baseline: TargetBaselineOut | None
    source: str = Field(description="出典")
    years: list[TargetYearOut]


class ProjectTargetsOut(Schema):
    number: int = Field(description="プロジェクトの番号（ページの順）")
    project: str = Field(description="プロジェクトの名称")
    targets: list[TargetWithResultsOut]


class RegionTargetsOut(Schema):
    license: LicenseOut
    region: str
    vision: PublicationOut | None = Field(description="目標を記載した公表中の連携ビジョン")
    items: list[ProjectTargetsOut]


class MemberWithRegionOut(MemberOut):
    region: str
    region_name: str
    region_status: str


class AllMembersOut(Schema):
    license: LicenseOut
    count: int
    limit: int
    offset: int
    items: list[MemberWithRegionOut]


class YearAmountOut(Schema):
    fiscal_year: int
    amount: int
    amount_text: str


class ProjectBudgetOut(Schema):
    project: str
    total: int | None
    by_fiscal_year: list[BudgetLineOut]


class RegionBudgetsOut(Schema):
    license: LicenseOut
    region: str
    total: int
    by_fiscal_year: list[YearAmountOut]
    projects: list[ProjectBudgetOut]


class FieldBudgetOut(Schema):
    field: str
    label: str
    by_fiscal_year: list[YearAmountOut]


class BudgetsOut(Schema):
    license: LicenseOut
    note: str
    total: int
    by_fiscal_year: list[YearAmountOut]
    by_field: list[FieldBudgetOut]


class RootOut(Schema):
    name: str
    description: str
    license: LicenseOut
    openapi: str
    endpoints: dict[str, str]
    downloads: dict[str, str]


# ---------------------------------------------------------------- parameters


class Page(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10**9)


class RegionFilters(Schema):
    q: str = Field(
        "", max_length=200, description="キーワード（名称、目指すべき姿、構成団体、プロジェクト）"
    )
    prefecture: str = Field("", max_length=2, description="JIS 都道府県コード（2桁）")
    field: str = Field("", max_length=20)
    kind: str = Field("", max_length=40, description="構成団体の種別")
    status: str = Field("", max_length=20, description="active / abolished")
    sort: str = Field("name", max_length=20, description="name / published / declared")
    cluster_type: str = Field(
        "", max_length=40, description="プロジェクトの類型のコード（/api/v1/strategy、ADR 0121）"
    )
    strategic_field: str = Field(
        "", max_length=40, description="プロジェクトの戦略分野のコード（/api/v1/strategy）"
    )

    _check_strategy = field_validator("cluster_type", "strategic_field")(
        lambda value, info: _known_strategy_code(value, info)
    )


class MemberFilters(Schema):
    q: str = Field("", max_length=200)
    kind: str = Field("", max_length=40)
    prefecture: str = Field("", max_length=2)


def _known_strategy_code(value: str, info) -> str:
    """An unknown 類型 / 戦略分野 code is a 422 that says which codes there are."""
    kind = strategy.CLUSTER if info.field_name == "cluster_type" else strategy.SECTOR
    if value and value not in strategy.known_codes(kind):
        codes = ", ".join(strategy.known_codes(kind))
        raise ValueError(f"不明なコード {value!r} です（使えるコード: {codes}）")
    return value


class ProjectFilters(Schema):
    q: str = Field("", max_length=200)
    cluster_type: str = Field(
        "", max_length=40, description="類型のコードで絞り込む（/api/v1/strategy、ADR 0121）"
    )
    strategic_field: str = Field(
        "", max_length=40, description="戦略分野のコードで絞り込む（/api/v1/strategy）"
    )

    _check_strategy = field_validator("cluster_type", "strategic_field")(
        lambda value, info: _known_strategy_code(value, info)
    )
