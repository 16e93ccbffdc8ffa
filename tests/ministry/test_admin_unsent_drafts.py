"""Reviewers never read, in any page of the admin, a draft the region has never sent (ADR 0133).

Two drafts that were never sent: the first revisions of a new region, and the change
revisions of a region whose first revisions are published. Every text of both carries
``MARK`` (the bundle of the test region with 「瀬戸内」 written as ``MARK``): their names,
members, projects, plans and milestones. The walk goes through every model of the admin a
reviewer may view (``admin.site._registry`` and the reviewer's permissions, so a model added
later is walked too): its list, its search for ``MARK``, every change page and history page
of its rows, and the autocomplete of every foreign key that points at it. ``MARK`` never
shows; a draft's page answers as Django answers for an id that does not exist (a redirect to
the admin's top page with 「…は見つかりませんでした。」), so it does not even say that the
draft exists. The published revisions stay listed and readable, a returned revision reopened
as a draft reads as on its review page, and an operator (superuser) still sees and edits
every draft.
"""

import json
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from declarations.models import DeclarationRevision, Organization, Region
from filing.bundle import parse_bundle
from projects.models import Project
from tests.review_helpers import BUNDLES, revision_url, signed_in
from visions.models import VisionRevision
from workflow.adapter import filing_import
from workflow.verbs import revision_accept, revision_reopen, revision_return

pytestmark = pytest.mark.django_db

MARK = "未送付下書き"
# Master data, the same for every region: walked as lists, not row by row (1,741 towns).
MASTER_DATA = {"declarations.Prefecture", "declarations.Municipality"}
NOT_FOUND = "見つかりませんでした"


def marked_filing():
    """The test region's bundle with every 「瀬戸内」 written as ``MARK``."""
    text = (BUNDLES / "valid_region.json").read_text(encoding="utf-8")
    return parse_bundle(text.replace("瀬戸内", MARK))


@pytest.fixture
def published(submitted):
    """The test region's first declaration and vision, sent and published."""
    for revision in (submitted.declaration_revision, submitted.vision_revision):
        revision_accept(revision=revision, actor=None)
    return submitted


@pytest.fixture
def drafts(published):
    """The never-sent drafts: a new region's first revisions and the published region's
    change revisions (its declaration and vision)."""
    first = filing_import(marked_filing(), slug="unsent-region")
    change = filing_import(marked_filing(), region=published.region)
    return [
        first.declaration_revision,
        first.vision_revision,
        change.declaration_revision,
        change.vision_revision,
    ]


