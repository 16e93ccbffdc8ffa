"""staff.anchors: where a finding's path is on the staff pages (no database)."""

from types import SimpleNamespace

import pytest

from staff.anchors import declaration_anchor, project_href, vision_href

KEYS = ["okayama", "hiroshima", "keizai"]


def prefix(key):
    return {"okayama": "lg-0", "hiroshima": "lg-1", "keizai": "eco-0"}.get(key)


@pytest.mark.parametrize(
    ("path", "edit", "read_only"),
    [
        ("members[1].lg_code", "id_lg-1-lg_code", "member-hiroshima"),
        ("members[2]", "row-eco-0", "member-keizai"),
        ("members[2].unknown", "row-eco-0", "member-keizai"),
        ("members[9].name", "members", "members"),
        ("members", "members", "members"),
        ("region.name", "id_region_name", "region_name"),
        ("region", "id_region_name", "region_name"),
        ("declaration.fields[0]", "id_other_fields", "fields"),
        ("declaration.fields", "id_fields", "fields"),
        ("declaration.revision.consulted_on", "id_consulted_on", "revision-info"),
        ("vision.roadmap", "", ""),
    ],
)
def test_a_declaration_finding_points_at_its_field(path, edit, read_only):
    assert declaration_anchor(path, KEYS, prefix) == edit
    assert declaration_anchor(path, KEYS) == read_only


class Revision:
    def __init__(self, url):
        self.url = url

    def get_absolute_url(self):
        return self.url


def test_a_vision_finding_points_at_the_vision_a_project_or_the_declaration(monkeypatch):
    import staff.anchors

    monkeypatch.setattr(staff.anchors, "project_url", lambda p, a="": f"/p/{p}/#{a}")
    declaration = Revision("/d/")
    members = [SimpleNamespace(key="okayama")]

    def href(path):
        return vision_href(path, projects=["A", "B"], declaration=declaration, members=members)

    assert href('vision.projects[1].budget.by_fiscal_year["2027"]') == "/p/B/#p-budget"
    assert href("vision.projects[0]") == "/p/A/#p-name"
    assert href("vision.projects[5].name") == "#projects"
    assert href("members[0].lg_code") == "/d/#member-okayama"
    assert href("members[4]") == "/d/#members"
    assert href("declaration.fields[1]") == "/d/#fields"
    assert href("vision.roadmap_plan_reference") == "#roadmap"
    assert href("region.name") == ""


@pytest.mark.parametrize(
    ("path", "anchor"),
    [
        ("vision.projects[0]", "#p-name"),
        ("vision.projects[0].period.end", "#p-period"),
        ("vision.projects[0].joint_body_of", "#p-implementers"),
        ('vision.projects[0].budget.by_fiscal_year["2027"]', "#p-budget"),
        ("vision.projects[0].unknown", "#p-name"),
    ],
)
def test_a_project_finding_points_at_its_part_of_the_project_page(path, anchor):
    assert project_href(path) == anchor
