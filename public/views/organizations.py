"""Where regions overlap (ADR 0122): an organisation's page and the national view.

Thin views over ``public.selectors.organizations`` (current published regions only). Both
pages read the whole national picture (three queries) and are kept whole under the site's
publication stamp, like the home page.
"""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from public.cache import public_page, site_stamp
from public.maps import MAX_LEVEL, japan_map
from public.selectors.organizations import member_ids, national, published_organization
from public.selectors.prefectures import prefectures
from public.templatetags.public_tags import as_filed


@public_page(site_stamp, whole_page=True)
def organization_detail(request, org_id):
    organization, picture = published_organization(org_id)
    if organization is None:
        raise Http404(_("公表されている宣言リージョンの構成団体が見つかりません。"))
    if organization.id != org_id:  # written without its 法人番号 somewhere: one address
        return HttpResponsePermanentRedirect(
            reverse("organizations:detail", args=[organization.id])
        )
    regions = {r.slug: r for r in picture.regions}
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "organization": organization,
            "rows": [(m, regions[m.slug]) for m in organization.memberships],
        },
    )


def coverage_map(coverage, *, id_prefix="overlap-map"):
    """The map shaded by how many active regions cover each prefecture (3 and more alike)."""
    covered = [row for row in coverage if row.regions]
    return japan_map(
        prefectures().values(),
        {row.prefecture.code: min(len(row.regions), MAX_LEVEL) for row in covered},
        title=_("都道府県ごとの宣言リージョンの数（地図）"),
        description=_(
            "都道府県を区域に含む宣言リージョンの数で色を付けています。色が濃いほど多く、"
            "3以上は同じ色です。同じ内容を下の表に示します。%(names)s"
        )
        % {
            "names": "、".join(f"{row.prefecture.name} {len(row.regions)}" for row in covered)
            or _("区域に含まれる都道府県はありません。")
        },
        id_prefix=id_prefix,
    )


@public_page(site_stamp, whole_page=True)
def overlaps(request):
    picture = national()
    coverage = picture.coverage()
    covered = [row for row in coverage if row.regions]
    columns = [row.prefecture for row in covered]
    matrix = [
        (region, [any(p.code == c.code for p in region.prefectures) for c in columns])
        for region in picture.active_regions
    ]
    return render(
        request,
        "organizations/overlaps.html",
        {
            "coverage": coverage,
            "covered": covered,
            "uncovered": [row.prefecture.name for row in coverage if not row.regions],
            "columns": columns,
            "matrix": matrix,
            "several": picture.in_several(),
            "map": coverage_map(coverage),
        },
    )


def linked_names(named, ids: dict[str, str]) -> SafeString:
    """Names joined with 「、」, each a link to its organisation's page when its member key
    has a public id in ``ids`` (the current page of a region; ADR 0122), else plain text."""
    parts = []
    for name, key in named:
        org_id = ids.get(key) if key else None
        if org_id:
            url = reverse("organizations:detail", args=[org_id])
            parts.append(format_html('<a href="{}">{}</a>', url, as_filed(name)))
        else:
            parts.append(as_filed(name))
    return mark_safe("、".join(str(part) for part in parts))  # each part escaped above


def region_overlap_context(state) -> dict:
    """What the region page adds (ADR 0122): member key → organisation id, and the other
    active regions sharing a prefecture or a member; both for the current page only (a past
    page shows the region as it was, and names its members without links)."""
    if not state.is_current:
        return {"org_ids": {}, "overlaps": None}
    ids = member_ids(state.declaration.members.all())
    if state.is_abolished:
        return {"org_ids": ids, "overlaps": None}
    return {"org_ids": ids, "overlaps": national().shared_with(state.slug)}