def viewable_admins(user):
    """``(model, model_admin)`` of every admin model ``user`` may view."""
    request = RequestFactory().get("/admin/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        if model_admin.has_view_permission(request):
            yield model, model_admin


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def assert_not_found(client, url):
    """Django's answer for an object outside the admin's queryset: to the top page, with the
    message it gives for an id that does not exist."""
    response = client.get(url)
    assert response.status_code == 302, url
    assert response["Location"] == reverse("admin:index"), url
    assert any(NOT_FOUND in str(m) for m in get_messages(response.wsgi_request)), url


def autocomplete_queries(targets):
    """The autocomplete of every foreign key (of any model) to one of ``targets``."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete and field.related_model in targets):
                continue
            yield {
                "app_label": model._meta.app_label,
                "model_name": model._meta.model_name,
                "field_name": field.name,
            }


def shown_drafts(client, viewable) -> tuple[list[str], int, int]:
    """The pages of the walk that show ``MARK`` (or find it), how many row pages were walked
    and how many autocompletes answered."""
    leaks, walked, answered = [], 0, 0
    for model, model_admin in viewable.items():
        url = admin_url(model, "changelist")
        listing = client.get(url)
        assert listing.status_code == 200, url
        if MARK in listing.text:
            leaks.append(url)
        if model_admin.get_search_fields(listing.wsgi_request):
            if client.get(url, {"q": MARK}).context["cl"].result_count:
                leaks.append(f"{url}?q={MARK}")
        if model._meta.label in MASTER_DATA:
            continue
        for pk in model._default_manager.values_list("pk", flat=True):
            for view in ("change", "history"):
                try:
                    url = admin_url(model, view, pk)
                except NoReverseMatch:
                    continue
                response = client.get(url)
                assert response.status_code in (200, 302), url
                if response.status_code == 200 and MARK in response.text:
                    leaks.append(url)
                walked += 1
    url = reverse("admin:autocomplete")
    for query in autocomplete_queries(set(viewable)):
        for term in ("", MARK):
            response = client.get(url, {**query, "term": term})
            if response.status_code != 200:  # no search fields (404), a field not allowed (403)
                continue
            answered += 1
            results = response.json()["results"]
            if MARK in json.dumps(results, ensure_ascii=False) or (term and results):
                leaks.append(f"{url}?{urlencode({**query, 'term': term})}")
    return leaks, walked, answered


def test_no_admin_page_shows_a_reviewer_a_draft_never_sent(reviewer, drafts, published):
    client = signed_in(reviewer)
    viewable = dict(viewable_admins(reviewer))
    assert {DeclarationRevision, VisionRevision, Project, Organization} <= set(viewable)
    leaks, walked, answered = shown_drafts(client, viewable)
    assert leaks == [], "\n".join(leaks)
    assert walked > 50 and answered > 5

    # a draft answers as an id that was never used does
    assert_not_found(client, admin_url(DeclarationRevision, "change", 2**31 - 1))
    for revision in drafts:
        for view in ("change", "history"):
            assert_not_found(client, admin_url(type(revision), view, revision.pk))
    for project in Project.objects.filter(revision__in=drafts[1::2]):
        assert_not_found(client, admin_url(Project, "change", project.pk))
    draft_only = Organization.objects.filter(name__contains=MARK)
    assert draft_only.exists()
    for organization in draft_only:
        assert_not_found(client, admin_url(Organization, "change", organization.pk))


def test_the_published_revisions_stay_listed_and_readable(reviewer, drafts, published):
    client = signed_in(reviewer)
    declaration, vision = published.declaration_revision, published.vision_revision
    listing = client.get(admin_url(DeclarationRevision, "changelist"))
    assert list(listing.context["cl"].result_list) == [declaration]
    assert list(client.get(admin_url(VisionRevision, "changelist")).context["cl"].result_list) == [
        vision
    ]
    page = client.get(admin_url(DeclarationRevision, "change", declaration.pk))
    assert page.status_code == 200
    assert "瀬戸内広域リージョン" in page.text and "瀬戸内経済連合会" in page.text
    projects = client.get(admin_url(Project, "changelist")).context["cl"].result_list
    assert {p.pk for p in projects} == set(vision.projects.values_list("pk", flat=True))
    project = vision.projects.first()
    assert project.name in client.get(admin_url(Project, "change", project.pk)).text
    # The region found by its published name; the search by a draft's name finds nothing.
    regions = admin_url(Region, "changelist")
    by_name = client.get(regions, {"q": "瀬戸内広域リージョン"}).context["cl"].result_list
    assert list(by_name) == [published.region]
    members = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "declarations",
            "model_name": "member",
            "field_name": "organization",
            "term": "瀬戸内",
        },
    ).json()["results"]
    assert "瀬戸内経済連合会" in {row["text"] for row in members}


def test_a_returned_revision_reopened_reads_in_the_admin_as_on_its_review_page(
    reviewer, submitted, editor
):
    """A returned revision was sent: reopened as a draft it stays the reviewers', with what
    the region writes in it now, on its review page and in the admin alike."""
    client = signed_in(reviewer)
    revision = submitted.declaration_revision
    revision_return(revision=revision, actor=reviewer, comment="区域の補足を書いてください。")
    revision_reopen(revision=revision, actor=editor)
    revision.refresh_from_db()
    revision.area_note = "島しょ部を含む（再開後の編集）"
    revision.save()
    review = client.get(revision_url(revision))
    assert review.status_code == 200 and "島しょ部を含む（再開後の編集）" in review.text
    page = client.get(admin_url(DeclarationRevision, "change", revision.pk))
    assert page.status_code == 200 and "島しょ部を含む（再開後の編集）" in page.text
    listing = client.get(admin_url(DeclarationRevision, "changelist"))
    assert revision in listing.context["cl"].result_list


def test_an_operator_still_sees_and_edits_every_draft(superuser, drafts):
    client = signed_in(superuser)
    listing = client.get(admin_url(DeclarationRevision, "changelist"))
    assert MARK in listing.text
    assert set(drafts[0::2]) <= set(listing.context["cl"].result_list)
    for revision in drafts:
        page = client.get(admin_url(type(revision), "change", revision.pk))
        assert page.status_code == 200 and 'name="_save"' in page.text
    project = Project.objects.filter(revision=drafts[1]).first()
    assert MARK in client.get(admin_url(Project, "change", project.pk)).text
    found = client.get(admin_url(Organization, "changelist"), {"q": MARK})
    assert found.context["cl"].result_count > 0


@pytest.mark.parametrize(
    "name", ["reviews_queue", "reviews_overview", "reviews_audit", "reviews_advice_queue"]
)
def test_the_reviewers_own_pages_do_not_name_a_draft_never_sent(reviewer, drafts, name):
    """The queue, the overview, the advice queue and the audit trail (where the drafts'
    「— → 下書き」 rows are) say nothing of a draft's content, its region's name included."""
    try:
        url = reverse(f"admin:{name}")
    except NoReverseMatch:
        pytest.fail(f"admin:{name} is gone: update this list")
    response = signed_in(reviewer).get(url)

    assert response.status_code == 200
    assert MARK not in response.content.decode()
