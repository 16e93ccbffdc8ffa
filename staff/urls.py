"""Staff pages of one region, under /staff/<slug>/ (namespace "staff").

The vision and project pages come from their own apps' ``urls_staff`` modules, included
here by name so that this module imports nothing from them (dependencies run
projects → visions → declarations).
"""

from django.urls import include, path

from staff.views import declarations as views

app_name = "staff"

urlpatterns = [
    path("", include("staff.urls_visions")),
    path("declaration/new/", views.declaration_new, name="declaration_new"),
    path("declaration/change/", views.declaration_change, name="declaration_change"),
    path("declaration/abolish/", views.declaration_abolish, name="declaration_abolish"),
    path("declaration/<int:number>/", views.declaration_detail, name="declaration"),
    path(
        "declaration/<int:number>/search/",
        views.municipality_search_view,
        name="declaration_search",
    ),
    path("declaration/<int:number>/submit/", views.declaration_submit, name="declaration_submit"),
    path("declaration/<int:number>/reopen/", views.declaration_reopen, name="declaration_reopen"),
    path("vision/", include("staff.urls_projects")),
]
