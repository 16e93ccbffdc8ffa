from django.contrib import admin
from django.urls import include, path

import accounts.views as accounts_views
from documents import views as documents_views
from region_portal import opendata, views
from region_portal.api import api as public_api
from region_portal.feeds import PublicationsFeed

feed_patterns = [path("publications.atom", PublicationsFeed(), name="publications")]

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("regions/", include("declarations.urls_public")),
    path("api/v1/", public_api.urls),
    path("feeds/", include((feed_patterns, "feeds"))),
    path("opendata/", opendata.opendata_index, name="opendata"),
    path("opendata/regions.csv", opendata.regions_csv, name="opendata_regions"),
    path("opendata/members.csv", opendata.members_csv, name="opendata_members"),
    path("opendata/projects.csv", opendata.projects_csv, name="opendata_projects"),
    path("opendata/budgets.csv", opendata.budgets_csv, name="opendata_budgets"),
    path("documents/", include("documents.urls")),
    path("verify/", documents_views.verify, name="verify"),
    path("accounts/", include("accounts.urls")),
    path("staff/", accounts_views.dashboard, name="staff_dashboard"),
    path("staff/<slug:slug>/comments/", include("reviews.urls_staff")),
    path("staff/<slug:slug>/", include("declarations.urls_staff")),
]
