"""Downloads (who may open which PDF; the same bytes every time) and the public /verify/ page."""

import hashlib
import io
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import REVIEWER_GROUP, RegionRole
from declarations.lifecycle import Status
from declarations.services import revision_transition
from documents.forms import VERIFY_MAX_BYTES, VerifyForm
from documents.models import DocumentBuild, FrozenDocument, Kind
from documents.selectors import documents_for, documents_for_many
from documents.services import build_for, frozen_documents, read_frozen
from tests.documents.helpers import flat_text
from tests.factories import RegionFactory, UserFactory
from tests.pdf_bombs import many_pages, nested_object_streams
from tests.review_helpers import submit_and_make
from web.ratelimit import rate_limit_clear
from workflow.verbs import revision_accept, revision_reopen, revision_return

pytestmark = pytest.mark.django_db


def url(revision, kind="document", document="declaration"):
    return reverse(
        "documents:download", kwargs={"document": document, "pk": revision.pk, "kind": kind}
    )


@pytest.fixture
def submitted(sent_declaration):
    """The declaration sent, its PDFs made once per process (tests/documents/sent.py)."""
    return sent_declaration


@pytest.fixture
def published(published_declaration):
    assert published_declaration.status == Status.PUBLISHED
    return published_declaration


@pytest.fixture
def people(imported):
    region = imported.region
    staff = UserFactory(username="staff")
    RegionRole.objects.create(user=staff, region=region, role=RegionRole.Role.VIEWER)
    stranger_staff = UserFactory(username="stranger-staff")
    RegionRole.objects.create(user=stranger_staff, region=RegionFactory(), role="editor")
    reviewer = UserFactory(username="reviewer", is_staff=True)
    reviewer.groups.add(Group.objects.get_or_create(name=REVIEWER_GROUP)[0])
    return {
        "anonymous": None,
        "someone": UserFactory(username="someone"),
        "stranger-staff": stranger_staff,
        "staff": staff,
        "reviewer": reviewer,
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
    }


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# ---------------------------------------------------------------- downloads


def test_a_published_pdf_is_open_to_anyone_and_is_the_frozen_copy(published):
    frozen = frozen_documents(published)

    for kind in (Kind.DOCUMENT, Kind.COVER):
        response = Client().get(url(published, kind))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert body == read_frozen(frozen[kind])
        assert response["ETag"] == f'"{frozen[kind].sha256}"'
        assert response["Content-Length"] == str(len(body))
        assert response["Cache-Control"].startswith("public")
        assert response["Content-Disposition"].startswith("inline;")


def test_a_re_download_is_byte_identical_and_matches_the_stored_hash(published):
    first = Client().get(url(published)).content
    second = Client().get(url(published)).content

    assert first == second
    assert hashlib.sha256(first).hexdigest() == frozen_documents(published)[Kind.DOCUMENT].sha256
    digest = Client().get(url(published))["Repr-Digest"]
    assert digest.startswith("sha-256=:") and digest.endswith(":")


def test_the_file_name_names_the_region_document_and_revision(published):
    disposition = Client().get(url(published))["Content-Disposition"]

    assert "filename*=utf-8''" in disposition
    assert "瀬戸内広域リージョン_連携宣言書_第1版.pdf" in unquote(disposition)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("someone", 404),
        ("stranger-staff", 404),
        ("staff", 200),
        ("reviewer", 200),
        ("superuser", 200),
    ],
)
def test_an_unpublished_pdf_is_only_for_the_regions_staff_and_reviewers(
    submitted, people, who, status
):
    response = client_for(people[who]).get(url(submitted))

    assert response.status_code == status
    if status == 200:
        assert response.content == read_frozen(frozen_documents(submitted)[Kind.DOCUMENT])
        assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize(("who", "status"), [("anonymous", 404), ("staff", 200), ("reviewer", 200)])
def test_a_draft_is_previewed_for_staff_marked_and_never_stored(imported, people, who, status):
    draft = imported.declaration_revision

    response = client_for(people[who]).get(url(draft))

    assert response.status_code == status
    if status == 200:
        assert response["Cache-Control"] == "no-store"
        assert "ETag" not in response
        text = flat_text(response.content)
        assert "下書き" in text and "瀬戸内広域リージョン連携宣言書" in text
        assert (
            "下書き" in response["Content-Disposition"]
            or "%E4%B8%8B%E6%9B%B8%E3%81%8D" in (response["Content-Disposition"])
        )
    assert not FrozenDocument.objects.exists()


