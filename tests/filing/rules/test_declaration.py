"""第3 rules (filing.rules.declaration): the 連携宣言書 and its リージョン構成団体, without the database."""

import dataclasses
from datetime import date

import pytest

from filing.data import FieldCode, FieldEntry, MemberKind, RevisionInfo, RevisionKind
from filing.findings import Severity
from filing.rules import declaration as rules
from filing.rules.declaration import local_government_area
from tests.filing_factories import (
    AOMORI,
    COMPANY,
    HOKKAIDO,
    KEIZAI,
    MASTER,
    SAPPORO,
    UNIVERSITY,
    body,
    context,
    economic_organization,
    implementers,
    municipality,
    of_code,
    other_local_government,
    prefecture,
    project,
    valid_filing,
    with_declaration,
    with_project,
    with_vision,
)

IWATE = prefecture("iwate", "岩手県", "030007")
HAKODATE = municipality("hakodate", "函館市", "012025")
OKINAWA = prefecture("okinawa", "沖縄県", "470007")
NAHA = municipality("naha", "那覇市", "472018")
URASOE = municipality("urasoe", "浦添市", "472085")
TOKYO = prefecture("tokyo", "東京都", "130001")
KANSAI_UNION = other_local_government(
    "kansai", "関西広域連合", ("25", "26", "27", "28", "29", "30")
)


def check(filing):
    return rules.check(filing, context())


def members_filing(*members, vision=None):
    """A declaration (no vision yet) whose members are ``members``."""
    return valid_filing(members=members, vision=vision)


def findings_of(code, *members):
    return of_code(check(members_filing(*members)), code)


def test_valid_filing_has_no_declaration_findings():
    assert check(valid_filing()) == []


# ---- 第3(2) ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "   ", "\u3000"])
def test_region_without_a_name_is_refused(name):
    (finding,) = check(with_declaration(valid_filing(), region_name=name))
    assert (finding.code, finding.clause, finding.severity) == (
        "declaration.region_name",
        "第3(2)①",
        Severity.ERROR,
    )
    assert finding.path == "region.name"
    assert finding.message.startswith("第3(2)①: ")


def test_area_is_missing_when_no_local_government_has_a_known_code():
    bad_code = prefecture("hokkaido", "北海道", "010007")
    found = findings_of("declaration.area", bad_code, KEIZAI, UNIVERSITY)
    assert [(f.path, f.severity) for f in found] == [("region.area_note", Severity.ERROR)]
    # nothing to judge for 第3(3)ア when there is no area at all
    assert findings_of("members.multi_prefecture", bad_code, KEIZAI, UNIVERSITY) == []


def test_area_comes_from_prefectures_municipalities_and_other_local_governments():
    hiroshima_fuchu = municipality("fuchu", "府中市", "342084")
    area = local_government_area((HOKKAIDO, hiroshima_fuchu, KANSAI_UNION, KEIZAI), MASTER)
    assert area.prefectures == {"01", "34", "25", "26", "27", "28", "29", "30"}


def test_a_code_that_fails_members_lg_code_adds_nothing_to_the_area():
    wrong_name = municipality("aomori_city", "青森市", "011002")  # 札幌市's code
    ward = municipality("chuo", "札幌市中央区", "011011")
    area = local_government_area((TOKYO, wrong_name, ward), MASTER)
    assert area.prefectures == {"13"}


def test_filing_without_members_is_refused():
    found = of_code(check(members_filing()), "declaration.members")
    assert [(f.path, f.clause) for f in found] == [("members", "第3(2)②")]


def test_a_member_without_a_name_is_refused():
    nameless = dataclasses.replace(UNIVERSITY, name="  ")
    found = findings_of("declaration.members", AOMORI, IWATE, KEIZAI, nameless)
    assert [f.path for f in found] == ["members[3].name"]
    assert "4番目" in found[0].message


