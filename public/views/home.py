from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from public.cache import cached_fragment, public_page, site_stamp
from public.charts import Series, budget_bar_chart
from public.maps import MAX_LEVEL, japan_map
from public.selectors import site
from public.selectors.prefectures import prefectures

LATEST_PUBLICATIONS = 8


def _public_pages_exist() -> bool:
    """The public region pages are mounted (a trimmed URLconf in a test may leave them out)."""
    try:
        reverse("regions:list")
        reverse("opendata")
    except NoReverseMatch:
        return False
    return True


def home_context() -> dict:
    """What the home page shows of the published data (published revisions only)."""
    overview = site.overview()
    known = prefectures()
    covered = [(known[code], regions) for code, regions in overview.coverage.items() if regions]
    uncovered = [known[code].name for code, regions in overview.coverage.items() if not regions]
    # The total per year only: the per-field amounts (each project under its own fields,
    # ADR 0115) overlap, a project of two fields counting under both; the API gives them.
    series = [Series("total", _("事業費の総額"), overview.budget_by_year)]
    return {
        "overview": overview,
        "latest": site.latest_publications(LATEST_PUBLICATIONS),
        "covered": covered,
        "uncovered": uncovered,
        "map": japan_map(
            known.values(),
            {code: min(len(regions), MAX_LEVEL) for code, regions in overview.coverage.items()},
            title=_("宣言リージョンの区域（地図）"),
            description=_(
                "区域に含まれる都道府県に色を付けています。色が濃いほど、その都道府県を区域に含む"
                "宣言リージョンが多いことを示します（3以上は同じ色）。区域に含まれる都道府県: %(names)s。"
            )
            % {"names": "、".join(p.name for p, _regions in covered) or _("なし")},
            id_prefix="home-map",
        ),
        "chart": budget_bar_chart(
            series,
            overview.fiscal_years,
            title=_("年度別の事業費"),
            description=_(
                "年度ごとに、すべてのプロジェクトの事業費の合計を棒で示します。"
                "同じ内容を下の表に示します。"
            ),
        ),
        "series": series,
    }


@public_page(site_stamp, whole_page=True)
def home(request):
    """The home page: what the portal is, in Japanese, and what has been published."""
    overview = None
    if _public_pages_exist():
        stamp = site_stamp(request)
        overview = cached_fragment(
            ("home", stamp.isoformat() if stamp else "none"),
            lambda: {"body": render_to_string("regions/_home_overview.html", home_context())},
        )["body"]
    return render(
        request, "home.html", {"overview": mark_safe(overview) if overview is not None else None}
    )


def favicon(request):
    """Browsers that ask for /favicon.ico get the portal's SVG icon (resolved per request, so
    production's hashed static names work once collectstatic has run)."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("favicon.svg"))