def test_a_vision_draft_preview_and_its_cover_letter(imported, people):
    client = client_for(people["staff"])
    vision = imported.vision_revision

    document = client.get(url(vision, "document", "vision"))
    cover = client.get(url(vision, "cover", "vision"))

    assert document.status_code == cover.status_code == 200
    assert "瀬戸内広域リージョン連携ビジョン" in flat_text(document.content)
    assert "広域リージョン連携ビジョンの送付について" in flat_text(cover.content)


@pytest.mark.parametrize(
    "path",
    [
        "/documents/unknown/1/document.pdf",
        "/documents/declaration/1/unknown.pdf",
        "/documents/declaration/0/document.pdf",
        "/documents/declaration/999999/document.pdf",
        "/documents/declaration/99999999999999999999999999/document.pdf",
        "/documents/declaration/-1/document.pdf",
        "/documents/declaration/1/document",
        "/documents/declaration/%3Cscript%3E/document.pdf",
        "/documents/vision/1/%00.pdf",
    ],
)
def test_unknown_documents_revisions_and_kinds_are_404(published, path):
    assert Client().get(path).status_code == 404


def test_a_declaration_id_asked_for_as_a_vision_is_404_when_no_such_vision(published):
    missing = published.pk + 1000
    assert Client().get(f"/documents/vision/{missing}/document.pdf").status_code == 404


def test_a_vision_without_any_declaration_revision_is_explained_not_a_crash(people):
    from tests.factories import VisionRevisionFactory

    vision = VisionRevisionFactory()

    response = client_for(people["superuser"]).get(url(vision, "document", "vision"))

    assert response.status_code == 404
    assert "前提となる連携宣言書の版がない" in response.content.decode()


def test_only_get_is_allowed(published):
    assert Client().post(url(published)).status_code == 405


def test_a_download_never_makes_a_pdf_and_says_it_is_being_made(imported, people):
    revision = imported.declaration_revision
    revision_transition(revision=revision, new=Status.SUBMITTED)  # bypassing revision_submit
    assert not FrozenDocument.objects.exists()

    first = client_for(people["staff"]).get(url(revision))
    head = client_for(people["reviewer"]).head(url(revision))

    assert first.status_code == head.status_code == 503
    assert first["Retry-After"] == "10"
    assert first["Cache-Control"] == "no-store"
    assert first["Content-Type"].startswith("text/html")
    assert "作成中" in first.content.decode()
    assert not FrozenDocument.objects.exists()

    call_command("freeze_documents", "--now", verbosity=0)  # what the worker does

    made = client_for(people["staff"]).get(url(revision))
    assert made.status_code == 200
    assert made.content == read_frozen(frozen_documents(revision)[Kind.DOCUMENT])


def test_a_pdf_whose_making_failed_says_so_and_that_operators_make_it_again(imported, people):
    revision = imported.declaration_revision
    revision_transition(revision=revision, new=Status.SUBMITTED)
    build = build_for(revision)
    DocumentBuild.objects.filter(pk=build.pk).update(status=DocumentBuild.Status.FAILED)

    response = client_for(people["staff"]).get(url(revision, kind="cover"))

    assert response.status_code == 503
    assert response["Retry-After"] == "600"
    assert "作成に失敗しました。運用担当が再作成します" in response.content.decode()


def test_a_damaged_stored_file_gives_an_explanation_not_other_bytes(published):
    row = frozen_documents(published)[Kind.DOCUMENT]
    default_storage.delete(row.file.name)
    default_storage.save(row.file.name, ContentFile(b"%PDF-1.7 not the same"))

    response = Client().get(url(published))

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "保存された PDF を読み出せませんでした" in response.content.decode()


def test_documents_for_lists_both_pdfs_with_url_hash_and_size(published, django_assert_num_queries):
    with django_assert_num_queries(1):
        links = documents_for(published)

    frozen = frozen_documents(published)
    assert [link.kind for link in links] == [Kind.DOCUMENT, Kind.COVER]
    for link in links:
        assert link.url == url(published, link.kind)
        assert link.get_absolute_url() == link.url
        assert link.sha256 == frozen[link.kind].sha256
        assert link.size == frozen[link.kind].size and link.pages >= 1
        assert not link.is_preview
    assert [link.title for link in links] == ["連携宣言書", "送付書（連携宣言書）"]
    assert str(links[0]) == "連携宣言書 第1版（PDF）"