def test_declaration_without_aspiration_is_refused():
    (finding,) = check(with_declaration(valid_filing(), aspiration=" "))
    assert (finding.code, finding.path) == ("declaration.aspiration", "declaration.aspiration")
    assert "目指すべき姿" in finding.message


def test_declaration_without_fields_is_refused():
    (finding,) = check(with_declaration(valid_filing(), fields=()))
    assert (finding.code, finding.clause, finding.path) == (
        "declaration.fields",
        "第3(2)④",
        "declaration.fields",
    )


def test_other_field_needs_its_text():
    fields = (
        FieldEntry(FieldCode.INDUSTRY),
        FieldEntry(FieldCode.OTHER, "医療"),
        FieldEntry(FieldCode.OTHER, ""),
    )
    (finding,) = check(with_declaration(valid_filing(), fields=fields))
    assert (finding.code, finding.path) == ("declaration.fields", "declaration.fields[2]")
    assert "その他" in finding.message


# ---- 第3(3): local governments and 経済団体 -------------------------------------------


def test_members_without_a_local_government_are_refused():
    (finding,) = findings_of("members.local_government", KEIZAI, UNIVERSITY)
    assert (finding.clause, finding.path) == ("第3(3)", "members")


def test_members_without_an_economic_organization_are_refused():
    (finding,) = findings_of("members.economic_organization", HOKKAIDO, AOMORI, UNIVERSITY)
    assert (finding.clause, finding.path) == ("第3(3)", "members")


def test_economic_organization_must_attest_several_industries():
    single_industry = economic_organization("tourism", "観光協会", multi_industry=False)
    (finding,) = findings_of(
        "members.economic_organization_definition", HOKKAIDO, AOMORI, KEIZAI, single_industry
    )
    assert finding.path == "members[3].multi_industry"
    assert "観光協会" in finding.message
    # still a 経済団体 for members.economic_organization
    assert findings_of("members.economic_organization", HOKKAIDO, AOMORI, single_industry) == []


def test_economic_organization_must_state_an_activity_area():
    nowhere = economic_organization(activity=())
    unknown = economic_organization("other", "別の経済団体", activity=("01", "99"))
    found = findings_of("members.activity_area", HOKKAIDO, AOMORI, nowhere, unknown)
    assert [(f.path, f.clause) for f in found] == [
        ("members[2].activity_prefectures", "第3(3)イ"),
        ("members[3].activity_prefectures[1]", "第3(3)イ"),
    ]
    assert "北海道・東北経済連合会" in found[0].message and "99" in found[1].message


# ---- 第3(3)ア: two or more prefectures, with the 北海道 and 沖縄県 exceptions -----------


def test_local_governments_in_two_prefectures_pass():
    assert findings_of("members.multi_prefecture", HOKKAIDO, AOMORI, KEIZAI) == []


def test_single_prefecture_other_than_hokkaido_or_okinawa_is_refused():
    tokyo_fuchu = municipality("fuchu", "府中市", "132063")
    (finding,) = findings_of("members.multi_prefecture", TOKYO, tokyo_fuchu, KEIZAI)
    assert (finding.clause, finding.severity, finding.path) == (
        "第3(3)ア",
        Severity.ERROR,
        "members",
    )
    assert "区域が東京都のみです" in finding.message


@pytest.mark.parametrize(
    "local_governments",
    [(HOKKAIDO,), (HOKKAIDO, SAPPORO), (SAPPORO, HAKODATE), (OKINAWA,), (NAHA, URASOE)],
    ids=["hokkaido", "hokkaido_and_sapporo", "two_in_hokkaido", "okinawa", "two_in_okinawa"],
)
def test_region_wholly_inside_hokkaido_or_okinawa_may_pass(local_governments):
    assert findings_of("members.multi_prefecture", *local_governments, KEIZAI) == []


def test_single_municipality_in_hokkaido_is_refused():
    (finding,) = findings_of("members.multi_prefecture", SAPPORO, KEIZAI)
    assert "区域が北海道のみです" in finding.message


