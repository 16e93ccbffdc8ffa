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
def _master_data_for_live_server(request):
    """A transactional test flushes every table when it ends, including the master data that
    the data migration loaded. A live-server (browser) test, or one with app servers of its own
    (``app_servers``, tests/region_portal/test_two_app_servers.py), that runs after one finds no
    prefectures or municipalities; load them again (idempotent) before it starts."""
    if not {"live_server", "app_servers"} & set(request.fixturenames):
        return
    request.getfixturevalue("transactional_db")
    from declarations.master_loader import load_master_data
    from declarations.models import Municipality, Prefecture

    if Municipality.objects.count() != 1741:
        load_master_data(Prefecture, Municipality)
    # The reviewer group comes from a data migration too; the flush's post_migrate has
    # already recreated the permissions it is given.
    from importlib import import_module

    from django.contrib.auth.models import Group, Permission

    from accounts.models import REVIEWER_GROUP

    if not Group.objects.filter(name=REVIEWER_GROUP).exists():
        migration = import_module("reviews.migrations.0003_reviewer_group")
        group = Group.objects.create(name=REVIEWER_GROUP)
        group.permissions.set(
            Permission.objects.get(content_type__app_label=label, codename=codename)
            for label, codename in migration.REVIEWER_PERMISSIONS
        )
        reports = import_module("reports.migrations.0002_reviewer_permissions")
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="reports", codename__in=reports.PERMISSIONS
            )
        )
        catalogue = import_module("support.migrations.0001_initial")  # ADR 0114
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="support", codename__in=catalogue.PERMISSIONS
            )
        )


def pytest_collection_modifyitems(config, items):
    """Every probe in tests/security/ runs against the live server: mark it ``live`` so that
    CI can run these probes once (on PostgreSQL) rather than on every database."""
    for item in items:
        if "security" in item.path.parts:
            item.add_marker(pytest.mark.live)
