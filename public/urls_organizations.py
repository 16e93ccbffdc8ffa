"""Public URLs of the organisations that are members of regions (namespace
``organizations``, ADR 0122): ``/organizations/<id>/``, stable, for citing."""

from django.urls import path

from public.views import organizations as views

app_name = "organizations"

urlpatterns = [
    path("<str:org_id>/", views.organization_detail, name="detail"),
]
