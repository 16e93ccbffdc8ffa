"""Issue 13 on the stored documents: HEAD on a download, the day a vision is dated, the
送付書's number and contact, the 代表団体 from the bundle to the PDF and back."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from declarations.models import DeclarationRevision
from documents import views
from documents.models import Kind
from documents.services import document_meta, frozen_documents, read_frozen, render_document
from filing.bundle import dumps_bundle, parse_bundle
from filing.formatting import wareki
from tests.documents.helpers import BUNDLES_DIR, flat_text
from tests.review_helpers import submit_and_make
from workflow.adapter import filing_from_revisions, filing_import, revisions_for_export
from workflow.verbs import revision_accept, revision_submit

pytestmark = pytest.mark.django_db


def url(revision, kind="document", document="declaration"):
    return reverse(
        "documents:download", kwargs={"document": document, "pk": revision.pk, "kind": kind}
    )


def head(revision, kind="document", document="declaration"):
    """The view itself answering HEAD (the test client would drop a body on its own)."""
    request = RequestFactory().head(url(revision, kind, document))
    request.user = AnonymousUser()
    return views.download(request, document=document, pk=revision.pk, kind=kind)


# ---------------------------------------------------------------- HEAD


def test_head_on_a_published_pdf_gives_its_headers_and_no_body(published_declaration):
    revision = published_declaration

    for kind in (Kind.DOCUMENT, Kind.COVER):
        got = Client().get(url(revision, kind))
        response = head(revision, kind)

        assert response.status_code == 200
        assert response.content == b""
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Length"] == str(len(got.content)) == got["Content-Length"]
        assert response["ETag"] == got["ETag"] == f'"{frozen_documents(revision)[kind].sha256}"'
        assert response["Repr-Digest"] == got["Repr-Digest"]
        assert response["Content-Disposition"] == got["Content-Disposition"]


def test_head_on_what_get_would_refuse_is_refused_the_same_way(imported):
    with pytest.raises(views.Http404):
        head(imported.declaration_revision)  # a draft, for an anonymous visitor
    assert Client().head(url(imported.declaration_revision)).status_code == 404
    assert Client().post(url(imported.declaration_revision)).status_code == 405


# ---------------------------------------------------------------- the day a vision is dated


def test_the_vision_is_dated_its_consultation_day_and_its_cover_letter_the_day_sent(
    sent_vision,
):
    vision = sent_vision
    assert vision.consulted_on.isoformat() == "2026-03-18"
    frozen = frozen_documents(vision)

    document = flat_text(read_frozen(frozen[Kind.DOCUMENT]))
    cover = flat_text(read_frozen(frozen[Kind.COVER]))
    sent = wareki(timezone.localdate(vision.submitted_at))

    dateline = document.split("連携ビジョン", 1)[1].split("は、広域リージョン連携推進要綱")[0]
    assert dateline.startswith("令和8年3月18日"), dateline
    assert sent not in dateline
    assert sent in cover


def test_a_vision_without_a_consultation_day_falls_back_to_the_day_sent_or_stays_blank(
    imported, editor
):
    vision = imported.vision_revision
    vision.consulted_on = None

    assert document_meta(vision, draft=True).dated is None  # 「令和　年　月　日」
    assert "令和年月日" in flat_text(render_document(vision, Kind.DOCUMENT, draft=True))

    vision.submitted_at = timezone.now()
    assert document_meta(vision, draft=False).dated == timezone.localdate(vision.submitted_at)


# ---------------------------------------------------------------- 送付書: number and contact


def test_the_cover_letter_prints_the_number_and_contact_saved_on_the_revision(imported, editor):
    revision = imported.declaration_revision
    DeclarationRevision.objects.filter(pk=revision.pk).update(
        cover_number="瀬戸内広域第7号",
        contact_department="岡山県総合政策局政策推進課",
        contact_person="備前太郎",
        contact_phone="086-000-0000",
        contact_email="renkei@example.jp",
    )
    revision.refresh_from_db()
    submit_and_make(revision=revision, actor=editor)
    revision.refresh_from_db()

    cover = flat_text(read_frozen(frozen_documents(revision)[Kind.COVER]))

    for expected in (
        "瀬戸内広域第7号",
        "岡山県総合政策局政策推進課",
        "備前太郎",
        "086-000-0000",
        "renkei@example.jp",
    ):
        assert expected in cover, expected


# ---------------------------------------------------------------- 代表団体


def test_the_representative_goes_from_the_bundle_to_the_pdf_and_back_unchanged():
    bundle = json.loads((BUNDLES_DIR / "valid_region.json").read_text(encoding="utf-8"))
    assert "revision" not in bundle["declaration"]
    bundle["declaration"]["representative"] = "okayama"  # after "fields", as the writer puts it
    text = json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
    filing = parse_bundle(text)
    assert dumps_bundle(filing) == text

    imported = filing_import(filing, slug="setouchi")
    assert imported.declaration_revision.representative == "okayama"
    declaration, vision = revisions_for_export(imported.region)
    assert dumps_bundle(filing_from_revisions(declaration, vision)) == text
    pdf = flat_text(render_document(imported.declaration_revision, Kind.DOCUMENT))
    assert "代表団体岡山県" in pdf


def test_the_representative_is_shown_on_the_public_region_page(editor):
    bundle = json.loads((BUNDLES_DIR / "valid_region.json").read_text(encoding="utf-8"))
    bundle["declaration"]["representative"] = "hiroshima"
    revision = filing_import(parse_bundle(json.dumps(bundle)), slug="setouchi").declaration_revision
    revision_submit(revision=revision, actor=editor)  # the page, not its PDFs
    revision_accept(revision=revision, actor=editor)

    page = Client().get("/regions/setouchi/").content.decode()

    assert "代表団体" in page
    assert "広島県" in page.split("代表団体", 1)[1][:200]
