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


def test_the_demo_has_a_plausible_history():
    """Issue 13: every publication got the day load_demo_data ran, so 瀬戸内 第2版 was declared
    before 第1版 was published. Now each move has the day the manifest gives it."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from declarations.models import StatusChange
    from reviews.models import Review

    call_command("load_demo_data", stdout=io.StringIO())
    now = timezone.now()
    for entry in MANIFEST["regions"]:
        declarations = list(
            DeclarationRevision.objects.filter(declaration__region__slug=entry["slug"]).order_by(
                "number"
            )
        )
        visions = {
            v.number: v for v in VisionRevision.objects.filter(vision__region__slug=entry["slug"])
        }
        previous_published = None
        for declaration in declarations:
            vision = visions.get(declaration.number)
            declared = declaration.declared_on
            if previous_published is not None:
                # A change is declared after the revision it changes was published.
                assert declared > timezone.localdate(previous_published), entry["slug"]
            for revision in [declaration] + ([vision] if vision else []):
                label = f"{entry['slug']} {revision}"
                stamps = [
                    s
                    for s in (revision.submitted_at, revision.accepted_at, revision.published_at)
                    if s is not None
                ]
                assert stamps == sorted(stamps), label
                for stamp in stamps:
                    assert timezone.localdate(stamp) >= declared, label
                    assert stamp <= now, label
                if revision.published_at is not None:
                    assert timezone.localdate(revision.published_at) >= declared, label
                # The audit rows carry the same moments as the revision.
                changes = StatusChange.objects.filter(
                    content_type=ContentType.objects.get_for_model(revision),
                    object_id=revision.pk,
                )
                by_status = {c.new: c.at for c in changes}
                for status, stamp in (
                    (Status.SUBMITTED, revision.submitted_at),
                    (Status.ACCEPTED, revision.accepted_at),
                    (Status.PUBLISHED, revision.published_at),
                ):
                    if stamp is not None:
                        assert by_status[status] == stamp, label
                for review in Review.objects.filter(
                    content_type=ContentType.objects.get_for_model(revision),
                    object_id=revision.pk,
                ):
                    assert timezone.localdate(review.at) >= declared, label
                    assert review.at <= now, label
            previous_published = declaration.published_at or previous_published
    setouchi = DeclarationRevision.objects.filter(declaration__region__slug="setouchi")
    first, second = setouchi.order_by("number")
    assert second.declared_on > timezone.localdate(first.published_at)
