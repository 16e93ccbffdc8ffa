"""The bench's URLconf: the portal's URLs and a bare view returning a constant string,
the baseline of bench/bench_public.py. Not part of the site."""

from django.http import HttpResponse
from django.urls import include, path


def constant(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/constant/", constant),
    path("", include("region_portal.urls")),
]
