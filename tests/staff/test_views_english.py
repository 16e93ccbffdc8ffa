# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The optional English name and summary on the declaration form (ADR 0124): saved with the
draft, shown read-only once submitted, carried into a change, on the review page."""

import pytest

from declarations.lifecycle import Status
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    declaration,
    editor,
    editor_client,
    form_values,
    imported,
    publish,
    region,
    single,
)
from workflow.adapter import filing_from_revisions
from workflow.verbs import revision_submit

pytestmark = pytest.mark.django_db

URL = "/staff/setouchi/declaration/1/"


def test_the_english_name_and_summary_are_saved_with_the_draft(editor_client, imported):
    data = form_values(editor_client.get(URL), "declaration-form")
    assert data["region_name_en"] == [""] and data["aspiration_en"] == [""]

    response = editor_client.post(
        URL,
        single(
            data,
            save="1",
            region_name_en="  Setouchi Regional Alliance ",
            aspiration_en="Islands working together.\r\nA sea of industry.",
        ),
    )

    assert response.status_code == 302
    revision = declaration(imported.region)
    assert revision.region_name_en == "Setouchi Regional Alliance"
    assert revision.aspiration_en == "Islands working together.\nA sea of industry."
    shown = form_values(editor_client.get(URL), "declaration-form")
    assert shown["region_name_en"] == ["Setouchi Regional Alliance"]
    # the bundle carries them (export, the API's bundle, the submission's snapshot)
    filing = filing_from_revisions(revision)
    assert filing.declaration.region_name_en == "Setouchi Regional Alliance"


def test_the_fields_are_marked_as_english_for_screen_readers(editor_client, imported):
    page = editor_client.get(URL).content.decode()

    assert 'name="region_name_en"' in page and 'lang="en"' in page
    assert "英語の公開ページ（任意）" in page


def test_too_long_a_summary_is_refused_and_kept(editor_client, imported):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = editor_client.post(URL, single(data, save="1", aspiration_en="x" * 2001))

    assert response.status_code == 200
    assert form_values(response, "declaration-form")["aspiration_en"] == ["x" * 2001]
    assert declaration(imported.region).aspiration_en == ""


def test_a_submitted_revision_shows_them_read_only(editor_client, editor, imported):
    revision = declaration(imported.region)
    revision.region_name_en = "Setouchi"
    revision.aspiration_en = "Islands."
    revision.save()
    revision_submit(revision=revision, actor=editor)

    page = editor_client.get(URL).content.decode()

    assert '<dd lang="en" id="region_name_en">Setouchi</dd>' in page
    assert 'lang="en" id="aspiration_en">Islands.</dd>' in page


def test_a_change_starts_with_the_published_english(editor_client, editor, imported):
    revision = declaration(imported.region)
    revision.region_name_en = "Setouchi"
    revision.save()
    publish(revision, editor)
    assert revision.status == Status.PUBLISHED

    editor_client.post("/staff/setouchi/declaration/change/")

    assert declaration(imported.region, 2).region_name_en == "Setouchi"