def test_single_municipality_in_okinawa_is_refused():
    (finding,) = findings_of("members.multi_prefecture", NAHA, KEIZAI)
    assert "区域が沖縄県のみです" in finding.message


def test_same_municipality_twice_is_not_two_municipalities():
    sapporo_again = municipality("sapporo2", "北海道札幌市", "011002")
    assert findings_of("members.multi_prefecture", SAPPORO, sapporo_again, KEIZAI) != []


def test_other_local_government_in_hokkaido_does_not_trigger_the_exception():
    union = other_local_government("union", "道央広域連合", ("01",))
    assert findings_of("members.multi_prefecture", union, KEIZAI) != []
    assert findings_of("members.multi_prefecture", union, SAPPORO, KEIZAI) != []


def test_exceptions_do_not_mix_hokkaido_and_okinawa_municipalities():
    # one in each: two prefectures, so it passes as a multi-prefecture region anyway
    assert findings_of("members.multi_prefecture", SAPPORO, NAHA, KEIZAI) == []


def test_wide_area_union_may_be_the_only_local_government():
    kansai_keizai = economic_organization(
        "kankeiren", "関西経済連合会", activity=("25", "26", "27", "28", "29", "30")
    )
    findings = check(members_filing(KANSAI_UNION, kansai_keizai, UNIVERSITY))
    assert findings == []


def test_wide_area_union_within_one_prefecture_is_refused():
    union = other_local_government("union", "東京都市広域連合", ("13",))
    (finding,) = findings_of("members.multi_prefecture", union, KEIZAI)
    assert "東京都のみ" in finding.message


# ---- 第3(3)イ: the 経済団体 cover the area おおむね ------------------------------------


def test_economic_organizations_covering_the_area_together_pass():
    north = economic_organization("north", "北海道経済連合会", activity=("01",))
    south = economic_organization("south", "青森県経済団体連合会", activity=("02",))
    assert findings_of("members.economic_coverage", HOKKAIDO, AOMORI, north, south) == []


def test_partial_coverage_warns_naming_the_uncovered_prefectures():
    (finding,) = findings_of("members.economic_coverage", HOKKAIDO, AOMORI, IWATE, KEIZAI)
    assert (finding.severity, finding.clause, finding.path) == (
        Severity.WARNING,
        "第3(3)イ",
        "members",
    )
    assert "岩手県" in finding.message and "北海道" not in finding.message.split("（")[0]


def test_exactly_half_covered_is_a_warning():
    hokkaido_only = economic_organization(activity=("01",))
    (finding,) = findings_of("members.economic_coverage", HOKKAIDO, AOMORI, hokkaido_only)
    assert finding.severity == Severity.WARNING
    assert "青森県" in finding.message


def test_less_than_half_covered_is_an_error():
    hokkaido_only = economic_organization(activity=("01",))
    (finding,) = findings_of("members.economic_coverage", HOKKAIDO, AOMORI, IWATE, hokkaido_only)
    assert finding.severity == Severity.ERROR
    assert "青森県、岩手県" in finding.message


def test_disjoint_coverage_is_an_error():
    tokyo_keizai = economic_organization("tokyo", "東京経済団体", activity=("13",))
    (finding,) = findings_of("members.economic_coverage", HOKKAIDO, AOMORI, tokyo_keizai)
    assert finding.severity == Severity.ERROR
    assert "北海道、青森県" in finding.message


def test_unattested_economic_organization_still_counts_for_coverage():
    attested = economic_organization(activity=("01",))
    unattested = economic_organization(
        "aomori_keizai", "青森経済団体", ("02",), multi_industry=False
    )
    assert findings_of("members.economic_coverage", HOKKAIDO, AOMORI, attested, unattested) == []


def test_coverage_is_not_judged_without_any_activity_area():
    nowhere = economic_organization(activity=())
    assert findings_of("members.economic_coverage", HOKKAIDO, AOMORI, nowhere) == []


