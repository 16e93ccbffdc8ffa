"""staff.context_processors.staff_region: the region's name for every staff page."""

import pytest
from django.test import RequestFactory

from staff.context_processors import staff_region
from tests.factories import DeclarationRevisionFactory
from tests.review_helpers import imported, signed_in, viewer  # noqa: F401

pytestmark = pytest.mark.django_db


def test_outside_a_region_it_gives_nothing():
    assert staff_region(RequestFactory().get("/staff/")) == {}


def test_the_name_of_the_latest_declaration_revision_in_one_query(
    imported,  # noqa: F811
    django_assert_num_queries,
):
    request = RequestFactory().get("/staff/x/")
    request.staff_region = imported.region
    title = staff_region(request)["region_title"]
    with django_assert_num_queries(1):
        assert title() == imported.declaration_revision.region_name
        assert title() == imported.declaration_revision.region_name


def test_every_region_page_names_the_region_by_its_latest_declaration(
    imported,  # noqa: F811
    viewer,  # noqa: F811
):
    """The views pass no name of their own (ADR 0131): an older revision's pages, a project's
    and the lists name the region as its latest declaration revision does."""
    DeclarationRevisionFactory(
        declaration=imported.declaration_revision.declaration,
        number=imported.declaration_revision.number + 1,
        region_name="瀬戸内新広域リージョン",
    )
    slug = imported.region.slug
    project = imported.vision_revision.projects.first()
    client = signed_in(viewer)
    for path in (
        "",
        f"declaration/{imported.declaration_revision.number}/",
        f"vision/{imported.vision_revision.number}/",
        f"vision/{imported.vision_revision.number}/projects/{project.pk}/",
        "results/",
        "verifications/",
    ):
        page = client.get(f"/staff/{slug}/{path}")
        assert page.status_code == 200, path
        html = page.content.decode()
        assert ">瀬戸内新広域リージョン</a></li>" in html, path
        assert imported.declaration_revision.region_name not in html.split("</nav>")[0], path
