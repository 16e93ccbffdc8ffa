"""Public URLs of the declared regions (namespace ``regions``); stable, for citing."""

from django.urls import path

from public.views import attachments as views_attachments
from public.views import regions as views_public
from public.views import results as views_results
from public.views import summary as views_summary

app_name = "regions"

urlpatterns = [
    path("", views_public.region_list, name="list"),
    path("<slug:slug>/", views_public.region_detail, name="detail"),
    path("<slug:slug>/revisions/<str:key>/", views_public.region_revision, name="revision"),
    path("<slug:slug>/diff/", views_public.region_diff, name="diff"),
    path("<slug:slug>/summary/", views_summary.region_summary, name="summary"),
    path(
        "<slug:slug>/results/<int:pk>/evidence/",
        views_results.result_evidence,
        name="result_evidence",
    ),
    path(
        "<slug:slug>/attachments/<int:pk>/",
        views_attachments.attachment_download,
        name="attachment",
    ),
]