@pytest.mark.parametrize("activity", [(), ("99",)], ids=["none", "unknown_code"])
def test_without_any_known_activity_area_only_members_activity_area_is_reported(activity):
    # Coverage cannot be judged: members.activity_area alone carries it (issue 11).
    nowhere = economic_organization(activity=activity)
    found = check(members_filing(HOKKAIDO, AOMORI, nowhere, UNIVERSITY))
    assert [f.code for f in found] == ["members.activity_area"]


def test_when_every_local_government_code_fails_the_member_findings_carry_it():
    # No area: neither 第3(3)ア nor イ can be judged; the members' codes are reported,
    # and the declaration has no 区域 (第3(2)①).
    unknown = prefecture("hokkaido", "北海道", "010007")
    misnamed = municipality("aomori_city", "青森市", "011002")  # 札幌市's code
    lonely = economic_organization(activity=("13",))  # would cover nothing of 01/02
    found = check(members_filing(unknown, misnamed, lonely, UNIVERSITY))
    assert [(f.code, f.path) for f in found] == [
        ("declaration.area", "region.area_note"),
        ("members.lg_code", "members[0].lg_code"),
        ("members.lg_code", "members[1].lg_code"),
    ]


# ---- 第3(3): 全国地方公共団体コード -------------------------------------------------


def test_ward_of_a_designated_city_is_refused():
    ward = municipality("chuo", "札幌市中央区", "011011")
    (finding,) = findings_of("members.lg_code", HOKKAIDO, AOMORI, ward, KEIZAI)
    assert (finding.path, finding.clause, finding.severity) == (
        "members[2].lg_code",
        "第3(3)",
        Severity.ERROR,
    )
    assert "札幌市中央区" in finding.message and "011011" in finding.message


@pytest.mark.parametrize("name", ["府中市", "広島県府中市", "広島県 府中市"])
def test_municipality_name_bare_or_with_its_prefecture_is_accepted(name):
    fuchu = municipality("fuchu", name, "342084")
    assert findings_of("members.lg_code", HOKKAIDO, fuchu, KEIZAI) == []


def test_municipality_name_of_another_prefecture_is_refused():
    wrong = municipality("fuchu", "東京都府中市", "342084")
    (finding,) = findings_of("members.lg_code", HOKKAIDO, wrong, KEIZAI)
    assert finding.path == "members[1].lg_code"
    assert "府中市（広島県）" in finding.message


def test_code_of_the_wrong_kind_is_refused():
    prefecture_code = municipality("hokkaido_city", "北海道", "010006")
    municipality_code = prefecture("sapporo", "札幌市", "011002")
    found = findings_of("members.lg_code", prefecture_code, municipality_code, KEIZAI)
    assert [f.path for f in found] == ["members[0].lg_code", "members[1].lg_code"]


@pytest.mark.parametrize("code", ["", "010007", "999999"])
def test_missing_or_unknown_prefecture_code_is_refused(code):
    (finding,) = findings_of("members.lg_code", prefecture("h", "北海道", code), AOMORI, KEIZAI)
    assert finding.path == "members[0].lg_code"


def test_prefecture_name_must_match_its_code():
    (finding,) = findings_of("members.lg_code", prefecture("h", "青森県", "010006"), KEIZAI)
    assert "北海道" in finding.message


def test_other_local_government_must_state_known_area_prefectures():
    nowhere = other_local_government("union", "広域連合A", ())
    unknown = other_local_government("union2", "広域連合B", ("01", "48"))
    found = findings_of("members.lg_code", HOKKAIDO, nowhere, unknown, KEIZAI)
    assert [f.path for f in found] == [
        "members[1].area_prefectures",
        "members[2].area_prefectures[1]",
    ]
    assert "広域連合A" in found[0].message and "48" in found[1].message


def test_other_kinds_carry_no_code():
    assert findings_of("members.lg_code", HOKKAIDO, AOMORI, KEIZAI, UNIVERSITY, COMPANY) == []


