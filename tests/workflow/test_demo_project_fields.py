"""Every project of the demo bundles names its own 分野 (ADR 0115), each one its declaration
declares, so the demo shows the budgets by field and the support measures per project."""

import pytest

from filing.bundle import read_bundle_file
from region_portal.env import BASE_DIR

DEMO = BASE_DIR / "demo"
BUNDLES = sorted(p.name for p in DEMO.glob("*.json") if p.name != "manifest.json")


@pytest.mark.parametrize("bundle", BUNDLES)
def test_every_demo_project_names_declared_fields(bundle):
    filing = read_bundle_file(DEMO / bundle)

    declared = {entry.code for entry in filing.declaration.fields}
    for project in filing.vision.projects:
        assert project.fields, project.name
        assert set(project.fields) <= declared, project.name
