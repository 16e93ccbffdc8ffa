"""The reviewers' overview: counts by status, which prefectures the regions cover (a table,
and the vendored map when present), visions overdue for verification and projects ending
within a year."""

import datetime
from dataclasses import replace

import pytest
from django.utils import timezone

from ministry.coverage_map import map_file
from tests.filing_factories import valid_filing, with_vision
from tests.review_helpers import signed_in, submit
from workflow.adapter import filing_import
from workflow.verbs import revision_accept

pytestmark = pytest.mark.django_db

OVERVIEW = "/admin/reviews/review/overview/"


@pytest.fixture
def published_setouchi(submitted):
    revision_accept(revision=submitted.declaration_revision, actor=None)
    revision_accept(revision=submitted.vision_revision, actor=None)
    return submitted


@pytest.fixture
def northern(editor):
    """北海道・青森: published, verified two years ago, one project ending in 100 days;
    then a change submitted (under review)."""
    today = timezone.localdate()
    filing = valid_filing()
    ending = replace(
        filing.vision.projects[1],
        start=today - datetime.timedelta(days=400),
        end=today + datetime.timedelta(days=100),
    )
    filing = with_vision(
        filing,
        verified_on=today - datetime.timedelta(days=800),
        projects=(filing.vision.projects[0], ending),
    )
    result = filing_import(filing, slug="northern")
    for revision in (result.declaration_revision, result.vision_revision):
        submit(revision, editor)
        revision_accept(revision=revision, actor=None)
    return result


def test_counts_by_status_for_both_documents(
    reviewer_client, published_setouchi, northern, imported
):
    page = reviewer_client.get(OVERVIEW)
    counts = {
        row["status"].value: (row["declaration"], row["vision"]) for row in page.context["counts"]
    }
    assert counts["published"] == (2, 2)
    assert counts["submitted"] == (0, 0)
    assert counts["draft"] == (0, 0)


def test_the_coverage_table_names_the_regions_of_each_prefecture(
    reviewer_client, published_setouchi, editor
):
    pending = filing_import(valid_filing(), slug="pending")
    submit(pending.declaration_revision, editor)
    page = reviewer_client.get(OVERVIEW)
    coverage = {row.prefecture.name: row for row in page.context["coverage"]}
    assert len(coverage) == 47
    assert coverage["広島県"].published == ("瀬戸内広域リージョン",)
    assert coverage["青森県"].published == () and coverage["青森県"].under_review == (
        "北海道・青森リージョン",
    )
    assert coverage["沖縄県"].published == () and coverage["沖縄県"].under_review == ()
    html = page.content.decode()
    assert "<caption>都道府県ごとの宣言リージョン</caption>" in html


def test_the_map_classes_each_prefecture_by_coverage(reviewer_client, published_setouchi):
    page = reviewer_client.get(OVERVIEW)
    svg = page.context["map_svg"]
    assert map_file() is not None and svg is not None  # static/vendor/svg-maps-japan
    assert 'role="img"' in svg
    hiroshima = svg.split('id="hiroshima"', 1)[1].split(">", 1)[0]
    assert "coverage-map__prefecture--published" in hiroshima
    okinawa = svg.split('id="okinawa"', 1)[1].split(">", 1)[0]
    assert "coverage-map__prefecture--none" in okinawa
    assert svg.count("coverage-map__prefecture--") == 47
    assert "広島県: 瀬戸内広域リージョン" in svg
    assert "style=" not in svg  # CSP: no inline styles


def test_without_a_vendored_map_the_overview_shows_the_table_alone(
    reviewer_client, settings, tmp_path
):
    settings.STATICFILES_DIRS = [tmp_path]
    page = reviewer_client.get(OVERVIEW)
    assert page.status_code == 200
    assert page.context["map_svg"] is None
    assert "都道府県ごとの宣言リージョン" in page.content.decode()


def test_every_prefecture_of_the_master_data_is_on_the_map(reviewer_client):
    from declarations.models import Prefecture

    svg = map_file().read_text()
    for prefecture in Prefecture.objects.all():
        assert f'id="{prefecture.name_en.lower()}"' in svg, prefecture.name_en


def test_visions_overdue_for_verification_and_projects_ending_soon(
    reviewer_client, northern, published_setouchi
):
    page = reviewer_client.get(OVERVIEW)
    overdue = page.context["overdue"]
    assert [item.revision.pk for item in overdue] == [northern.vision_revision.pk]
    assert overdue[0].finding.code == "vision.verification"
    assert overdue[0].region_name == "北海道・青森リージョン"
    ending = page.context["ending"]
    assert [item.project.name for item in ending] == ["広域観光周遊ルート"]
    html = page.content.decode()
    assert f"#item-vision-projects-{ending[0].project_index}" in html


def test_the_overview_is_for_reviewers(client, editor, published_setouchi):
    assert client.get(OVERVIEW).status_code == 302
    assert signed_in(editor).get(OVERVIEW).status_code == 302


def test_a_never_verified_vision_is_overdue_a_year_after_its_first_publication(
    reviewer_client, editor
):
    # issue 11: counted from its first publication, not from the declaration's date (which
    # flagged a vision minutes after it was published).
    from visions.models import VisionRevision

    filing = with_vision(valid_filing(), verified_on=None)
    result = filing_import(filing, slug="fresh")
    for revision in (result.declaration_revision, result.vision_revision):
        submit(revision, editor)
        revision_accept(revision=revision, actor=None)
    assert reviewer_client.get(OVERVIEW).context["overdue"] == []
    VisionRevision.objects.filter(pk=result.vision_revision.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=400)
    )
    (item,) = reviewer_client.get(OVERVIEW).context["overdue"]
    assert item.revision.pk == result.vision_revision.pk
    assert "最初の公表の日" in item.finding.message