# ---- 第3(3): every member in a project (vision stage) ----------------------------------


def test_member_in_no_project_is_refused_once_a_vision_exists():
    idle = body("lab", MemberKind.RESEARCH_INSTITUTE, "北方研究所")
    filing = valid_filing(members=(*valid_filing().members, idle))
    (finding,) = check(filing)
    assert (finding.code, finding.path, finding.clause) == (
        "members.in_project",
        "vision.projects",
        "第3(3)",
    )
    assert "北方研究所" in finding.message
    assert finding.items == ("北方研究所",)


def test_members_in_no_project_are_one_finding_that_lists_them_all():
    """A new vision starts with no implementers: one finding names every member, in the
    declaration's order, instead of one finding per member (ADR 0099)."""
    filing = with_vision(valid_filing(), projects=(project(implementers=implementers()),))
    (finding,) = of_code(check(filing), "members.in_project")
    names = tuple(member.name for member in filing.members)
    assert len(names) == 6
    assert finding.items == names
    assert finding.path == "vision.projects"
    assert finding.is_error
    assert "、".join(names) in finding.message
    assert "6団体" in finding.message


def test_no_in_project_finding_when_every_member_takes_part():
    assert of_code(check(valid_filing()), "members.in_project") == []


def test_members_in_projects_are_not_checked_before_a_vision():
    idle = body("lab", MemberKind.RESEARCH_INSTITUTE, "北方研究所")
    assert (
        of_code(check(members_filing(HOKKAIDO, AOMORI, KEIZAI, idle)), "members.in_project") == []
    )


def test_founder_of_a_joint_body_takes_part():
    filing = with_project(valid_filing(), 0, implementers=implementers("hokkaido", "keizai"))
    filing = with_project(filing, 1, implementers=implementers("aomori", "sapporo"))
    founded = project(
        name="共同設立法人の事業",
        implementers=implementers(outside=("北方技術財団",)),
        joint_body_of=("univ", "company"),
    )
    filing = with_vision(filing, projects=(*filing.vision.projects, founded))
    assert of_code(check(filing), "members.in_project") == []


def test_outside_body_with_a_members_name_does_not_count_as_the_member():
    all_but_univ = implementers(
        "hokkaido", "keizai", "aomori", "sapporo", "company", outside=("北方大学",)
    )
    filing = with_project(valid_filing(), 0, implementers=all_but_univ)
    filing = with_project(filing, 1, implementers=all_but_univ)
    (found,) = of_code(check(filing), "members.in_project")
    assert found.items == ("北方大学",)


# ---- 第3(5): 協議 before a change or an abolition ------------------------------------


@pytest.mark.parametrize(
    "revision",
    [
        RevisionInfo(RevisionKind.CHANGED),
        RevisionInfo(RevisionKind.ABOLISHED),
        RevisionInfo(RevisionKind.ABOLISHED, is_minor=True),
    ],
    ids=["change", "abolition", "abolition_marked_minor"],
)
def test_change_or_abolition_without_consultation_is_refused(revision):
    (finding,) = check(with_declaration(valid_filing(), revision=revision))
    assert (finding.code, finding.clause, finding.path) == (
        "change.consultation",
        "第3(5), 第4(1), 第4(3)",
        "declaration.revision.consulted_on",
    )
    assert "連携宣言" in finding.message


@pytest.mark.parametrize(
    "revision",
    [
        RevisionInfo(),
        RevisionInfo(RevisionKind.CHANGED, is_minor=True),
        RevisionInfo(RevisionKind.CHANGED, consulted_on=date(2026, 5, 1)),
        RevisionInfo(RevisionKind.ABOLISHED, consulted_on=date(2026, 5, 1)),
    ],
    ids=["established", "minor_change", "consulted_change", "consulted_abolition"],
)
def test_establishment_minor_change_or_consulted_change_passes(revision):
    assert check(with_declaration(valid_filing(), revision=revision)) == []
