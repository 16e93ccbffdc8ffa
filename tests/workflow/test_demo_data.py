"""The demo regions load as the manifest says, and each published one passes every rule."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from declarations.lifecycle import Status
from declarations.models import DeclarationRevision, Region
from declarations.selectors import master_data
from filing.bundle import filing_to_bundle, read_bundle_file
from filing.data import RuleContext
from filing.engine import check_filing
from region_portal.env import BASE_DIR
from visions.models import VisionRevision

DEMO = BASE_DIR / "demo"
MANIFEST = json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.django_db


def test_there_are_at_least_six_demo_regions_with_the_required_kinds():
    statuses = {step["status"] for entry in MANIFEST["regions"] for step in entry["revisions"]}
    assert len(MANIFEST["regions"]) >= 6
    assert {"published", "draft", "submitted"} <= statuses
    assert any(len(entry["revisions"]) > 1 for entry in MANIFEST["regions"])  # a change history


def test_load_demo_data_reaches_every_status_of_the_manifest_and_is_idempotent():
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())
    assert Region.objects.count() == len(MANIFEST["regions"])
    for entry in MANIFEST["regions"]:
        revisions = DeclarationRevision.objects.filter(
            declaration__region__slug=entry["slug"]
        ).order_by("number")
        assert [r.status for r in revisions] == [
            Status(step["status"]) for step in entry["revisions"]
        ], entry["slug"]
        visions = VisionRevision.objects.filter(vision__region__slug=entry["slug"]).order_by(
            "number"
        )
        assert all(v.status == r.status for v, r in zip(visions, revisions, strict=False))


@pytest.mark.parametrize(
    "step",
    [
        step
        for entry in MANIFEST["regions"]
        for step in entry["revisions"]
        if step["status"] != "draft"
    ],
    ids=lambda step: step["bundle"],
)
def test_every_demo_bundle_past_draft_has_no_error(step):
    filing = read_bundle_file(DEMO / step["bundle"])
    context = RuleContext(master=master_data(), today=datetime.date(2026, 11, 22))
    errors = [f for f in check_filing(filing, context) if f.is_error]
    assert errors == []
    assert filing_to_bundle(filing) == json.loads(
        (DEMO / step["bundle"]).read_text(encoding="utf-8")
    )


def test_the_draft_demo_region_shows_work_in_progress():
    draft = next(s for e in MANIFEST["regions"] for s in e["revisions"] if s["status"] == "draft")
    context = RuleContext(master=master_data(), today=datetime.date(2026, 11, 22))
    assert any(f.is_error for f in check_filing(read_bundle_file(DEMO / draft["bundle"]), context))
