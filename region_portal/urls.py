from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from documents import views as documents_views
from public import catalog, opendata, opendata_long, opendata_strategy
from public.api import api as public_api
from public.feeds import PublicationsFeed
from public.views import home as views
from public.views import organizations as organization_views
from public.views import pages
from public.views import strategy as strategy_views
from public.views import support as support_views
from staff.views.dashboard import dashboard

feed_patterns = [path("publications.atom", PublicationsFeed(), name="publications")]

# The language-neutral addresses (ADR 0124): the API, the CSVs and the feed (keys, data as
# filed), the PDFs, and the staff pages, the admin and log-in, which follow the language chosen
# with set_language (web.language). All of them Japanese unless chosen otherwise.
urlpatterns = [
    # the switch also keeps a signed-in user's choice for their mails (ADR 0126)
    path("i18n/setlang/", account_views.language_switch, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("api/v1/", public_api.urls),
    path("feeds/", include((feed_patterns, "feeds"))),
    path("opendata/catalog.jsonld", catalog.catalog_jsonld, name="opendata_catalog"),
    path("opendata/regions.csv", opendata.regions_csv, name="opendata_regions"),
    path("opendata/members.csv", opendata.members_csv, name="opendata_members"),
    path("opendata/projects.csv", opendata.projects_csv, name="opendata_projects"),
    path("opendata/budgets.csv", opendata.budgets_csv, name="opendata_budgets"),
    path("opendata/targets.csv", opendata.targets_csv, name="opendata_targets"),
    # one value a row for each multi-valued column of the files above (ADR 0129)
    *opendata_long.urlpatterns,
    # the national strategy's figures, long format (ADR 0121)
    path("opendata/strategy.csv", opendata_strategy.strategy_csv, name="opendata_strategy"),
    path(
        "opendata/support-measures.csv",
        support_views.measures_csv,
        name="opendata_support_measures",
    ),
    path("documents/", include("documents.urls")),
    path("accounts/", include("accounts.urls")),
    path("staff/", dashboard, name="staff_dashboard"),
    path("staff/<slug:slug>/comments/", include("staff.urls_comments")),
    path("staff/<slug:slug>/", include("staff.urls")),
]

# The public pages, in Japanese at / and in English at /en/ (ADR 0124).
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("regions/", include("public.urls")),
    path("organizations/", include("public.urls_organizations")),
    path("overlaps/", organization_views.overlaps, name="overlaps"),
    path("opendata/", opendata.opendata_index, name="opendata"),
    path("support/", support_views.measure_list, name="support_measures"),
    path("strategy/", strategy_views.strategy_page, name="strategy"),
    path("verify/", documents_views.verify, name="verify"),
    path("about/", pages.about, name="about"),
    path("privacy/", pages.privacy, name="privacy"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    prefix_default_language=False,
)

# The portal's error pages, which never read the request body again (web.errors, ADR 0083).
handler400 = "web.errors.bad_request"
handler403 = "web.errors.permission_denied"
handler404 = "web.errors.page_not_found"
handler500 = "web.errors.server_error"
