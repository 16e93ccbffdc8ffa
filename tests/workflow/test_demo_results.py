"""The demo's yearly results (manage.py load_demo_data, manifest ``results``, ADR 0108):
two 年度 accepted and published in two regions, one more waiting for review, each moved by
the real verbs at the moments the manifest gives."""

import io
import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from declarations.lifecycle import Status
from declarations.models import StatusChange
from reports.models import TargetResult
from reports.selectors import current_published_vision, published_results, result_targets
from reviews.models import Review
from workflow.management.commands.load_demo_data import DEMO_DIR

MANIFEST = json.loads((DEMO_DIR / "manifest.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.django_db


def given_results():
    """(slug, batch, value) of every result the manifest lists."""
    return [
        (entry["slug"], batch, value)
        for entry in MANIFEST["regions"]
        for batch in entry.get("results", ())
        for value in batch["values"]
    ]


def load_twice():
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())  # idempotent: adds nothing


def test_the_demo_loads_each_listed_result_once_at_its_moments():
    load_twice()
    given = given_results()
    assert TargetResult.objects.count() == len(given)
    for slug, batch, value in given:
        result = TargetResult.objects.get(
            vision__region__slug=slug,
            fiscal_year=batch["fiscal_year"],
            target_name=value["target"],
        )
        label = f"{slug} {value['target']} {batch['fiscal_year']}"
        assert result.project_name == batch["project"], label
        assert result.value == Decimal(value["value"]), label
        assert result.comment == value["comment"], label
        submitted = datetime.fromisoformat(batch["submitted_at"])
        assert result.submitted_at == submitted, label
        # The 年度 had ended when it was reported (result.year).
        assert timezone.localdate(result.submitted_at) >= date(batch["fiscal_year"] + 1, 4, 1)
        changes = {
            c.new: c.at
            for c in StatusChange.objects.filter(
                content_type=ContentType.objects.get_for_model(TargetResult),
                object_id=result.pk,
            )
        }
        assert changes[Status.SUBMITTED] == submitted, label
        reviews = Review.objects.filter(
            content_type=ContentType.objects.get_for_model(TargetResult), object_id=result.pk
        )
        if "published_at" in batch:
            published = datetime.fromisoformat(batch["published_at"])
            assert result.status == Status.PUBLISHED, label
            assert result.published_at == published == result.accepted_at, label
            assert changes[Status.ACCEPTED] == changes[Status.PUBLISHED] == published, label
            assert [r.decision for r in reviews] == [Review.Decision.ACCEPTED], label
        else:
            assert result.status == Status.SUBMITTED, label
            assert not reviews.exists(), label


def test_two_regions_show_two_published_years_and_one_result_waits_for_review():
    load_twice()
    years_by_region = {}
    for result in TargetResult.objects.filter(status=Status.PUBLISHED):
        years_by_region.setdefault(result.region.slug, set()).add(result.fiscal_year)
    assert len([s for s, years in years_by_region.items() if len(years) >= 2]) >= 2
    waiting = TargetResult.objects.filter(status=Status.SUBMITTED)
    assert waiting.count() == 1
    assert waiting.get().region.slug in years_by_region
    # The public reads them: published_results gives each published figure.
    visions = {r.vision_id for r in TargetResult.objects.all()}
    assert (
        len(published_results(visions))
        == TargetResult.objects.filter(status=Status.PUBLISHED).count()
    )


def test_each_demo_result_is_plausible_for_its_target():
    """Between the baseline and the final target, in the target's direction, and not far
    from the year's target when there is one."""
    load_twice()
    for result in TargetResult.objects.all():
        revision = current_published_vision(result.region)
        target = result_targets(revision)[result.target_key].target
        baseline, final = target.baseline_value, target.final_value
        low, high = (baseline, final) if target.better == "higher" else (final, baseline)
        assert low <= result.value <= high, result
        yearly = target.values.get(str(result.fiscal_year))
        if yearly is not None:
            assert abs(result.value - Decimal(yearly)) <= abs(final - baseline) * Decimal("0.2")


def test_a_result_for_a_target_the_vision_lacks_stops_the_load(tmp_path):
    entry = next(e for e in MANIFEST["regions"] if e.get("results"))
    broken = json.loads(json.dumps(entry))
    broken["results"][0]["values"][0]["target"] = "存在しない指標"
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"regions": [broken]}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="存在しない指標"):
        call_command("load_demo_data", manifest=str(manifest), stdout=io.StringIO())
    assert not TargetResult.objects.exists()  # the region's load is one transaction


def test_a_result_reported_before_its_year_ended_stops_the_load(tmp_path):
    entry = next(e for e in MANIFEST["regions"] if e.get("results"))
    broken = json.loads(json.dumps(entry))
    broken["results"][0]["submitted_at"] = (
        f"{broken['results'][0]['fiscal_year']}-12-01T10:00:00+09:00"
    )
    broken["results"][0].pop("published_at", None)
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"regions": [broken]}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="まだ終わっていません"):
        call_command("load_demo_data", manifest=str(manifest), stdout=io.StringIO())
