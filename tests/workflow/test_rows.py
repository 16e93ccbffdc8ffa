"""The one writer of a revision's rows: the organization lookup every writer shares."""

import pytest

from workflow.rows import organization_for

pytestmark = pytest.mark.django_db


def test_organizations_are_found_by_code_created_for_a_known_code_and_by_name_otherwise():
    hirosaki = organization_for(kind="municipality", name="弘前市", lg_code="022021")
    assert hirosaki.municipality_id == "022021"
    assert organization_for(kind="municipality", name="ひろさき", lg_code="022021") == hirosaki
    unknown = organization_for(kind="municipality", name="架空市", lg_code="999999")
    assert unknown.lg_code == "" and unknown.name == "架空市"
    assert organization_for(kind="company", name="株式会社A") == organization_for(
        kind="company", name="株式会社A"
    )
