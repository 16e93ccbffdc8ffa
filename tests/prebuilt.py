"""Data built once per test process and given to each test as fresh rows (ADR 0132).

Publishing a region through the real verbs costs about a second of CPU (the import, four
revisions submitted and accepted, ~460 queries), and hundreds of tests of the public and
staff pages need such regions. ``restored(build)`` runs ``build()`` through the real
services the first time a process needs it, inside a savepoint that it rolls back, and keeps
the rows the build wrote. Each test that asks for it gets those rows inserted again (one
INSERT per table) and what ``build()`` returned with every model object in it read again
from the database, so no test sees an object another test changed::

    def changed_setouchi():
        first = publish_region("setouchi")
        ...
        return first.region

    @pytest.fixture
    def setouchi(db):
        return restored(changed_setouchi)

A test gets the rows it would have got by running the builds itself, except the moments
(``published_at`` and the like), which are those of the first build, seconds or minutes
earlier. Builds run on what the test restored before (a second region finds the first one's
rows, as it would): a build is kept for the sequence of builds the test asked for, so
``restored(a)`` then ``restored(b)`` keeps b's rows as built on top of a's. A build must
depend on nothing but the code, the migrated database and the builds before it: it may not
read the test's own objects, so ask for these fixtures before creating rows of your own.
Caches the build filled are cleared after it.

The rows are inserted with their primary keys; PostgreSQL's sequences had moved past them
during the build (a rollback does not move a sequence back), so a test's new rows never
collide with them; on SQLite the next key comes from the table (AUTOINCREMENT), which is
past them once they are in. The foreign keys are deferred (Django creates them DEFERRABLE
INITIALLY DEFERRED), so the order of the tables does not matter; the test's teardown checks
them. Rows are written without ``save()`` or signals, exactly as they were read: those the
build added, and the new values of those it changed (a counter of 受付番号, say).

Files go the same way (ADR 0136). Every file the build saves through a storage of
``settings.STORAGES`` (``Storage.save``: the frozen PDFs of a 送付 made with
``make_documents``, say) is read back, kept with its storage's alias and name, and deleted
from that storage, as the rows are rolled back. Each test that restores the build gets the
same bytes saved under the same names in its own storage of that alias (a test's
``MEDIA_ROOT`` or bucket), before its body runs: the restored ``FrozenDocument`` rows point at
real files with the right hashes, and reading them goes through the storage as it would. Only
saves are followed: a file the build deletes, or changes without ``save()``, is not put back
as it was (write no such build); a file it saved and then deleted is not kept. The storage
must be one the handler gives (``storages[alias]``), not an object made elsewhere.
"""

import dataclasses
from collections.abc import Callable
from functools import partial

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import models, transaction

from tests.public_data import skip_pdfs

# Rows never written by a build: the content types and permissions of the migrations.
UNTOUCHED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


@dataclasses.dataclass(frozen=True)
class Change:
    """What a build did to one table: rows it added, rows it changed (their new values) and
    the keys of rows it deleted."""

    model: type[models.Model]
    added: tuple[dict, ...]
    changed: tuple[dict, ...]
    deleted: tuple[object, ...]


@dataclasses.dataclass(frozen=True)
class StoredFile:
    """A file a build saved: the alias of its storage in ``settings.STORAGES``, its name there
    and its bytes."""

    storage: str
    name: str
    content: bytes


@dataclasses.dataclass(frozen=True)
class Built:
    value: object  # what the build returned, with its model objects
    changes: tuple[Change, ...]
    files: tuple[StoredFile, ...] = ()


_BUILT: dict[tuple[str, ...], Built] = {}
# The builds restored in the running test, in order (reset by tests/conftest.py).
_RESTORED: list[str] = []


def restored_reset() -> None:
    _RESTORED.clear()


def restored[T](build: Callable[[], T], *, pdfs: bool = False) -> T:
    """What ``build()`` returns, its rows in this test's database and its files in this
    test's storage (see the module's text). The worker's task of what the build submits is
    dropped (``skip_pdfs``) unless ``pdfs``; a build that makes the PDFs itself
    (``make_documents``) keeps them."""
    name = f"{build.__module__}.{build.__qualname__}"
    assert "<" not in name, f"{name}: give restored() a function of a module (it is kept by name)"
    key = (*_RESTORED, name)
    if key not in _BUILT:
        _BUILT[key] = _build(build, pdfs=pdfs)
    built = _BUILT[key]
    _RESTORED.append(key[-1])
    for change in built.changes:
        _apply(change)
    for file in built.files:
        _put(file)
    return _fresh(built.value)


