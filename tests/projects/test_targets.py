"""projects.ProjectTarget (ADR 0104): written from a Filing, read back the same, copied into a
change revision with its project, exported as it was imported."""

from decimal import Decimal

import pytest

from filing.bundle import filing_to_bundle
from projects.models import ProjectTarget
from tests.factories import UserFactory
from tests.public_data import publish_region, skip_pdfs, valid_filing
from workflow.adapter import filing_from_revisions, revisions_for_export
from workflow.revisions import revision_start_change

pytestmark = pytest.mark.django_db


def test_imported_targets_are_stored_and_read_back_as_the_bundle_had_them(monkeypatch):
    skip_pdfs(monkeypatch)
    filing = valid_filing()
    result = publish_region("setouchi", filing)

    declaration, vision = revisions_for_export(result.region)
    exported = filing_from_revisions(declaration, vision)
    assert [p.targets for p in exported.vision.projects] == [
        p.targets for p in filing.vision.projects
    ]
    assert filing_to_bundle(exported)["vision"]["projects"][1]["targets"][0]["baseline"] == {
        "value": 120.5,
        "on": "2025-03-31",
    }
    share = ProjectTarget.objects.get(name="自家用車による観光移動の割合")
    assert (share.better, share.final_value, share.values) == ("lower", Decimal(60), {})


def test_a_change_revision_starts_with_the_published_targets(monkeypatch):
    skip_pdfs(monkeypatch)
    result = publish_region("setouchi")

    change = revision_start_change(
        region=result.region, document="vision", actor=UserFactory(username="changer")
    )

    before = ProjectTarget.objects.filter(project__revision=result.vision_revision)
    after = ProjectTarget.objects.filter(project__revision=change)
    fields = ("name", "unit", "values", "final_year", "final_value", "source", "better")
    assert list(after.values_list(*fields)) == list(before.values_list(*fields))
    assert after.count() == 4
    assert not set(after.values_list("pk", flat=True)) & set(before.values_list("pk", flat=True))
