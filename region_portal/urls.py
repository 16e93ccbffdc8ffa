from django.contrib import admin
from django.urls import include, path

from documents import views as documents_views
from public import opendata
from public.api import api as public_api
from public.feeds import PublicationsFeed
from public.views import home as views
from public.views import pages
from public.views import support as support_views
from staff.views.dashboard import dashboard

feed_patterns = [path("publications.atom", PublicationsFeed(), name="publications")]

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("regions/", include("public.urls")),
    path("api/v1/", public_api.urls),
    path("feeds/", include((feed_patterns, "feeds"))),
    path("opendata/", opendata.opendata_index, name="opendata"),
    path("opendata/regions.csv", opendata.regions_csv, name="opendata_regions"),
    path("opendata/members.csv", opendata.members_csv, name="opendata_members"),
    path("opendata/projects.csv", opendata.projects_csv, name="opendata_projects"),
    path("opendata/budgets.csv", opendata.budgets_csv, name="opendata_budgets"),
    path("opendata/targets.csv", opendata.targets_csv, name="opendata_targets"),
    path(
        "opendata/support-measures.csv",
        support_views.measures_csv,
        name="opendata_support_measures",
    ),
    path("support/", support_views.measure_list, name="support_measures"),
    path("documents/", include("documents.urls")),
    path("verify/", documents_views.verify, name="verify"),
    path("about/", pages.about, name="about"),
    path("privacy/", pages.privacy, name="privacy"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("accounts/", include("accounts.urls")),
    path("staff/", dashboard, name="staff_dashboard"),
    path("staff/<slug:slug>/comments/", include("staff.urls_comments")),
    path("staff/<slug:slug>/", include("staff.urls")),
]

# The portal's error pages, which never read the request body again (web.errors, ADR 0083).
handler400 = "web.errors.bad_request"
handler403 = "web.errors.permission_denied"
handler404 = "web.errors.page_not_found"
handler500 = "web.errors.server_error"
