"""Every array of a bundle has its limit (filing.bundle.limits), with the message the staff
forms give: a filing that imports must also open, render and submit (issue 12, item 5)."""

import pytest

from filing.bundle import limits, parse_bundle
from tests.filing.bundle.samples import error_of, valid

P0 = ["vision", "projects", 0]


def _members(count):
    return [{"key": f"k{i}", "name": f"企業{i}", "kind": "company"} for i in range(count)]


def _over(case):
    bundle = valid()
    if case == "milestones":
        bundle["vision"]["projects"][0]["milestones"] = [
            {"date": "2027-03-31", "target": str(i)} for i in range(101)
        ]
        return bundle, "vision.projects[0].milestones", limits.MILESTONES, 101
    if case == "plan_references":
        bundle["vision"]["projects"][0]["plan_references"] = [
            {"plan": "計画", "section": str(i)} for i in range(101)
        ]
        return bundle, "vision.projects[0].plan_references", limits.PLAN_REFERENCES, 101
    if case == "budget_years":
        bundle["vision"]["projects"][0]["budget"] = {
            "total": None,
            "by_fiscal_year": {str(2000 + i): 1 for i in range(101)},
        }
        return bundle, "vision.projects[0].budget.by_fiscal_year", limits.BUDGET_YEARS, 101
    if case == "outside_implementers":
        bundle["vision"]["projects"][0]["implementers"] = [{"name": f"団体{i}"} for i in range(101)]
        return bundle, "vision.projects[0].implementers", limits.OUTSIDE_IMPLEMENTERS, 101
    if case == "implementers":
        # The length of the array is checked before any item is read.
        bundle["vision"]["projects"][0]["implementers"] = [{"name": "x"}] * 601
        return bundle, "vision.projects[0].implementers", limits.IMPLEMENTERS, 601
    if case == "joint_body_of":
        bundle["vision"]["projects"][0]["joint_body_of"] = ["okayama"] * 501
        return bundle, "vision.projects[0].joint_body_of", limits.JOINT_BODY_OF, 501
    if case == "fields":
        bundle["declaration"]["fields"] = [{"other": str(i)} for i in range(24)]
        return bundle, "declaration.fields", limits.FIELDS, 24
    if case == "other_fields":
        bundle["declaration"]["fields"] = [{"other": str(i)} for i in range(21)]
        return bundle, "declaration.fields", limits.OTHER_FIELDS, 21
    if case == "area_prefectures":
        bundle["members"][6]["area_prefectures"] = ["01"] * 48
        return bundle, "members[6].area_prefectures", limits.PREFECTURES, 48
    if case == "activity_prefectures":
        bundle["members"][7]["activity_prefectures"] = ["01"] * 48
        return bundle, "members[7].activity_prefectures", limits.PREFECTURES, 48
    if case == "members":
        bundle["members"] = _members(501)
        return bundle, "members", limits.MEMBERS, 501
    if case == "projects":
        bundle["vision"]["projects"] = [{"name": str(i)} for i in range(201)]
        return bundle, "vision.projects", limits.PROJECTS, 201
    raise AssertionError(case)


CASES = [
    "milestones",
    "plan_references",
    "budget_years",
    "outside_implementers",
    "implementers",
    "joint_body_of",
    "fields",
    "other_fields",
    "area_prefectures",
    "activity_prefectures",
    "members",
    "projects",
]


@pytest.mark.parametrize("case", CASES)
def test_an_array_over_its_limit_is_an_input_error_with_the_shared_message(case):
    bundle, path, limit, count = _over(case)

    error = error_of(bundle)

    assert error.path == path
    assert error.message == limit.message(count)


def test_fifty_thousand_milestones_are_refused_before_any_is_read():
    bundle = valid()
    bundle["vision"]["projects"][0]["milestones"] = [{"date": "x"}] * 50_000

    error = error_of(bundle)

    assert error.path == "vision.projects[0].milestones"
    assert "100 件以内" in error.message and "50,000 件あります" in error.message


def test_every_array_at_its_limit_is_read():
    bundle = valid()
    project = bundle["vision"]["projects"][0]
    project["milestones"] = [{"date": "2027-03-31", "target": str(i)} for i in range(100)]
    project["plan_references"] = [{"plan": "計画", "section": str(i)} for i in range(100)]
    project["budget"] = {"total": None, "by_fiscal_year": {str(2000 + i): 1 for i in range(100)}}
    bundle["declaration"]["fields"] = ["industry", "tourism", "transport"] + [
        {"other": str(i)} for i in range(20)
    ]

    filing = parse_bundle(bundle)

    assert len(filing.vision.projects[0].milestones) == 100
    assert len(filing.vision.projects[0].plan_references) == 100
    assert len(filing.vision.projects[0].budget.by_fiscal_year) == 100
    assert len(filing.declaration.fields) == 23


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (["members", 0, "key"], "k" * 81, "members[0].key"),
        (["members", 0, "lg_code"], "3300011", "members[0].lg_code"),
    ],
)
def test_keys_and_codes_longer_than_their_column_are_input_errors(path, value, where):
    bundle = valid()
    target = bundle
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value

    assert error_of(bundle).path == where
