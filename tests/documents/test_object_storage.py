"""The frozen PDFs in object storage (issue 14, ADR 0103), against a real S3 HTTP server.

``object_storage`` (tests/s3_server.py) starts moto's S3 server in a process of its own, makes
an empty bucket for the test and points ``STORAGES["default"]`` at it through the portal's
reader of the environment: django-storages' real code (boto3 over HTTP) stores and reads the
PDFs. The bucket is listed with a separate boto3 client, as an operator would.
"""

import hashlib
import logging
import os

import pytest
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from documents.models import Kind
from documents.services import (
    StoredDocumentDamaged,
    freeze_documents,
    frozen_documents,
    read_frozen,
)
from region_portal.storage import ObjectStorage
from workflow.verbs import revision_submit

pytestmark = pytest.mark.django_db


def url(revision, kind=Kind.DOCUMENT):
    return reverse(
        "documents:download", kwargs={"document": "declaration", "pk": revision.pk, "kind": kind}
    )


def files_under(root) -> list[str]:
    return [os.path.join(d, f) for d, _, names in os.walk(root) for f in names]


@pytest.fixture
def frozen_here(object_storage, imported, editor):
    """The declaration sent and its PDFs made in this test, into its bucket."""
    revision = imported.declaration_revision
    revision_submit(revision=revision, actor=editor)
    freeze_documents(revision=revision)  # made here even when a worker makes them later
    revision.refresh_from_db()
    return revision


@pytest.fixture
def submitted(object_storage, sent_declaration):
    """The declaration sent, its PDFs made once per process (tests/documents/sent.py) and
    saved in this test's bucket through the portal's storage."""
    return sent_declaration


@pytest.fixture
def published(object_storage, published_declaration):
    return published_declaration


def test_the_default_storage_is_the_bucket(object_storage):
    storage = storages["default"]
    assert isinstance(storage, ObjectStorage)
    assert storage.bucket_name == object_storage.name
    assert storage.file_overwrite is False
    assert storage.default_acl is None
    assert storage.querystring_auth is False


def test_a_submission_freezes_its_pdfs_into_the_bucket(frozen_here, object_storage, media_root):
    frozen = frozen_documents(frozen_here)
    stored = object_storage.objects()

    assert set(frozen) == {Kind.DOCUMENT, Kind.COVER}
    for row in frozen.values():
        key = f"{object_storage.prefix}/{row.file.name}"
        assert key in stored, sorted(stored)
        assert stored[key].startswith(b"%PDF-")
        assert hashlib.sha256(stored[key]).hexdigest() == row.sha256
        assert len(stored[key]) == row.size
    assert len(stored) == 2
    assert files_under(media_root) == []  # nothing on the app server's disk


def test_freezing_again_writes_nothing_new(submitted, object_storage):
    before = object_storage.objects()

    again = freeze_documents(revision=submitted)

    assert object_storage.objects() == before
    assert {row.pk for row in again.values()} == {
        row.pk for row in frozen_documents(submitted).values()
    }


def test_the_storage_never_overwrites_an_object_of_the_same_name(object_storage):
    first = default_storage.save("documents/x/same.pdf", SimpleUploadedFile("a", b"%PDF-1 first"))
    second = default_storage.save("documents/x/same.pdf", SimpleUploadedFile("b", b"%PDF-1 other"))

    assert first == "documents/x/same.pdf"
    assert second != first
    stored = object_storage.objects()
    assert stored[f"{object_storage.prefix}/{first}"] == b"%PDF-1 first"
    assert stored[f"{object_storage.prefix}/{second}"] == b"%PDF-1 other"


def test_a_published_pdf_is_downloaded_from_the_bucket_with_its_hash(published, object_storage):
    for kind in (Kind.DOCUMENT, Kind.COVER):
        row = frozen_documents(published)[kind]
        stored = object_storage.objects()[f"{object_storage.prefix}/{row.file.name}"]

        response = Client().get(url(published, kind))

        assert response.status_code == 200
        assert response.content == stored
        assert response["ETag"] == f'"{row.sha256}"'
        assert hashlib.sha256(response.content).hexdigest() == row.sha256


def test_a_submitted_pdf_is_still_only_for_the_region_staff(submitted, editor):
    assert Client().get(url(submitted)).status_code == 404


def test_an_object_changed_in_the_bucket_is_refused(published, object_storage, caplog):
    row = frozen_documents(published)[Kind.DOCUMENT]
    object_storage.put(f"{object_storage.prefix}/{row.file.name}", b"%PDF-1.7\nswapped\n%%EOF")

    with caplog.at_level(logging.ERROR, logger="documents.services"):
        response = Client().get(url(published))

    assert response.status_code == 500
    assert "保存された PDF を読み出せませんでした" in response.content.decode()
    assert b"swapped" not in response.content
    assert any("SHA-256" in record.getMessage() for record in caplog.records)


def test_an_object_missing_from_the_bucket_is_a_damaged_document(published, object_storage):
    row = frozen_documents(published)[Kind.COVER]
    object_storage.delete(f"{object_storage.prefix}/{row.file.name}")

    with pytest.raises(StoredDocumentDamaged, match="読めません"):
        read_frozen(row)
    response = Client().get(url(published, Kind.COVER))
    assert response.status_code == 500
    assert "保存された PDF を読み出せませんでした" in response.content.decode()


def test_an_unreachable_store_is_a_damaged_document_not_a_crash(published, settings):
    row = frozen_documents(published)[Kind.DOCUMENT]
    options = settings.STORAGES["default"]["OPTIONS"]
    # Port 9 (discard) on the loopback: nothing listens there, the connection is refused.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**options, "endpoint_url": "http://127.0.0.1:9"},
        },
    }

    with pytest.raises(StoredDocumentDamaged, match="読めません"):
        read_frozen(row)
    response = Client().get(url(published))
    assert response.status_code == 500
    assert "保存された PDF を読み出せませんでした" in response.content.decode()


def test_verify_recognises_a_pdf_from_the_bucket(published, object_storage):
    row = frozen_documents(published)[Kind.DOCUMENT]
    data = object_storage.objects()[f"{object_storage.prefix}/{row.file.name}"]

    response = Client().post(
        reverse("verify"),
        {"file": SimpleUploadedFile("document.pdf", data, content_type="application/pdf")},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "一致しました" in html
    assert row.sha256 in html