def test_documents_for_a_draft_gives_preview_links_without_a_hash(imported):
    links = documents_for(imported.vision_revision)

    assert all(link.is_preview and link.sha256 is None for link in links)
    assert links[0].url == url(imported.vision_revision, "document", "vision")


def test_documents_for_many_revisions_costs_one_query_per_document_type(
    published, sent_vision, django_assert_num_queries
):
    revisions = [published, sent_vision]

    with django_assert_num_queries(2):
        links = documents_for_many(revisions)

    assert (
        links[("declaration", published.pk)][0].sha256
        == frozen_documents(published)[Kind.DOCUMENT].sha256
    )
    assert links[("vision", sent_vision.pk)][1].kind == Kind.COVER


# ---------------------------------------------------------------- /verify/


def upload(data: bytes, name: str = "document.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def verify(file=None, **extra):
    return Client().post(reverse("verify"), {"file": file} if file is not None else {}, **extra)


def test_the_verify_page_shows_the_form(client):
    response = client.get(reverse("verify"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "送付文書の PDF の照合" in html
    assert 'type="file"' in html and 'enctype="multipart/form-data"' in html
    assert "20 MB まで" in html


def test_a_published_pdf_is_recognised_with_its_region_revision_and_dates(published):
    for kind, title in ((Kind.DOCUMENT, "連携宣言書"), (Kind.COVER, "送付書（連携宣言書）")):
        row = frozen_documents(published)[kind]

        response = verify(upload(read_frozen(row)))

        html = response.content.decode()
        assert response.status_code == 200
        assert "一致しました" in html
        assert "瀬戸内広域リージョン" in html
        assert f"<dd>{title}</dd>" in html
        assert "第1版（策定）" in html
        assert "令和" in html  # submitted and published dates
        assert row.sha256 in html
        assert f'href="{reverse("regions:detail", args=[published.region.slug])}"' in html
        assert f'href="{url(published, kind)}"' in html


def test_a_published_vision_names_its_region_and_declaration(sent_vision, editor):
    revision_accept(revision=sent_vision, actor=editor)

    row = frozen_documents(sent_vision)[Kind.DOCUMENT]
    html = verify(upload(read_frozen(row))).content.decode()

    assert "一致しました" in html
    assert "瀬戸内広域リージョン" in html
    assert "連携宣言書 第1版による" in html


def test_an_unpublished_pdf_matches_nothing_and_reveals_nothing(submitted):
    row = frozen_documents(submitted)[Kind.DOCUMENT]

    response = verify(upload(read_frozen(row)))

    html = response.content.decode()
    assert response.status_code == 200
    assert "一致する公表済みの文書はありません" in html
    assert "瀬戸内広域リージョン" not in html
    assert "setouchi" not in html
    assert row.sha256 in html, "the hash of the uploaded file itself is shown"


def test_the_copy_of_an_earlier_submission_matches_nothing_once_published(sent_declaration, editor):
    revision = sent_declaration
    earlier = read_frozen(frozen_documents(revision)[Kind.DOCUMENT])
    revision_return(revision=revision, actor=editor, comment="修正してください")
    revision_reopen(revision=revision, actor=editor)
    revision.refresh_from_db()
    revision.aspiration = "改めた目指すべき姿。"
    revision.save()
    submit_and_make(revision=revision, actor=editor)
    revision_accept(revision=revision, actor=editor)
    revision.refresh_from_db()

    assert "一致する公表済みの文書はありません" in verify(upload(earlier)).content.decode()
    latest = read_frozen(frozen_documents(revision)[Kind.DOCUMENT])
    assert "一致しました" in verify(upload(latest)).content.decode()
    assert Client().get(url(revision)).content == latest


def test_a_changed_copy_of_a_published_pdf_matches_nothing(published):
    data = read_frozen(frozen_documents(published)[Kind.DOCUMENT])

    html = verify(upload(data + b"\n% one more byte\n")).content.decode()

    assert "一致する公表済みの文書はありません" in html


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"hello, this is text", "note.pdf", "PDF ファイルではありません"),
        (b"\x89PNG\r\n\x1a\n....", "image.pdf", "PDF ファイルではありません"),
        (b"", "empty.pdf", "空のファイルです"),
        (b"<script>alert(1)</script>", "<b>x</b>\x07.pdf", "PDF ファイルではありません"),
    ],
)
def test_anything_that_is_not_a_readable_pdf_is_refused_with_a_message(data, name, message):
    response = verify(upload(data, name=name))

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "<script>alert(1)</script>" not in html


