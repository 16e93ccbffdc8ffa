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
"""

import dataclasses
from collections.abc import Callable
from functools import partial

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
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
class Built:
    value: object  # what the build returned, with its model objects
    changes: tuple[Change, ...]


_BUILT: dict[tuple[str, ...], Built] = {}
# The builds restored in the running test, in order (reset by tests/conftest.py).
_RESTORED: list[str] = []


def restored_reset() -> None:
    _RESTORED.clear()


def restored[T](build: Callable[[], T], *, pdfs: bool = False) -> T:
    """What ``build()`` returns, its rows in this test's database (see the module's text).
    The PDFs of what the build submits are skipped (``skip_pdfs``) unless ``pdfs``."""
    name = f"{build.__module__}.{build.__qualname__}"
    assert "<" not in name, f"{name}: give restored() a function of a module (it is kept by name)"
    key = (*_RESTORED, name)
    if key not in _BUILT:
        _BUILT[key] = _build(build, pdfs=pdfs)
    built = _BUILT[key]
    _RESTORED.append(key[-1])
    for change in built.changes:
        _apply(change)
    return _fresh(built.value)


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
    with transaction.atomic():
        with pytest.MonkeyPatch.context() as patch:
            if not pdfs:
                skip_pdfs(patch)
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
    for cache in caches.all(initialized_only=True):
        cache.clear()
    return Built(value=value, changes=tuple(changes))


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
