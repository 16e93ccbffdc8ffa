"""filing.anchors: the one reader of a finding's bundle JSON path (no database)."""

import pytest

from filing.anchors import (
    PathParts,
    anchor_of,
    declaration_anchors,
    falls_under,
    parse_path,
    vision_anchors,
)


@pytest.mark.parametrize(
    ("path", "head", "index", "item"),
    [
        ("region.name", "region.name", None, ""),
        ("", "", None, ""),
        ("members", "members", None, ""),
        ("members[3]", "members", 3, ""),
        ("members[3].lg_code", "members", 3, "lg_code"),
        ("members[0].area_prefectures[1]", "members", 0, "area_prefectures"),
        ("declaration.fields[2]", "declaration.fields", 2, ""),
        ('vision.projects[2].budget.by_fiscal_year["2027"]', "vision.projects", 2, "budget"),
        ("vision.projects[0].implementers[1].member_key", "vision.projects", 0, "implementers"),
        ("vision.projects[10]", "vision.projects", 10, ""),
        ('by_fiscal_year["2027"]', "by_fiscal_year", None, ""),
    ],
)
def test_a_path_is_read_up_to_its_first_row(path, head, index, item):
    assert parse_path(path) == PathParts(path, head, index, item)


def test_row_of_names_the_list_the_row_is_in():
    parts = parse_path("members[3].name")
    assert parts.row_of("members") == 3
    assert parts.row_of("vision.projects") is None
    assert parse_path("members").row_of("members") is None


@pytest.mark.parametrize(
    ("path", "prefix", "expected"),
    [
        ("vision.projects[1].name", "vision.projects[1]", True),
        ("vision.projects[1]", "vision.projects[1]", True),
        ("vision.projects[10]", "vision.projects[1]", False),
        ("members[0]", "members", True),
        ("membership", "members", False),
        ("anything", "", True),
    ],
)
def test_falls_under_means_at_or_below(path, prefix, expected):
    assert falls_under(path, prefix) is expected


def test_a_finding_belongs_to_the_most_specific_anchor():
    anchors = declaration_anchors(["岡山県", "広島県"])
    assert anchor_of("members[1].lg_code", anchors).path == "members[1]"
    assert anchor_of("members", anchors).path == "members"
    assert anchor_of("declaration.fields[0]", anchors).path == "declaration.fields"
    assert anchor_of("unknown.path", anchors).path == ""
    projects = vision_anchors(["A"])
    assert anchor_of("vision.projects[0].budget", projects).path == "vision.projects[0]"
    assert anchor_of("vision.projects[4]", projects).path == "vision.projects"
