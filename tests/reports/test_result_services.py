"""The yearly results (reports.result_services, ADR 0108): written through the rules,
sent, returned, accepted (= published) and corrected, each move with its audit row; the
targets keep their keys into a change revision."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from declarations import clock
from declarations.lifecycle import FrozenRevisionError, Status
from declarations.models import StatusChange
from filing.rules.results import years_due
from projects.models import ProjectTarget
from reports.models import TargetResult
from reports.result_services import (
    ResultInput,
    ResultRefused,
    result_accept,
    result_correct,
    result_return,
    result_save,
    results_submit_year,
)
from reports.selectors import missing_results, published_results, result_targets
from reviews.models import Review
from tests.reports.helpers import editor, published, region, shinsa  # noqa: F401 (fixtures)
from workflow.revisions import revision_start_change

pytestmark = pytest.mark.django_db


def trail(result):
    rows = StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(TargetResult), object_id=result.pk
    )
    return [(row.old, row.new) for row in rows]


def a_target(published):
    targets = result_targets(published.vision_revision)
    assert targets, "the test bundle has targets"
    key, entry = next(iter(targets.items()))
    years = [y for y in range(2020, 2030) if entry.project.start and entry.project.end]
    return key, entry, years


# The test bundle's projects start in 令和8年度: their first 年度 has ended on this day.
LATER = datetime(2027, 6, 1, 10, tzinfo=UTC)


@pytest.fixture(autouse=True)
def later():
    with clock.recorded_at(LATER):
        yield


def ended_year(entry):
    years = years_due(entry.period, LATER.date())
    assert years, "the test project has an ended 年度"
    return years[0]


def test_published_targets_have_keys(published):
    assert not ProjectTarget.objects.filter(key="").exists()
    assert result_targets(published.vision_revision)


def test_a_change_keeps_the_keys_of_its_targets(published, editor):
    before = sorted(
        ProjectTarget.objects.filter(project__revision=published.vision_revision).values_list(
            "key", flat=True
        )
    )
    change = revision_start_change(region=published.region, document="vision", actor=editor)
    after = sorted(
        ProjectTarget.objects.filter(project__revision=change).values_list("key", flat=True)
    )
    assert after == before and len(set(after)) == len(after)


def test_a_result_is_filed_returned_accepted_and_published(published, editor, shinsa):
    key, entry, _ = a_target(published)
    year = ended_year(entry)
    result = result_save(
        region=published.region,
        actor=editor,
        given=ResultInput(
            key, year, Decimal("12"), comment="速報値", evidence_url="https://example.jp/a"
        ),
    )
    assert result.status == Status.DRAFT and result.target_name == entry.target.name
    assert published_results([result.vision_id]) == {}
    results_submit_year(region=published.region, fiscal_year=year, keys=[key], actor=editor)
    result.refresh_from_db()
    assert result.status == Status.SUBMITTED
    with pytest.raises(FrozenRevisionError):
        result.comment = "x"
        result.save()
    result_return(result=result, actor=shinsa, comment="根拠を添えてください")
    result.refresh_from_db()
    result = result_save(
        region=published.region,
        actor=editor,
        given=ResultInput(key, year, Decimal("13")),
        result=result,
        version=result.version,
    )
    results_submit_year(region=published.region, fiscal_year=year, keys=[key], actor=editor)
    result.refresh_from_db()
    result_accept(result=result, actor=shinsa)
    result.refresh_from_db()
    assert result.status == Status.PUBLISHED
    assert trail(result) == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "draft"),
        ("draft", "submitted"),
        ("submitted", "accepted"),
        ("accepted", "published"),
    ]
    decisions = Review.objects.filter(
        content_type=ContentType.objects.get_for_model(TargetResult), object_id=result.pk
    )
    assert sorted(decisions.values_list("decision", flat=True)) == ["accepted", "returned"]
    shown = published_results([result.vision_id])
    assert shown[(result.vision_id, key, year)].value == Decimal("13")

    correction = result_correct(result=result, actor=editor)
    assert correction.number == 2 and correction.supersedes == result
    # the published figure stays until the correction is published
    assert published_results([result.vision_id])[(result.vision_id, key, year)] == result


def test_bad_input_saves_nothing(published, editor):
    key, entry, _ = a_target(published)
    year = ended_year(entry)
    with pytest.raises(ResultRefused) as refused:
        result_save(
            region=published.region, actor=editor, given=ResultInput("nope", year, Decimal("1"))
        )
    assert [f.code for f in refused.value.findings] == ["result.target"]
    with pytest.raises(ResultRefused) as refused:
        result_save(
            region=published.region, actor=editor, given=ResultInput(key, 1990, Decimal("1"))
        )
    assert [f.path for f in refused.value.findings] == ["fiscal_year"]
    result_save(region=published.region, actor=editor, given=ResultInput(key, year, Decimal("1")))
    with pytest.raises(ResultRefused) as refused:
        result_save(
            region=published.region, actor=editor, given=ResultInput(key, year, Decimal("2"))
        )
    assert [f.code for f in refused.value.findings] == ["result.duplicate"]
    assert TargetResult.objects.count() == 1


def test_missing_results_are_listed_after_the_year_ends(published, editor):
    key, entry, _ = a_target(published)
    year = ended_year(entry)
    today = date(year + 1, 12, 1)
    missing = missing_results(today=today, days=60)
    assert any(m.fiscal_year == year and key in {t.target.key for t in m.targets} for m in missing)
    assert not any(
        m.fiscal_year == year for m in missing_results(today=date(year + 1, 4, 2), days=60)
    )
