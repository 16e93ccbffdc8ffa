"""The search texts of the region list (``public.search_index``) after ``migrate``: the
post_migrate receiver writes those a published region lacks, and does nothing while the
table is not there yet (``migrate declarations`` on a new database)."""

import pytest
from django.apps import apps as installed_apps
from django.db.migrations.state import ProjectState

from public.apps import missing_search_texts
from public.models import RegionSearchText
from tests.prebuilt import restored
from tests.public_data import published_setouchi

pytestmark = pytest.mark.django_db


def test_migrate_writes_the_search_text_a_published_region_lacks():
    region = restored(published_setouchi)
    RegionSearchText.objects.filter(region=region).delete()

    missing_search_texts(sender=installed_apps.get_app_config("public"), apps=installed_apps)

    text = RegionSearchText.objects.get(region=region).text
    assert "瀬戸内" in text


def test_migrate_of_another_app_before_the_tables_exist_reads_nothing(
    django_assert_num_queries,
):
    """The migration state of a database where ``public`` is not migrated has no
    ``RegionSearchText``: the receiver must not query a table that is not there."""
    state_without_public = ProjectState().apps

    with django_assert_num_queries(0):
        missing_search_texts(
            sender=installed_apps.get_app_config("public"), apps=state_without_public
        )
