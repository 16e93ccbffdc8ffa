"""Staff pages of a region's overview and vision (included by ``staff.urls``)."""

from django.urls import path

from staff.views import visions as views

urlpatterns = [
    path("", views.region_overview, name="region"),
    path("import/", views.bundle_import, name="import"),
    path("export/", views.bundle_export, name="export"),
    path("vision/new/", views.vision_new, name="vision_new"),
    path("vision/change/", views.vision_change, name="vision_change"),
    path("vision/abolish/", views.vision_abolish, name="vision_abolish"),
    path("vision/<int:number>/", views.vision_detail, name="vision"),
    path("vision/<int:number>/submit/", views.vision_submit, name="vision_submit"),
    path("vision/<int:number>/reopen/", views.vision_reopen, name="vision_reopen"),
]