def _put(file: StoredFile) -> None:
    """The file saved again, under its name, in this test's storage of its alias."""
    storage = storages[file.storage]
    if storage.exists(file.name):  # left by an earlier test in a storage they share
        storage.delete(file.name)
    name = storage.save(file.name, ContentFile(file.content))
    assert name == file.name, f"{file.name} was saved again as {name}"


def _apply(change: Change) -> None:
    model = change.model
    rows = models.QuerySet(model)
    if change.added:
        fields = model._meta.local_concrete_fields
        added = [model(**_content_types_here(model, row)) for row in change.added]
        rows._insert(added, fields=fields)
    pk = model._meta.pk.attname
    for row in map(partial(_content_types_here, model), change.changed):
        rows.filter(pk=row[pk]).update(**{name: value for name, value in row.items() if name != pk})
    if change.deleted:
        rows.filter(pk__in=change.deleted)._raw_delete(rows.db)


def _tables():
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.label_lower not in UNTOUCHED and meta.managed and not meta.proxy:
            yield model


def _rows(model) -> dict:
    attnames = [field.attname for field in model._meta.local_concrete_fields]
    pk = model._meta.pk.attname
    rows = models.QuerySet(model).values(*attnames)
    return {row[pk]: _content_types_named(model, row) for row in rows}


# A transactional test's flush empties the content types too and post_migrate makes them
# again under new keys: a row keeps the natural key of its content type instead.


def _content_type_fields(model) -> list[str]:
    return [
        field.attname
        for field in model._meta.local_concrete_fields
        if field.is_relation and field.related_model is ContentType
    ]


def _content_types_named(model, row: dict) -> dict:
    for name in _content_type_fields(model):
        if row[name] is not None:
            row[name] = ContentType.objects.get_for_id(row[name]).natural_key()
    return row


def _content_types_here(model, row: dict) -> dict:
    row = dict(row)
    for name in _content_type_fields(model):
        if row[name] is not None:
            row[name] = ContentType.objects.get_by_natural_key(*row[name]).pk
    return row


def _build(build: Callable, *, pdfs: bool) -> Built:
    import pytest

    before = {model: _rows(model) for model in _tables()}
    saved: list[tuple[Storage, str]] = []
    save = Storage.save

    def saving(storage, name, content, max_length=None):
        name = save(storage, name, content, max_length=max_length)
        saved.append((storage, name))
        return name

    with transaction.atomic():
        with pytest.MonkeyPatch.context() as patch:
            if not pdfs:
                skip_pdfs(patch)
            patch.setattr(Storage, "save", saving)
            value = build()
        changes = []
        for model, old in before.items():
            new = _rows(model)
            change = Change(
                model=model,
                added=tuple(row for key, row in new.items() if key not in old),
                changed=tuple(row for key, row in new.items() if key in old and old[key] != row),
                deleted=tuple(key for key in old if key not in new),
            )
            if change.added or change.changed or change.deleted:
                changes.append(change)
        transaction.set_rollback(True)
    files = tuple(_taken(storage, name) for storage, name in saved if storage.exists(name))
    for cache in caches.all(initialized_only=True):
        cache.clear()
    return Built(value=value, changes=tuple(changes), files=files)


def _taken(storage: Storage, name: str) -> StoredFile:
    """The file the build saved, read and deleted (it goes with the rows rolled back)."""
    alias = next((alias for alias in settings.STORAGES if storages[alias] is storage), None)
    assert alias is not None, f"{storage!r}: restored() keeps the files of settings.STORAGES only"
    with storage.open(name, "rb") as handle:
        content = handle.read()
    storage.delete(name)
    return StoredFile(storage=alias, name=name, content=content)


def _fresh(value):
    """``value`` with each model object read again (and each dataclass, tuple, list and dict
    holding them rebuilt)."""
    if isinstance(value, models.Model):
        return type(value)._base_manager.get(pk=value.pk)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value,
            **{f.name: _fresh(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init},
        )
    if isinstance(value, tuple | list):
        return type(value)(_fresh(item) for item in value)
    if isinstance(value, dict):
        return {key: _fresh(item) for key, item in value.items()}
    return value
