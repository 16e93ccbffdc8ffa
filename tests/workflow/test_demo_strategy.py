"""The demo shows the national strategy's terms (ADR 0121): every demo project carries a
cluster type, and the demo regions together touch several 戦略分野, so /strategy/ has figures."""

import pytest

from filing.bundle import read_bundle_file
from region_portal.env import BASE_DIR

DEMO = BASE_DIR / "demo"
BUNDLES = sorted(p.name for p in DEMO.glob("*.json") if p.name != "manifest.json")


@pytest.mark.parametrize("bundle", BUNDLES)
def test_every_demo_project_carries_a_cluster_type(bundle):
    for project in read_bundle_file(DEMO / bundle).vision.projects:
        assert project.cluster_type, project.name


def test_the_demo_touches_several_strategic_fields():
    found = {
        code
        for bundle in BUNDLES
        for project in read_bundle_file(DEMO / bundle).vision.projects
        for code in project.strategic_fields
    }
    assert len(found) >= 8