def test_no_file_at_all_asks_for_one():
    response = verify()

    assert response.status_code == 400
    assert "照合する PDF ファイルを選んでください" in response.content.decode()


def test_a_request_announcing_more_than_the_limit_is_refused_before_it_is_read():
    response = Client().post(
        reverse("verify"),
        data=b"x" * 10,
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(VERIFY_MAX_BYTES + 10 * 1024 * 1024),
    )

    assert response.status_code == 413
    assert "ファイルが大きすぎます" in response.content.decode()


def test_a_file_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr("documents.views.VERIFY_MAX_BYTES", 1024)
    monkeypatch.setattr("documents.views.VERIFY_MAX_REQUEST", 10 * 1024 * 1024)
    big = b"%PDF-1.7\n" + b"0" * 4096

    response = verify(upload(big))

    assert response.status_code == 413
    assert "ファイルが大きすぎます" in response.content.decode()


def test_the_form_refuses_a_file_over_twenty_megabytes():
    big = upload(b"%PDF-1.7\n" + b"0" * VERIFY_MAX_BYTES)
    form = VerifyForm(files={"file": big})

    assert not form.is_valid()
    assert form.errors["file"][0].startswith("ファイルが大きすぎます")


def test_the_verify_form_needs_the_csrf_token(published):
    client = Client(enforce_csrf_checks=True)
    data = read_frozen(frozen_documents(published)[Kind.DOCUMENT])

    response = client.post(reverse("verify"), {"file": upload(data)})

    assert response.status_code == 403


def test_a_pdf_made_elsewhere_is_readable_but_matches_nothing(db):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)

    html = verify(upload(buffer.getvalue())).content.decode()

    assert "一致する公表済みの文書はありません" in html


# ---------------------------------------------------------------- /verify/ is hashed, never parsed


@pytest.fixture
def parses(monkeypatch):
    """Every PdfReader opened from now on (none should be, for an upload)."""
    import pypdf

    opened = []
    original = pypdf.PdfReader.__init__

    def spy(self, *args, **kwargs):
        opened.append(args)
        original(self, *args, **kwargs)

    monkeypatch.setattr(pypdf.PdfReader, "__init__", spy)
    return opened


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"%PDF-1.7\nthis is not really a pdf\n%%EOF", id="damaged"),
        pytest.param(many_pages(20_000), id="20000-pages"),
        pytest.param(nested_object_streams(200), id="nested-object-streams"),
    ],
)
def test_an_upload_that_matches_nothing_is_never_parsed(db, parses, data):
    response = verify(upload(data))

    assert response.status_code == 200
    assert "一致する公表済みの文書はありません" in response.content.decode()
    assert hashlib.sha256(data).hexdigest() in response.content.decode()
    assert parses == []


def test_a_published_pdf_is_matched_from_its_hash_alone(published, monkeypatch):
    data = read_frozen(frozen_documents(published)[Kind.DOCUMENT])
    import pypdf

    opened = []
    monkeypatch.setattr(pypdf.PdfReader, "__init__", lambda self, *a, **k: opened.append(a))

    html = verify(upload(data)).content.decode()

    assert "一致しました" in html
    assert f"<dd>{frozen_documents(published)[Kind.DOCUMENT].pages}</dd>" in html
    assert opened == [], "the page count comes from the frozen row, not from the upload"


def test_the_upload_is_hashed_as_it_arrives_and_only_its_first_bytes_are_kept():
    from documents.views import HashingUploadHandler

    data = many_pages(3000)
    request = RequestFactory().post("/verify/", {"file": upload(data)})
    request.upload_handlers = [HashingUploadHandler(request)]

    received = request.FILES["file"]

    assert received.sha256 == hashlib.sha256(data).hexdigest()
    assert received.size == len(data)
    assert received.read() == b"%PDF-"
    assert not hasattr(received, "temporary_file_path")


def test_a_client_that_verifies_too_often_gets_429_and_the_page_still_opens(db, settings):
    rate_limit_clear()
    settings.VERIFY_RATE_LIMIT = 2
    client = Client()
    pdf = many_pages(1)

    statuses = [client.post(reverse("verify"), {"file": upload(pdf)}).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert client.get(reverse("verify")).status_code == 200
    rate_limit_clear()
