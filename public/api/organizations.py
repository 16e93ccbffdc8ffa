"""``/organizations/{id}``: one organisation across the regions it is a member of, with the
projects it implements there (要綱 第3(3) なお書き, ADR 0122). Current published states only;
an unknown id is 404, an id written without the 法人番号 the organisation has elsewhere
answers with the organisation under its own id."""

from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from public.api.payloads import absolute, licence, prefectures_out
from public.api.schemas import ErrorOut, LicenseOut, PrefectureOut
from public.cache import kept_response, site_stamp
from public.selectors.organizations import published_organization

router = Router()


class OrganizationProjectOut(Schema):
    number: int = Field(description="宣言リージョンのページでのプロジェクトの番号")
    name: str
    role: str = Field(
        description="implementer（実施主体）/ founder（実施主体である共同設立法人の設立団体）"
    )
    url: str


class OrganizationRegionOut(Schema):
    slug: str
    name: str
    status: str = Field(description="active（宣言中）/ abolished（廃止）")
    member_key: str = Field(description="その宣言リージョンの連携宣言書での構成団体のキー")
    name_as_written: str = Field(description="その連携宣言書に記載された名称")
    prefectures: list[PrefectureOut] = Field(description="宣言リージョンの区域（廃止は空）")
    projects: list[OrganizationProjectOut]
    url: str
    api_url: str


class OrganizationOut(Schema):
    id: str = Field(
        description="団体の識別子: lg-<全国地方公共団体コード>、cn-<法人番号>、"
        "または <種別>-<名称から作る12桁の16進数>（ADR 0122）"
    )
    name: str
    kind: str
    kind_label: str
    lg_code: str
    corporate_number: str
    prefecture: PrefectureOut | None = Field(description="地方公共団体の都道府県")
    region_count: int = Field(description="参加している宣言中の宣言リージョンの数")
    regions: list[OrganizationRegionOut]
    url: str


class OrganizationDetailOut(Schema):
    license: LicenseOut
    organization: OrganizationOut


def no_query(request) -> bool:
    return not request.GET


KEPT_RESPONSES = {"organization_detail": kept_response(site_stamp, common=no_query)}


@router.get(
    "/organizations/{org_id}",
    response={200: OrganizationDetailOut, 404: ErrorOut},
    url_name="organization_detail",
    summary="構成団体が参加している宣言リージョンと実施するプロジェクト",
)
def organization_detail(request, org_id: str):
    organization, picture = published_organization(org_id)
    if organization is None:
        raise HttpError(404, "公表されている宣言リージョンの構成団体が見つかりません。")
    regions = {r.slug: r for r in picture.regions}
    prefecture = organization.prefecture

    def page(slug):
        return reverse("regions:detail", kwargs={"slug": slug})

    return {
        "license": licence(),
        "organization": {
            "id": organization.id,
            "name": organization.name,
            "kind": organization.kind,
            "kind_label": organization.kind_label,
            "lg_code": organization.lg_code,
            "corporate_number": organization.corporate_number,
            "prefecture": prefectures_out([prefecture])[0] if prefecture else None,
            "region_count": len(organization.active),
            "regions": [
                {
                    "slug": m.slug,
                    "name": m.region_name,
                    "status": "abolished" if m.is_abolished else "active",
                    "member_key": m.member_key,
                    "name_as_written": m.name,
                    "prefectures": prefectures_out(regions[m.slug].prefectures),
                    "projects": [
                        {
                            "number": p.number,
                            "name": p.name,
                            "role": "founder" if p.as_founder else "implementer",
                            "url": absolute(request, f"{page(m.slug)}#project-{p.number}"),
                        }
                        for p in m.projects
                    ],
                    "url": absolute(request, page(m.slug)),
                    "api_url": absolute(
                        request, reverse("api-1:region_detail", kwargs={"slug": m.slug})
                    ),
                }
                for m in organization.memberships
            ],
            "url": absolute(
                request, reverse("organizations:detail", kwargs={"org_id": organization.id})
            ),
        },
    }
