"""accounts.access: staff_required / editor_required on a region's staff views."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import include, path
from django.views import View

from accounts.access import (
    STAFF_ACCESS_EDIT,
    STAFF_ACCESS_READ,
    editor_required,
    staff_access,
    staff_region,
    staff_regions,
    staff_required,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@staff_required
def read_page(request, slug):
    return HttpResponse(f"{request.staff_region.slug}:{request.staff_role.role}")


@editor_required
def edit_page(request, slug, pk):
    return HttpResponse(f"edit {pk}")


class Urls:
    urlpatterns = [
        path("", lambda request: HttpResponse(), name="home"),
        path("accounts/", include("accounts.urls")),
        path("t/<slug:slug>/", read_page),
        path("t/<slug:slug>/edit/<int:pk>/", edit_page),
    ]


@pytest.fixture(autouse=True)
def urls(settings):
    settings.ROOT_URLCONF = Urls


def test_the_decorators_leave_their_marker_for_the_permission_walk():
    assert staff_access(read_page) == STAFF_ACCESS_READ
    assert staff_access(edit_page) == STAFF_ACCESS_EDIT
    assert staff_access(lambda request: None) is None


def test_class_based_views_carry_the_marker_of_their_class():
    class Page(View):
        staff_access = STAFF_ACCESS_EDIT

    assert staff_access(Page.as_view()) == STAFF_ACCESS_EDIT


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_users_are_sent_to_log_in(client, region, method):
    for url in ("/t/setouchi/", "/t/setouchi/edit/1/"):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response.url == f"/accounts/login/?next={url}"


def test_a_viewer_reads_but_any_write_method_and_edit_pages_are_404(client, viewer):
    client.force_login(viewer)
    read = client.get("/t/setouchi/")
    assert (read.status_code, read.content) == (200, b"setouchi:viewer")
    assert client.head("/t/setouchi/").status_code == 200
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/t/setouchi/").status_code == 404
    assert client.get("/t/setouchi/edit/1/").status_code == 404
    assert client.post("/t/setouchi/edit/1/").status_code == 404


def test_an_editor_reads_and_edits(client, editor):
    client.force_login(editor)
    assert client.get("/t/setouchi/").content == b"setouchi:editor"
    assert client.post("/t/setouchi/").status_code == 200
    assert client.get("/t/setouchi/edit/7/").content == b"edit 7"


def test_staff_of_another_region_and_unknown_regions_get_404(client, editor, other_region):
    other = UserFactory()
    from accounts.models import RegionRole

    RegionRole.objects.create(user=other, region=other_region, role="editor")
    client.force_login(other)
    for url in ("/t/setouchi/", "/t/setouchi/edit/1/", "/t/no-such-region/"):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404


def test_a_staff_view_without_a_slug_is_a_configuration_error(rf: RequestFactory, editor):
    view = staff_required(lambda request: HttpResponse())
    request = rf.get("/")
    request.user = editor
    with pytest.raises(ImproperlyConfigured):
        view(request)


def test_staff_regions_and_staff_region(rf, editor, region, other_region):
    assert list(staff_regions(editor)) == [region]
    request = rf.get("/")
    request.user = editor
    assert staff_region(request, "setouchi", edit=True)[0] == region
    from django.http import Http404

    with pytest.raises(Http404):
        staff_region(request, "tohoku")
