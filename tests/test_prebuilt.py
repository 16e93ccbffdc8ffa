"""tests.prebuilt.restored with files (ADR 0136): what a build saved in a storage is in each
restoring test's own storage, under the same name, with the same bytes."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage

from tests.prebuilt import restored

NAME = "prebuilt/note.txt"
CONTENT = "一度だけ作ったファイル".encode()


def a_saved_file() -> str:
    return default_storage.save(NAME, ContentFile(CONTENT))


def a_file_of_a_storage_made_elsewhere() -> str:
    storage = FileSystemStorage(location=settings.MEDIA_ROOT / "elsewhere")
    return storage.save(NAME, ContentFile(CONTENT))


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.parametrize("test", ["the test that builds", "a later test"])
@pytest.mark.django_db
def test_each_test_finds_the_saved_file_in_its_own_storage(media_root, test):
    name = restored(a_saved_file)

    assert name == NAME
    assert (media_root / NAME).read_bytes() == CONTENT
    assert [p.relative_to(media_root).as_posix() for p in media_root.rglob("*.*")] == [NAME]


@pytest.mark.django_db
def test_the_file_goes_to_the_storage_the_test_has_now(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }

    restored(a_saved_file)

    with default_storage.open(NAME, "rb") as handle:
        assert handle.read() == CONTENT


@pytest.mark.django_db
def test_a_storage_outside_the_settings_is_refused(media_root):
    with pytest.raises(AssertionError, match=r"settings\.STORAGES"):
        restored(a_file_of_a_storage_made_elsewhere)
