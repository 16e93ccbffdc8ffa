"""``/support-measures``: the published support measures (要綱 第5(1)②, ADR 0114), filtered
by 分野, 種類 and 広域リージョン優先, paged like the other lists."""

from datetime import datetime
from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from filing.support_catalogue import FIELD_LABELS, KIND_LABELS
from public.api.payloads import licence
from public.api.regions import common_page_request
from public.api.schemas import JST_DESCRIPTION, LicenseOut, Page, ValidationErrorOut
from public.cache import kept_response, site_stamp
from public.selectors.support import MeasureFilters, published_measures

router = Router()

# The codes of filing.support_catalogue (FieldCode, MeasureKind), as the OpenAPI enums.
FieldValue = Literal["industry", "tourism", "transport", "other"]
KindValue = Literal["grant", "subsidy", "tax", "finance", "regulation", "other"]


class SupportMeasureOut(Schema):
    name: str
    ministry: str = Field(description="府省名")
    kind: str = Field(description="grant / subsidy / tax / finance / regulation / other")
    kind_label: str = Field(description="交付金・補助事業・税制・金融・規制の特例・その他")
    fields: list[str] = Field(description="対象分野（industry / tourism / transport / other）")
    field_labels: list[str]
    tags: list[str]
    fiscal_years: list[int] = Field(description="年度（西暦。2026 は令和8年度）")
    url: str
    gives_priority: bool = Field(description="広域リージョンのプロジェクトを優先して採択する")
    is_open: bool = Field(description="公募中（false は終了）")
    summary: str
    updated_at: datetime = Field(description=JST_DESCRIPTION.replace("公表", "更新"))


class SupportMeasureListOut(Schema):
    license: LicenseOut
    count: int
    limit: int
    offset: int
    items: list[SupportMeasureOut]


class SupportMeasureFilters(Schema):
    field: FieldValue | Literal[""] = Field("", description="対象分野")
    kind: KindValue | Literal[""] = Field("", description="種類")
    priority: bool | None = Field(None, description="広域リージョン優先のもの（true）か否か")
    open: bool = Field(False, description="公募中のものだけ")


def measure_out(measure) -> dict:
    return {
        "name": measure.name,
        "ministry": measure.ministry,
        "kind": measure.kind,
        "kind_label": KIND_LABELS.get(measure.kind, measure.kind),
        "fields": list(measure.fields or ()),
        "field_labels": [FIELD_LABELS.get(code, code) for code in measure.fields or ()],
        "tags": list(measure.tags or ()),
        "fiscal_years": list(measure.fiscal_years or ()),
        "url": measure.url,
        "gives_priority": measure.gives_priority,
        "is_open": measure.is_open,
        "summary": measure.summary,
        "updated_at": measure.updated_at,
    }


# The unfiltered list (with a plain limit and offset) is kept as bytes (ADR 0100, 0106).
KEPT_RESPONSES = {
    "support_measure_list": kept_response(site_stamp, common=common_page_request),
}


@router.get(
    "/support-measures",
    response={200: SupportMeasureListOut, 422: ValidationErrorOut},
    url_name="support_measure_list",
    summary="国の支援措置の一覧（絞り込み）",
)
def support_measure_list(request, filters: Query[SupportMeasureFilters], page: Query[Page]):
    measures = published_measures(
        MeasureFilters(
            field=filters.field,
            kind=filters.kind,
            priority=filters.priority,
            open_only=filters.open,
        )
    )
    return {
        "license": licence(),
        "count": len(measures),
        "limit": page.limit,
        "offset": page.offset,
        "items": [measure_out(m) for m in measures[page.offset : page.offset + page.limit]],
    }
