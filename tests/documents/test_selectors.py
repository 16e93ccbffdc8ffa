"""The documents' selectors (``documents.selectors``): a revision's PDF links (``documents_for``
and ``documents_for_many``), their URL, who may download them (``can_download``) and the
published revision a SHA-256 belongs to (``published_match``, never an unpublished one).

Revisions move through the real verbs, but without rendering PDFs (``skip_pdfs``): the
frozen rows the selectors read are written here, with made-up hashes."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.urls import resolve
from django.utils import timezone

from accounts.models import REVIEWER_GROUP, RegionRole
from declarations.lifecycle import Status
from documents.models import Document, FrozenDocument, Kind
from documents.selectors import (
    can_download,
    documents_for,
    documents_for_many,
    download_url,
    published_match,
)
from tests.factories import DeclarationRevisionFactory, RegionFactory, UserFactory
from tests.public_data import skip_pdfs
from workflow.verbs import revision_accept, revision_reopen, revision_return, revision_submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_pdfs(monkeypatch):
    skip_pdfs(monkeypatch)


def sha(seed: str) -> str:
    return (seed * 64)[:64]


def frozen(revision, kind=Kind.DOCUMENT, *, digest=None, submitted_at=None, size=1234, pages=3):
    """A frozen PDF row of ``revision``'s current submission (or of ``submitted_at``)."""
    document = Document.DECLARATION if revision.document == "declaration" else Document.VISION
    return FrozenDocument.objects.create(
        region=revision.region,
        document=document,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        revision_number=revision.number,
        submitted_at=submitted_at or revision.submitted_at,
        kind=kind,
        file=f"documents/test/{document}-{revision.pk}-{kind}.pdf",
        sha256=digest or sha("a" if kind == Kind.DOCUMENT else "b"),
        size=size,
        pages=pages,
    )


def submitted(revision, actor):
    revision_submit(revision=revision, actor=actor)
    revision.refresh_from_db()
    return revision


def published(revision, actor, **kwargs):
    submitted(revision, actor)
    revision_accept(revision=revision, actor=actor, **kwargs)
    revision.refresh_from_db()
    return revision


# ---------------------------------------------------------------- links


def test_download_url_is_the_download_view_for_the_document_revision_and_kind():
    url = download_url("vision", 42, "cover")

    assert url.endswith("/vision/42/cover.pdf")
    match = resolve(url)
    assert (match.namespace, match.url_name) == ("documents", "download")
    assert match.kwargs == {"document": "vision", "pk": 42, "kind": "cover"}


def test_documents_for_a_submitted_revision_lists_the_document_then_its_cover(imported, editor):
    revision = submitted(imported.declaration_revision, editor)
    cover = frozen(revision, Kind.COVER, size=99, pages=1)
    main = frozen(revision, Kind.DOCUMENT, size=5000, pages=4)

    links = documents_for(revision)

    assert [link.kind for link in links] == [Kind.DOCUMENT, Kind.COVER]
    assert [link.label for link in links] == ["連携宣言書", "送付書（連携宣言書）"]
    assert [(link.sha256, link.size, link.pages) for link in links] == [
        (main.sha256, 5000, 4),
        (cover.sha256, 99, 1),
    ]
    assert [link.created_at for link in links] == [main.created_at, cover.created_at]
    assert [link.url for link in links] == [
        download_url("declaration", revision.pk, "document"),
        download_url("declaration", revision.pk, "cover"),
    ]
    assert {link.document for link in links} == {"declaration"}
    assert not any(link.is_preview for link in links)
    assert str(links[0]) == "連携宣言書 第1版（PDF）"
    assert links[1].get_absolute_url() == links[1].url


def test_a_submitted_revision_whose_pdfs_are_not_made_yet_has_links_without_a_hash(
    imported, editor
):
    revision = submitted(imported.declaration_revision, editor)

    links = documents_for(revision)

    assert [link.kind for link in links] == [Kind.DOCUMENT, Kind.COVER]
    assert [(link.sha256, link.size, link.pages) for link in links] == [(None, None, None)] * 2
    assert not any(link.is_preview for link in links)


def test_the_pdfs_of_an_earlier_submission_are_not_the_revisions(imported, editor):
    revision = submitted(imported.declaration_revision, editor)
    frozen(revision, Kind.DOCUMENT, digest=sha("e"))
    revision_return(revision=revision, actor=editor, comment="直してください")
    revision_reopen(revision=revision, actor=editor)
    revision.refresh_from_db()
    earlier = revision.submitted_at
    revision = submitted(revision, editor)
    assert revision.submitted_at != earlier

    (document, cover) = documents_for(revision)

    assert document.sha256 is None and cover.sha256 is None
    assert documents_for_many([revision])[("declaration", revision.pk)] == [document, cover]


