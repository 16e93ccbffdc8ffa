import os

import pytest

# Browser tests run the live server in a thread next to pytest's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The S3-compatible server of the object storage tests and its fixtures (ADR 0103).
pytest_plugins = ["tests.s3_server"]


@pytest.fixture(autouse=True)
def _fresh_master_data_cache():
    """Each test reads the master data from its own database the first time (query counts
    then do not depend on the order the tests run in)."""
    from declarations.selectors import master_data_clear

    master_data_clear()
    yield
    master_data_clear()


@pytest.fixture(autouse=True)
def _fresh_public_stamps():
    """No test sees the publication stamps (or pages) another test's database left in the
    cache: public.cache keeps the stamps there (ADR 0100)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with no request counted against any client (web.ratelimit): the
    tests all come from 127.0.0.1 within the same minute."""
    from web.ratelimit import rate_limit_clear

    rate_limit_clear()
    yield
    rate_limit_clear()


@pytest.fixture(autouse=True)
def _nothing_restored_yet():
    """tests.prebuilt keeps the builds a test restored, in order: none at its start."""
    from tests.prebuilt import restored_reset

    restored_reset()
    yield


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """A request to an /en/ page activates English in this thread (LocaleMiddleware, ADR 0124);
    the next test starts from the default language again."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _master_data_for_transactional_tests(request):
    """A transactional test flushes every table when it ends, including the master data that
    the data migration loaded (the flush's post_migrate gives the reviewer group back its
    permissions: accounts.reviewer_group). pytest-django runs the transactional tests last, so
    only they can find the tables empty: load the master data again (idempotent, two bulk
    upserts) before one starts. This replaces ``serialized_rollback``, which reloaded every
    row of the first migration one by one before each test (docs/performance.md)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"live_server", "app_servers", "transactional_db"} & set(request.fixturenames)
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from declarations.master_loader import load_master_data
    from declarations.models import Municipality, Prefecture

    if Municipality.objects.count() != 1741:
        load_master_data(Prefecture, Municipality)


def pytest_collection_modifyitems(config, items):
    """Every probe in tests/security/ runs against the live server: mark it ``live`` so that
    CI can run these probes once (on PostgreSQL) rather than on every database."""
    for item in items:
        if "security" in item.path.parts:
            item.add_marker(pytest.mark.live)
