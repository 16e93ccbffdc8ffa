"""Reading a decoded bundle into a ``Filing`` (``filing.bundle.reader``); no database."""

from datetime import date

from filing.bundle import filing_to_bundle, parse_bundle
from filing.data import BudgetData, FieldCode, FieldEntry, ImplementerData, MemberKind, RevisionInfo
from tests.filing.bundle.samples import VALID_TEXT, member_index, valid

# --- mapping to the dataclasses ----------------------------------------------------------------


def test_bundle_maps_onto_the_filing_dataclasses():
    filing = parse_bundle(VALID_TEXT)
    declaration = filing.declaration
    assert declaration.region_name == "瀬戸内広域リージョン"
    assert declaration.area_note.startswith("岡山県・広島県・香川県")
    assert declaration.declared_on == date(2026, 4, 1)
    assert declaration.fields[0] == FieldEntry(FieldCode.INDUSTRY)
    assert declaration.fields[-1] == FieldEntry(FieldCode.OTHER, "高度専門人材の育成")
    assert declaration.revision == RevisionInfo()

    keizai = filing.member("keizai")
    assert keizai.kind is MemberKind.ECONOMIC_ORGANIZATION
    assert keizai.activity_prefectures == ("33", "34", "37")
    assert keizai.multi_industry is True
    assert filing.member("fuchu").lg_code == "342084"
    assert filing.member("koiki_rengo").area_prefectures == ("33", "34", "37")

    first, second, third = filing.vision.projects
    assert first.start == date(2026, 4, 1)
    assert first.end == date(2029, 3, 31)
    assert first.budget == BudgetData(
        300_000_000, ((2026, 80_000_000), (2027, 100_000_000), (2028, 120_000_000))
    )
    assert first.milestones[0].date == date(2027, 3, 31)
    assert second.budget is None
    assert second.implementers[-1] == ImplementerData(member=None, name="瀬戸内旅行業協会")
    assert third.joint_body_of == ("hiroshima", "kagawa", "kaiun")
    assert filing.vision.verified_on == date(2026, 10, 1)


def test_fiscal_years_are_sorted_by_year():
    bundle = valid()
    bundle["vision"]["projects"][0]["budget"]["by_fiscal_year"] = {"2028": 3, "2026": 1, "2027": 2}
    budget = parse_bundle(bundle).vision.projects[0].budget
    assert budget.by_fiscal_year == ((2026, 1), (2027, 2), (2028, 3))
    assert list(
        filing_to_bundle(parse_bundle(bundle))["vision"]["projects"][0]["budget"]["by_fiscal_year"]
    ) == ["2026", "2027", "2028"]


def test_missing_or_null_texts_read_as_empty_and_are_left_to_the_rules():
    bundle = valid()
    bundle["region"]["name"] = None
    del bundle["region"]["area_note"]
    del bundle["declaration"]["aspiration"]
    bundle["vision"]["roadmap"] = None
    del bundle["vision"]["projects"][0]["content"]
    bundle["members"][0]["lg_code"] = None
    filing = parse_bundle(bundle)
    assert filing.declaration.region_name == ""
    assert filing.declaration.area_note == ""
    assert filing.declaration.aspiration == ""
    assert filing.vision.roadmap == ""
    assert filing.vision.projects[0].content == ""
    assert filing.members[0].lg_code == ""


def test_missing_lists_dates_and_optional_objects_read_as_empty():
    bundle = valid()
    del bundle["declaration"]["fields"]
    del bundle["declaration"]["declared_on"]
    keizai = member_index(bundle, "keizai")
    del bundle["members"][keizai]["activity_prefectures"]
    del bundle["members"][keizai]["multi_industry"]
    project = bundle["vision"]["projects"][0]
    for key in (
        "implementers",
        "plan_references",
        "milestones",
        "budget",
        "period",
        "joint_body_of",
    ):
        del project[key]
    filing = parse_bundle(bundle)
    assert filing.declaration.fields == ()
    assert filing.declaration.declared_on is None
    assert filing.members[keizai].activity_prefectures == ()
    assert filing.members[keizai].multi_industry is False
    parsed = filing.vision.projects[0]
    assert (parsed.implementers, parsed.plan_references, parsed.milestones) == ((), (), ())
    assert (parsed.budget, parsed.start, parsed.end, parsed.joint_body_of) == (
        None,
        None,
        None,
        None,
    )


def test_vision_may_be_absent_or_null():
    bundle = valid()
    bundle["vision"] = None
    assert parse_bundle(bundle).vision is None
    del bundle["vision"]
    assert parse_bundle(bundle).vision is None


def test_empty_member_list_is_accepted_and_left_to_the_rules():
    bundle = {"region": {"name": "x"}, "declaration": {}, "members": []}
    assert parse_bundle(bundle).members == ()


def test_bare_other_field_reads_as_other_without_text():
    bundle = valid()
    bundle["declaration"]["fields"] = ["other"]
    assert parse_bundle(bundle).declaration.fields == (FieldEntry(FieldCode.OTHER, ""),)


def test_budget_without_total_reads_as_none_for_the_rules():
    bundle = valid()
    bundle["vision"]["projects"][0]["budget"] = {"total": None, "by_fiscal_year": {"2026": 5}}
    assert parse_bundle(bundle).vision.projects[0].budget == BudgetData(None, ((2026, 5),))


# --- limits that are still accepted ------------------------------------------------------------


def test_values_at_their_limits_are_accepted():
    bundle = valid()
    bundle["region"]["name"] = "名" * 200
    bundle["declaration"]["aspiration"] = "姿" * 20_000
    bundle["vision"]["projects"][0]["budget"] = {"total": 10**15, "by_fiscal_year": {"2026": 0}}
    bundle["members"] += [
        {"key": f"company{i}", "name": f"企業{i}", "kind": "company"}
        for i in range(500 - len(bundle["members"]))
    ]
    bundle["vision"]["projects"] += [{"name": f"p{i}"} for i in range(200 - 3)]
    filing = parse_bundle(bundle)
    assert len(filing.members) == 500
    assert len(filing.vision.projects) == 200
    assert filing.vision.projects[0].budget.total == 10**15