def test_a_draft_has_preview_links_without_a_hash_even_if_rows_match(imported):
    revision = imported.vision_revision
    frozen(revision, Kind.DOCUMENT)  # submitted_at None, like the draft's

    links = documents_for(revision)

    assert [link.is_preview for link in links] == [True, True]
    assert [link.sha256 for link in links] == [None, None]
    assert [link.label for link in links] == ["連携ビジョン", "送付書（連携ビジョン）"]
    assert links[0].url == download_url("vision", revision.pk, "document")


def test_documents_for_costs_one_query(imported, editor, django_assert_num_queries):
    revision = submitted(imported.declaration_revision, editor)
    frozen(revision)
    frozen(revision, Kind.COVER)
    ContentType.objects.get_for_model(revision)  # cached, as in a running site

    with django_assert_num_queries(1):
        links = documents_for(revision)
    assert links[0].sha256 == sha("a")
    assert [link.state for link in links] == ["made", "made"]


def test_while_a_pdf_is_missing_documents_for_reads_its_build_too(
    imported, editor, django_assert_num_queries
):
    from documents.models import DocumentBuild

    revision = submitted(imported.declaration_revision, editor)
    frozen(revision)
    ContentType.objects.get_for_model(revision)

    with django_assert_num_queries(2):
        links = documents_for(revision)
    assert [link.state for link in links] == ["made", "making"]
    DocumentBuild.objects.update(status=DocumentBuild.Status.FAILED)
    assert [link.state for link in documents_for(revision)] == ["made", "failed"]
    with django_assert_num_queries(1):  # a public page: 「作成中」 either way
        links = documents_for(revision, build_status=False)
    assert [link.state for link in links] == ["made", "making"]


def test_documents_for_many_is_documents_for_of_each_keyed_by_document_and_pk(
    imported, editor, django_assert_num_queries
):
    declaration = submitted(imported.declaration_revision, editor)
    vision = submitted(imported.vision_revision, editor)
    frozen(declaration, Kind.DOCUMENT, digest=sha("1"))
    frozen(declaration, Kind.COVER, digest=sha("2"))
    frozen(vision, Kind.DOCUMENT, digest=sha("3"))
    other = RegionFactory()

    draft = DeclarationRevisionFactory(declaration__region=other)
    revisions = [declaration, vision, draft]
    for revision in revisions:
        ContentType.objects.get_for_model(revision)

    # one per document type, and one for the build of the vision (its cover is missing)
    with django_assert_num_queries(3):
        many = documents_for_many(revisions)

    assert set(many) == {
        ("declaration", declaration.pk),
        ("vision", vision.pk),
        ("declaration", draft.pk),
    }
    for revision in revisions:
        assert many[(revision.document, revision.pk)] == documents_for(revision)
    assert [link.sha256 for link in many[("vision", vision.pk)]] == [sha("3"), None]
    assert [link.sha256 for link in many[("declaration", declaration.pk)]] == [sha("1"), sha("2")]


def test_documents_for_many_of_no_revisions_is_empty_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert documents_for_many([]) == {}


# ---------------------------------------------------------------- who may download


@pytest.fixture
def people(imported):
    region = imported.region
    staff = UserFactory(username="region-staff")
    RegionRole.objects.create(user=staff, region=region, role=RegionRole.Role.VIEWER)
    inactive = UserFactory(username="inactive-staff", is_active=False)
    RegionRole.objects.create(user=inactive, region=region, role=RegionRole.Role.EDITOR)
    other = UserFactory(username="other-staff")
    RegionRole.objects.create(user=other, region=RegionFactory(), role=RegionRole.Role.EDITOR)
    reviewer = UserFactory(username="a-reviewer", is_staff=True)
    reviewer.groups.add(Group.objects.get_or_create(name=REVIEWER_GROUP)[0])
    return {
        "anonymous": AnonymousUser(),
        "someone": UserFactory(username="someone"),
        "admin-staff-without-group": UserFactory(username="clerk", is_staff=True),
        "other-region-staff": other,
        "inactive-region-staff": inactive,
        "region-staff": staff,
        "reviewer": reviewer,
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
    }


MAY_SEE_UNPUBLISHED = {"region-staff", "reviewer", "superuser"}
EVERYONE = (
    "anonymous",
    "someone",
    "admin-staff-without-group",
    "other-region-staff",
    "inactive-region-staff",
    "region-staff",
    "reviewer",
    "superuser",
)


@pytest.mark.parametrize("who", EVERYONE)
def test_a_published_revision_may_be_downloaded_by_anyone(imported, editor, people, who):
    revision = published(imported.declaration_revision, editor)
    assert can_download(people[who], revision) is True


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED])
@pytest.mark.parametrize("who", EVERYONE)
def test_an_unpublished_revision_is_for_the_regions_staff_and_reviewers(
    imported, editor, people, who, status
):
    revision = submitted(imported.declaration_revision, editor)
    if status == Status.RETURNED:
        revision_return(revision=revision, actor=editor, comment="直してください")
    elif status == Status.ACCEPTED:
        publish_on = timezone.localdate() + datetime.timedelta(days=30)
        revision_accept(revision=revision, actor=editor, publish_on=publish_on)
    revision.refresh_from_db()
    assert revision.status == status

    assert can_download(people[who], revision) is (who in MAY_SEE_UNPUBLISHED)


@pytest.mark.parametrize("who", EVERYONE)
def test_a_draft_preview_is_for_the_regions_staff_and_reviewers(imported, people, who):
    for revision in (imported.declaration_revision, imported.vision_revision):
        assert revision.status == Status.DRAFT
        assert can_download(people[who], revision) is (who in MAY_SEE_UNPUBLISHED)


# ---------------------------------------------------------------- /verify/


def test_a_published_declarations_pdfs_match_with_its_region(imported, editor):
    revision = published(imported.declaration_revision, editor)
    main = frozen(revision, Kind.DOCUMENT, digest=sha("c"))
    cover = frozen(revision, Kind.COVER, digest=sha("d"))

    match = published_match(sha("c"))

    assert match.frozen.pk == main.pk
    assert match.revision.pk == revision.pk
    assert (match.region_name, match.region_slug) == ("瀬戸内広域リージョン", "setouchi")
    assert match.declaration_number is None
    assert match.download_url == download_url("declaration", revision.pk, "document")
    assert published_match(sha("d")).frozen.pk == cover.pk


def test_a_hash_in_capitals_matches_too(imported, editor):
    revision = published(imported.declaration_revision, editor)
    frozen(revision, digest=sha("c"))

    assert published_match(sha("C")).revision.pk == revision.pk


def test_a_published_visions_pdf_names_the_declaration_it_is_read_against(imported, editor):
    declaration = published(imported.declaration_revision, editor)
    vision = published(imported.vision_revision, editor)
    frozen(vision, digest=sha("f"))

    match = published_match(sha("f"))

    assert match.revision.pk == vision.pk
    assert match.region_name == "瀬戸内広域リージョン"
    assert match.region_slug == "setouchi"
    assert match.declaration_number == declaration.number == 1
    assert match.download_url == download_url("vision", vision.pk, "document")


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.ACCEPTED])
def test_the_pdf_of_an_unpublished_revision_matches_nothing(imported, editor, status):
    revision = imported.declaration_revision
    if status != Status.DRAFT:
        submitted(revision, editor)
    if status == Status.ACCEPTED:
        publish_on = timezone.localdate() + datetime.timedelta(days=30)
        revision_accept(revision=revision, actor=editor, publish_on=publish_on)
        revision.refresh_from_db()
    assert revision.status == status
    frozen(revision, digest=sha("c"))

    assert published_match(sha("c")) is None


def test_the_pdf_of_an_earlier_submission_matches_nothing_once_published(imported, editor):
    revision = submitted(imported.declaration_revision, editor)
    frozen(revision, digest=sha("9"))  # the first submission's PDF
    revision_return(revision=revision, actor=editor, comment="直してください")
    revision_reopen(revision=revision, actor=editor)
    revision.refresh_from_db()
    published(revision, editor)
    frozen(revision, digest=sha("8"))  # the published submission's PDF

    assert published_match(sha("9")) is None
    assert published_match(sha("8")).revision.pk == revision.pk


@pytest.mark.parametrize(
    "text",
    ["", "c" * 63, "c" * 65, "g" * 64, "c" * 63 + " ", "../" + "c" * 61, "ｃ" * 64],
)
def test_a_malformed_hash_matches_nothing(imported, editor, text):
    revision = published(imported.declaration_revision, editor)
    frozen(revision, digest=sha("c"))

    assert published_match(text) is None
    assert published_match(sha("c")) is not None


def test_an_unknown_hash_matches_nothing(imported, editor):
    revision = published(imported.declaration_revision, editor)
    frozen(revision, digest=sha("c"))

    assert published_match(sha("7")) is None
