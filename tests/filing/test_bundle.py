"""The region bundle reader and writer (DESIGN.md, "The region bundle"); no database."""

import copy
import json
import random
from datetime import date
from pathlib import Path

import pytest

from filing.bundle import (
    MAX_BUNDLE_BYTES,
    BundleError,
    dumps_bundle,
    filing_to_bundle,
    parse_bundle,
    read_bundle_file,
)
from filing.data import (
    BudgetData,
    FieldCode,
    FieldEntry,
    ImplementerData,
    MemberKind,
    PlanRef,
    RevisionInfo,
    RevisionKind,
)

BUNDLES = Path(__file__).resolve().parent.parent / "data" / "bundles"
VALID_TEXT = (BUNDLES / "valid_region.json").read_text(encoding="utf-8")
VALID = json.loads(VALID_TEXT)

# The example of DESIGN.md, as written there: it must be canonical.
DESIGN_EXAMPLE = {
    "region": {"name": "…リージョン", "area_note": "…"},
    "declaration": {
        "declared_on": "2026-04-01",
        "aspiration": "…",
        "fields": ["industry", "tourism", {"other": "…"}],
    },
    "members": [
        {"key": "hokkaido", "name": "北海道", "kind": "prefecture", "lg_code": "010006"},
        {
            "key": "keizai",
            "name": "…経済連合会",
            "kind": "economic_organization",
            "activity_prefectures": ["01"],
            "multi_industry": True,
        },
        {"key": "univ", "name": "…大学", "kind": "university"},
    ],
    "vision": {
        "aspiration": "…",
        "roadmap": "…",
        "aspiration_plan_reference": None,
        "roadmap_plan_reference": None,
        "verified_on": None,
        "projects": [
            {
                "name": "…",
                "implementers": [
                    {"member": "hokkaido"},
                    {"member": "keizai"},
                    {"member": "univ"},
                    {"name": "外部の団体"},
                ],
                "joint_body_of": None,
                "plan_references": [{"plan": "北海道総合開発計画", "section": "…"}],
                "content": "…",
                "budget": {
                    "total": 100000000,
                    "by_fiscal_year": {"2026": 40000000, "2027": 60000000},
                },
                "effects": "…",
                "period": {"start": "2026-04-01", "end": "2031-03-31"},
                "milestones": [{"date": "2027-03-31", "target": "…"}],
                "other": "",
            }
        ],
    },
}


def valid():
    return copy.deepcopy(VALID)


def error_of(data) -> BundleError:
    with pytest.raises(BundleError) as caught:
        parse_bundle(data)
    return caught.value


def member_index(bundle, key):
    return next(i for i, m in enumerate(bundle["members"]) if m["key"] == key)


# --- the sample bundles ------------------------------------------------------------------------


def test_valid_region_is_canonical_text():
    assert dumps_bundle(parse_bundle(VALID_TEXT)) == VALID_TEXT


def test_valid_region_round_trips_through_the_dataclasses():
    filing = parse_bundle(VALID_TEXT)
    assert parse_bundle(filing_to_bundle(filing)) == filing
    assert parse_bundle(dumps_bundle(filing)) == filing
    assert filing_to_bundle(filing) == VALID


def test_declaration_only_bundle_round_trips_without_a_vision():
    text = (BUNDLES / "declaration_only.json").read_text(encoding="utf-8")
    filing = parse_bundle(text)
    assert filing.vision is None
    assert "vision" not in filing_to_bundle(filing)
    assert dumps_bundle(filing) == text
    assert parse_bundle(filing_to_bundle(filing)) == filing


def test_design_example_is_canonical_and_keeps_design_key_order():
    bundle = filing_to_bundle(parse_bundle(DESIGN_EXAMPLE))
    assert bundle == DESIGN_EXAMPLE
    assert list(bundle) == list(DESIGN_EXAMPLE)
    assert list(bundle["declaration"]) == list(DESIGN_EXAMPLE["declaration"])
    assert [list(m) for m in bundle["members"]] == [list(m) for m in DESIGN_EXAMPLE["members"]]
    assert list(bundle["vision"]) == list(DESIGN_EXAMPLE["vision"])
    assert list(bundle["vision"]["projects"][0]) == list(DESIGN_EXAMPLE["vision"]["projects"][0])


def test_dumps_bundle_writes_unescaped_japanese_indented_with_a_trailing_newline():
    text = dumps_bundle(parse_bundle(DESIGN_EXAMPLE))
    assert "北海道総合開発計画" in text
    assert "\\u" not in text
    assert text.startswith('{\n  "region": {\n    "name"')
    assert text.endswith("}\n")


def test_revisions_and_plan_reference_notes_round_trip():
    bundle = valid()
    bundle["declaration"]["revision"] = {
        "kind": "changed",
        "is_minor": False,
        "consulted_on": "2027-01-15",
        "reason": "構成団体の追加",
    }
    bundle["vision"]["revision"] = {
        "kind": "abolished",
        "is_minor": False,
        "consulted_on": None,
        "reason": "",
    }
    bundle["vision"]["aspiration_plan_reference"] = {"plan": "中国圏広域地方計画"}
    bundle["vision"]["roadmap_plan_reference"] = {
        "plan": "四国圏広域地方計画",
        "section": "第3部",
        "note": "工程表",
    }
    filing = parse_bundle(bundle)
    assert filing.declaration.revision == RevisionInfo(
        RevisionKind.CHANGED, False, date(2027, 1, 15), "構成団体の追加"
    )
    assert filing.vision.revision.kind is RevisionKind.ABOLISHED
    assert filing.vision.roadmap_plan_reference == PlanRef("四国圏広域地方計画", "第3部", "工程表")
    assert filing_to_bundle(filing) == bundle
    assert parse_bundle(filing_to_bundle(filing)) == filing


def test_default_revision_is_left_out_when_written():
    bundle = valid()
    bundle["declaration"]["revision"] = {"kind": "established"}
    filing = parse_bundle(bundle)
    assert filing.declaration.revision == RevisionInfo()
    assert "revision" not in filing_to_bundle(filing)["declaration"]


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
    ) == [
        "2026",
        "2027",
        "2028",
    ]


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


@pytest.mark.parametrize(
    "data",
    [
        VALID_TEXT.encode("utf-8"),
        "\ufeff" + VALID_TEXT,
        b"\xef\xbb\xbf" + VALID_TEXT.encode("utf-8"),
        bytearray(VALID_TEXT.encode("utf-8")),
    ],
    ids=["bytes", "str-with-bom", "bytes-with-bom", "bytearray"],
)
def test_bytes_and_byte_order_mark_are_accepted(data):
    assert parse_bundle(data) == parse_bundle(VALID_TEXT)


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


def test_a_bundle_of_exactly_the_size_limit_is_accepted():
    text = VALID_TEXT.encode("utf-8")
    padded = text + b" " * (MAX_BUNDLE_BYTES - len(text))
    assert len(padded) == MAX_BUNDLE_BYTES
    assert parse_bundle(padded) == parse_bundle(VALID_TEXT)


# --- input errors: path and message ------------------------------------------------------------


def _set(path, value):
    """A mutation that sets ``value`` at ``path`` (a list of keys and indexes)."""

    def mutate(bundle):
        target = bundle
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        return bundle

    return mutate


def _delete(path):
    def mutate(bundle):
        target = bundle
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
        return bundle

    return mutate


def _add_member(member):
    def mutate(bundle):
        bundle["members"].append(member)
        return bundle

    return mutate


P0 = ["vision", "projects", 0]
P2 = ["vision", "projects", 2]
UNIV = ["members", 8]  # 瀬戸内工科大学
KEIZAI = ["members", 7]
RENGO = ["members", 6]

INPUT_ERRORS = [
    # the document
    ("top-level-array", lambda b: [b], "$", "最上位は JSON オブジェクト"),
    ("top-level-number", lambda b: 42, "$", "数値 42 が指定されています"),
    ("unknown-top-key", _set(["extra"], 1), "extra", '不明なキー "extra"'),
    ("unknown-odd-top-key", _set(["a b"], 1), '$["a b"]', '不明なキー "a b"'),
    ("missing-region", _delete(["region"]), "region", '必須のキー "region"'),
    ("missing-declaration", _delete(["declaration"]), "declaration", "必須のキー"),
    ("missing-members", _delete(["members"]), "members", "必須のキー"),
    ("region-checked-before-missing-declaration", lambda b: {"region": 1}, "region", "数値 1"),
    ("region-not-object", _set(["region"], "瀬戸内"), "region", "オブジェクトを指定"),
    ("vision-not-object", _set(["vision"], []), "vision", "オブジェクトを指定"),
    # region and declaration
    (
        "unknown-region-key",
        _set(["region", "colour"], "red"),
        "region.colour",
        '不明なキー "colour"',
    ),
    (
        "region-name-number",
        _set(["region", "name"], 5),
        "region.name",
        "文字列を指定してください（数値 5 が指定されています）",
    ),
    ("region-name-too-long", _set(["region", "name"], "名" * 201), "region.name", "200 文字以内"),
    (
        "area-note-too-long",
        _set(["region", "area_note"], "x" * 201),
        "region.area_note",
        "200 文字以内",
    ),
    (
        "aspiration-too-long",
        _set(["declaration", "aspiration"], "x" * 20_001),
        "declaration.aspiration",
        "20,000 文字以内",
    ),
    (
        "declared-on-slashes",
        _set(["declaration", "declared_on"], "2026/04/01"),
        "declaration.declared_on",
        "YYYY-MM-DD",
    ),
    (
        "declared-on-unpadded",
        _set(["declaration", "declared_on"], "2026-4-1"),
        "declaration.declared_on",
        "YYYY-MM-DD",
    ),
    (
        "declared-on-compact",
        _set(["declaration", "declared_on"], "20260401"),
        "declaration.declared_on",
        "YYYY-MM-DD",
    ),
    (
        "declared-on-full-width",
        _set(["declaration", "declared_on"], "２０２６-04-01"),
        "declaration.declared_on",
        "YYYY-MM-DD",
    ),
    (
        "declared-on-number",
        _set(["declaration", "declared_on"], 20260401),
        "declaration.declared_on",
        "数値 20260401",
    ),
    (
        "declared-on-not-real",
        _set(["declaration", "declared_on"], "2026-02-30"),
        "declaration.declared_on",
        "実在しない日付",
    ),
    (
        "declared-on-datetime",
        _set(["declaration", "declared_on"], "2026-04-01T00:00:00"),
        "declaration.declared_on",
        "YYYY-MM-DD",
    ),
    (
        "declared-on-year-out-of-range",
        _set(["declaration", "declared_on"], "9999-12-31"),
        "declaration.declared_on",
        "1900 年から 2999 年",
    ),
    (
        "fields-not-list",
        _set(["declaration", "fields"], "industry"),
        "declaration.fields",
        "配列を指定",
    ),
    ("fields-null", _set(["declaration", "fields"], None), "declaration.fields", "配列を指定"),
    (
        "unknown-field",
        _set(["declaration", "fields", 1], "agriculture"),
        "declaration.fields[1]",
        '不明な分野 "agriculture"',
    ),
    ("field-number", _set(["declaration", "fields", 0], 1), "declaration.fields[0]", "数値 1"),
    (
        "other-field-extra-key",
        _set(["declaration", "fields", 3], {"other": "x", "note": "y"}),
        "declaration.fields[3].note",
        '不明なキー "note"',
    ),
    (
        "other-field-without-other",
        _set(["declaration", "fields", 3], {}),
        "declaration.fields[3]",
        '{"other": "分野の説明"}',
    ),
    (
        "duplicate-field",
        _set(["declaration", "fields", 2], "industry"),
        "declaration.fields[2]",
        "重複",
    ),
    (
        "revision-unknown-kind",
        _set(["declaration", "revision"], {"kind": "amended"}),
        "declaration.revision.kind",
        '不明な改定の種別 "amended"',
    ),
    (
        "revision-without-kind",
        _set(["declaration", "revision"], {"is_minor": True}),
        "declaration.revision.kind",
        "kind",
    ),
    (
        "revision-minor-string",
        _set(["declaration", "revision"], {"kind": "changed", "is_minor": "yes"}),
        "declaration.revision.is_minor",
        "真偽値",
    ),
    (
        "revision-unknown-key",
        _set(["vision", "revision"], {"kind": "changed", "by": "x"}),
        "vision.revision.by",
        '不明なキー "by"',
    ),
    (
        "revision-bad-date",
        _set(["vision", "revision"], {"kind": "changed", "consulted_on": "昨日"}),
        "vision.revision.consulted_on",
        "YYYY-MM-DD",
    ),
    (
        "revision-not-object",
        _set(["declaration", "revision"], "changed"),
        "declaration.revision",
        "オブジェクトを指定",
    ),
    # members
    ("members-not-list", _set(["members"], {"okayama": {}}), "members", "配列を指定"),
    (
        "too-many-members",
        lambda b: {**b, "members": [{"key": f"k{i}", "kind": "company"} for i in range(501)]},
        "members",
        "500 件以内",
    ),
    ("member-not-object", _set(["members", 0], "岡山県"), "members[0]", "オブジェクトを指定"),
    (
        "member-unknown-key",
        _set(["members", 0, "email"], "x@example.jp"),
        "members[0].email",
        '不明なキー "email"',
    ),
    (
        "member-unknown-kind",
        _set(["members", 3, "kind"], "city"),
        "members[3].kind",
        '不明な種別 "city"',
    ),
    ("member-kind-missing", _delete(["members", 3, "kind"]), "members[3].kind", "種別 kind"),
    ("member-kind-number", _set(["members", 3, "kind"], 2), "members[3].kind", "文字列を指定"),
    (
        "lg-code-number",
        _set(["members", 3, "lg_code"], 11002),
        "members[3].lg_code",
        "文字列を指定してください（数値 11002 が指定されています）",
    ),
    (
        "lg-code-on-university",
        _set([*UNIV, "lg_code"], "342084"),
        "members[8].lg_code",
        "種別 university のメンバーには使えない",
    ),
    (
        "lg-code-on-other-local-government",
        _set([*RENGO, "lg_code"], "342084"),
        "members[6].lg_code",
        "使えない",
    ),
    (
        "activity-prefectures-on-prefecture",
        _set(["members", 0, "activity_prefectures"], ["33"]),
        "members[0].activity_prefectures",
        "economic_organization だけ",
    ),
    (
        "multi-industry-on-company",
        _set(["members", 10, "multi_industry"], True),
        "members[10].multi_industry",
        "使えない",
    ),
    (
        "area-prefectures-on-municipality",
        _set(["members", 3, "area_prefectures"], ["33"]),
        "members[3].area_prefectures",
        "other_local_government だけ",
    ),
    ("member-key-missing", _delete(["members", 0, "key"]), "members[0].key", "キー key"),
    ("member-key-empty", _set(["members", 0, "key"], ""), "members[0].key", "キー key"),
    ("member-key-number", _set(["members", 0, "key"], 1), "members[0].key", "文字列を指定"),
    (
        "duplicate-member-key",
        _add_member({"key": "okayama", "name": "岡山", "kind": "company"}),
        "members[13].key",
        'キー "okayama" が members[0] と重複',
    ),
    (
        "member-name-too-long",
        _set(["members", 0, "name"], "x" * 201),
        "members[0].name",
        "200 文字以内",
    ),
    (
        "multi-industry-number",
        _set([*KEIZAI, "multi_industry"], 1),
        "members[7].multi_industry",
        "真偽値（true または false）を指定してください（数値 1",
    ),
    (
        "multi-industry-null",
        _set([*KEIZAI, "multi_industry"], None),
        "members[7].multi_industry",
        "null",
    ),
    (
        "activity-prefectures-string",
        _set([*KEIZAI, "activity_prefectures"], "33"),
        "members[7].activity_prefectures",
        "配列を指定",
    ),
    (
        "activity-prefecture-48",
        _set([*KEIZAI, "activity_prefectures"], ["33", "48"]),
        "members[7].activity_prefectures[1]",
        '"01"〜"47"',
    ),
    (
        "activity-prefecture-00",
        _set([*KEIZAI, "activity_prefectures"], ["00"]),
        "members[7].activity_prefectures[0]",
        '"01"〜"47"',
    ),
    (
        "activity-prefecture-one-digit",
        _set([*KEIZAI, "activity_prefectures"], ["3"]),
        "members[7].activity_prefectures[0]",
        '"01"〜"47"',
    ),
    (
        "activity-prefecture-name",
        _set([*KEIZAI, "activity_prefectures"], ["岡山県"]),
        "members[7].activity_prefectures[0]",
        '"01"〜"47"',
    ),
    (
        "activity-prefecture-number",
        _set([*KEIZAI, "activity_prefectures"], [33]),
        "members[7].activity_prefectures[0]",
        "数値 33",
    ),
    (
        "activity-prefecture-duplicate",
        _set([*KEIZAI, "activity_prefectures"], ["33", "33"]),
        "members[7].activity_prefectures[1]",
        "重複",
    ),
    (
        "area-prefecture-bad",
        _set([*RENGO, "area_prefectures"], ["34", "99"]),
        "members[6].area_prefectures[1]",
        '"01"〜"47"',
    ),
    # vision
    (
        "vision-unknown-key",
        _set(["vision", "summary"], ""),
        "vision.summary",
        '不明なキー "summary"',
    ),
    (
        "roadmap-too-long",
        _set(["vision", "roadmap"], "x" * 20_001),
        "vision.roadmap",
        "20,000 文字以内",
    ),
    (
        "vision-aspiration-number",
        _set(["vision", "aspiration"], 1),
        "vision.aspiration",
        "文字列を指定",
    ),
    (
        "verified-on-bad",
        _set(["vision", "verified_on"], "2026-13-01"),
        "vision.verified_on",
        "実在しない日付",
    ),
    (
        "aspiration-plan-reference-string",
        _set(["vision", "aspiration_plan_reference"], "中国圏広域地方計画"),
        "vision.aspiration_plan_reference",
        "オブジェクトを指定",
    ),
    (
        "roadmap-plan-reference-empty",
        _set(["vision", "roadmap_plan_reference"], {"plan": ""}),
        "vision.roadmap_plan_reference.plan",
        "計画名 plan",
    ),
    ("projects-not-list", _set(["vision", "projects"], {}), "vision.projects", "配列を指定"),
    (
        "too-many-projects",
        lambda b: _set(["vision", "projects"], [{"name": str(i)} for i in range(201)])(b),
        "vision.projects",
        "200 件以内",
    ),
    # projects
    (
        "project-not-object",
        _set([*P0[:2], 1], None),
        "vision.projects[1]",
        "オブジェクトを指定してください（null",
    ),
    (
        "project-unknown-key",
        _set([*P0, "owner"], "x"),
        "vision.projects[0].owner",
        '不明なキー "owner"',
    ),
    (
        "project-name-too-long",
        _set([*P0, "name"], "x" * 201),
        "vision.projects[0].name",
        "200 文字以内",
    ),
    (
        "project-content-too-long",
        _set([*P0, "content"], "x" * 20_001),
        "vision.projects[0].content",
        "20,000 文字以内",
    ),
    (
        "project-effects-too-long",
        _set([*P0, "effects"], "x" * 20_001),
        "vision.projects[0].effects",
        "20,000 文字以内",
    ),
    (
        "project-other-too-long",
        _set([*P0, "other"], "x" * 20_001),
        "vision.projects[0].other",
        "20,000 文字以内",
    ),
    (
        "project-content-list",
        _set([*P0, "content"], ["a"]),
        "vision.projects[0].content",
        "文字列を指定してください（配列",
    ),
    (
        "implementers-not-list",
        _set([*P0, "implementers"], "okayama"),
        "vision.projects[0].implementers",
        "配列を指定",
    ),
    (
        "implementer-unknown-member",
        _set([*P0, "implementers", 1], {"member": "tottori"}),
        "vision.projects[0].implementers[1].member",
        'キー "tottori" のメンバーは members にありません',
    ),
    (
        "implementer-member-number",
        _set([*P0, "implementers", 1], {"member": 3}),
        "vision.projects[0].implementers[1].member",
        "数値 3",
    ),
    (
        "implementer-both",
        _set([*P0, "implementers", 1], {"member": "univ", "name": "大学"}),
        "vision.projects[0].implementers[1]",
        "どちらか一方だけ",
    ),
    (
        "implementer-neither",
        _set([*P0, "implementers", 1], {}),
        "vision.projects[0].implementers[1]",
        "member（メンバーのキー）か name",
    ),
    (
        "implementer-unknown-key",
        _set([*P0, "implementers", 1], {"member": "univ", "role": "x"}),
        "vision.projects[0].implementers[1].role",
        '不明なキー "role"',
    ),
    (
        "implementer-duplicate",
        _set([*P0, "implementers", 1], {"member": "okayama"}),
        "vision.projects[0].implementers[1].member",
        "重複",
    ),
    (
        "implementer-string",
        _set([*P0, "implementers", 0], "okayama"),
        "vision.projects[0].implementers[0]",
        "オブジェクトを指定",
    ),
    (
        "joint-body-unknown-member",
        _set([*P2, "joint_body_of", 1], "ehime"),
        "vision.projects[2].joint_body_of[1]",
        'キー "ehime" のメンバー',
    ),
    (
        "joint-body-string",
        _set([*P2, "joint_body_of"], "hiroshima"),
        "vision.projects[2].joint_body_of",
        "配列を指定",
    ),
    (
        "joint-body-duplicate",
        _set([*P2, "joint_body_of"], ["hiroshima", "hiroshima"]),
        "vision.projects[2].joint_body_of[1]",
        "重複",
    ),
    (
        "plan-reference-without-plan",
        _set([*P0, "plan_references", 0], {"section": "第1章"}),
        "vision.projects[0].plan_references[0].plan",
        "計画名 plan",
    ),
    (
        "plan-reference-unknown-key",
        _set([*P0, "plan_references", 0, "page"], 3),
        "vision.projects[0].plan_references[0].page",
        '不明なキー "page"',
    ),
    (
        "plan-reference-null-in-list",
        _set([*P0, "plan_references", 0], None),
        "vision.projects[0].plan_references[0]",
        "オブジェクトを指定",
    ),
    (
        "budget-not-object",
        _set([*P0, "budget"], 300),
        "vision.projects[0].budget",
        "オブジェクトを指定",
    ),
    (
        "budget-unknown-key",
        _set([*P0, "budget", "currency"], "JPY"),
        "vision.projects[0].budget.currency",
        '不明なキー "currency"',
    ),
    (
        "budget-total-negative",
        _set([*P0, "budget", "total"], -1),
        "vision.projects[0].budget.total",
        "0 以上",
    ),
    (
        "budget-total-over-limit",
        _set([*P0, "budget", "total"], 10**15 + 1),
        "vision.projects[0].budget.total",
        "10^15 円",
    ),
    (
        "budget-total-bool",
        _set([*P0, "budget", "total"], True),
        "vision.projects[0].budget.total",
        "真偽値 true",
    ),
    (
        "budget-total-float",
        _set([*P0, "budget", "total"], 1.5),
        "vision.projects[0].budget.total",
        "数値 1.5",
    ),
    (
        "budget-total-string",
        _set([*P0, "budget", "total"], "300000000"),
        "vision.projects[0].budget.total",
        "金額（円単位の整数）",
    ),
    (
        "fiscal-years-list",
        _set([*P0, "budget", "by_fiscal_year"], [1, 2]),
        "vision.projects[0].budget.by_fiscal_year",
        "オブジェクト",
    ),
    (
        "fiscal-year-prefixed",
        _set([*P0, "budget", "by_fiscal_year"], {"FY2026": 1}),
        'vision.projects[0].budget.by_fiscal_year["FY2026"]',
        "4 桁の西暦年",
    ),
    (
        "fiscal-year-two-digits",
        _set([*P0, "budget", "by_fiscal_year"], {"26": 1}),
        'vision.projects[0].budget.by_fiscal_year["26"]',
        "4 桁の西暦年",
    ),
    (
        "fiscal-year-reiwa",
        _set([*P0, "budget", "by_fiscal_year"], {"R8": 1}),
        'vision.projects[0].budget.by_fiscal_year["R8"]',
        "4 桁の西暦年",
    ),
    (
        "fiscal-year-out-of-range",
        _set([*P0, "budget", "by_fiscal_year"], {"0999": 1}),
        'vision.projects[0].budget.by_fiscal_year["0999"]',
        "1900 から 2999",
    ),
    (
        "fiscal-year-amount-negative",
        _set([*P0, "budget", "by_fiscal_year", "2027"], -5),
        'vision.projects[0].budget.by_fiscal_year["2027"]',
        "0 以上",
    ),
    (
        "fiscal-year-amount-string",
        _set([*P0, "budget", "by_fiscal_year", "2027"], "5"),
        'vision.projects[0].budget.by_fiscal_year["2027"]',
        '文字列 "5"',
    ),
    (
        "fiscal-year-amount-null",
        _set([*P0, "budget", "by_fiscal_year", "2027"], None),
        'vision.projects[0].budget.by_fiscal_year["2027"]',
        "null",
    ),
    (
        "fiscal-year-amount-over-limit",
        _set([*P0, "budget", "by_fiscal_year", "2027"], 10**16),
        'vision.projects[0].budget.by_fiscal_year["2027"]',
        "10^15 円",
    ),
    (
        "period-not-object",
        _set([*P0, "period"], "2026-2029"),
        "vision.projects[0].period",
        "オブジェクトを指定",
    ),
    (
        "period-unknown-key",
        _set([*P0, "period", "length"], 3),
        "vision.projects[0].period.length",
        '不明なキー "length"',
    ),
    (
        "period-start-malformed",
        _set([*P2, "period", "start"], "2026-6-1"),
        "vision.projects[2].period.start",
        "YYYY-MM-DD",
    ),
    (
        "period-end-not-leap-year",
        _set([*P2, "period", "end"], "2029-02-29"),
        "vision.projects[2].period.end",
        '"2029-02-29" は実在しない日付',
    ),
    (
        "milestones-not-list",
        _set([*P0, "milestones"], {"date": "2027-03-31"}),
        "vision.projects[0].milestones",
        "配列を指定",
    ),
    (
        "milestone-date-malformed",
        _set([*P0, "milestones", 1, "date"], "令和11年3月31日"),
        "vision.projects[0].milestones[1].date",
        "YYYY-MM-DD",
    ),
    (
        "milestone-target-number",
        _set([*P0, "milestones", 1, "target"], 10),
        "vision.projects[0].milestones[1].target",
        "文字列を指定",
    ),
    (
        "milestone-unknown-key",
        _set([*P0, "milestones", 0, "done"], False),
        "vision.projects[0].milestones[0].done",
        '不明なキー "done"',
    ),
]


@pytest.mark.parametrize(
    ("mutate", "path", "fragment"),
    [case[1:] for case in INPUT_ERRORS],
    ids=[case[0] for case in INPUT_ERRORS],
)
def test_input_error_is_reported_at_its_path(mutate, path, fragment):
    error = error_of(mutate(valid()))
    assert error.path == path
    assert fragment in error.message
    assert str(error) == f"{path}: {error.message}"
    assert "\n" not in str(error)


def test_input_error_is_also_found_through_json_text():
    bundle = _set(["members", 3, "lg_code"], 11002)(valid())
    error = error_of(json.dumps(bundle, ensure_ascii=False).encode("utf-8"))
    assert (
        str(error)
        == "members[3].lg_code: 文字列を指定してください（数値 11002 が指定されています）"
    )


def test_first_problem_in_document_order_is_reported():
    bundle = valid()
    bundle["members"][2]["kind"] = "city"
    bundle["members"][5]["lg_code"] = 1
    bundle["vision"]["projects"][0]["budget"]["total"] = -1
    assert error_of(bundle).path == "members[2].kind"


# --- input errors in the raw text --------------------------------------------------------------

RAW_ERRORS = [
    ("malformed-json", b'{"region": {,}}', "$", "JSON として読めません（1 行 13 列）"),
    (
        "missing-comma-on-line-three",
        b'{\n  "region": {"name": "x"},\n  "declaration": {} "members": []\n}',
        "$",
        "（3 行 21 列）: 「,」がありません",
    ),
    ("empty-input", b"", "$", "値がありません"),
    ("trailing-data", b"{} {}", "$", "余分なデータ"),
    ("nan", b'{"region": NaN}', "$", "NaN は JSON の値として使えません"),
    ("infinity", b'{"region": -Infinity}', "$", "-Infinity"),
    ("deep-nesting", b"[" * 100_000 + b"]" * 100_000, "$", "入れ子が深すぎます"),
    ("huge-integer-literal", b'{"members": ' + b"9" * 5000 + b"}", "$", "JSON として読めません"),
    (
        "duplicate-key",
        b'{"region": {"name": "a", "name": "b"}, "declaration": {}, "members": []}',
        "region.name",
        'キー "name" が重複',
    ),
    (
        "duplicate-top-key",
        b'{"members": [], "region": {}, "declaration": {}, "members": []}',
        "members",
        'キー "members" が重複',
    ),
    (
        "json-array",
        b"[]",
        "$",
        "最上位は JSON オブジェクトにしてください（配列 が指定されています）",
    ),
    ("json-null", b"null", "$", "null が指定されています"),
]


@pytest.mark.parametrize(
    ("raw", "path", "fragment"),
    [case[1:] for case in RAW_ERRORS],
    ids=[case[0] for case in RAW_ERRORS],
)
def test_raw_input_error_is_reported_with_its_position(raw, path, fragment):
    for data in (raw, raw.decode("utf-8")):
        error = error_of(data)
        assert error.path == path
        assert fragment in error.message


def test_duplicate_fiscal_year_in_json_text_is_refused():
    bundle = valid()
    text = json.dumps(bundle, ensure_ascii=False).replace(
        '"2027": 100000000', '"2026": 1, "2027": 100000000'
    )
    error = error_of(text)
    assert error.path == 'vision.projects[0].budget.by_fiscal_year["2026"]'
    assert '年度 "2026" が重複' in error.message


def test_non_utf8_bytes_are_refused_with_the_byte_offset():
    data = json.dumps(valid(), ensure_ascii=False).encode("shift_jis")
    error = error_of(data)
    assert error.path == "$"
    assert "UTF-8 として読めません" in error.message
    offset = data.index(b'"region": {"name": "') + len(b'"region": {"name": "') + 1
    assert f"{offset} バイト目" in error.message


def test_input_larger_than_five_megabytes_is_refused_naming_the_limit():
    text = VALID_TEXT.encode("utf-8")
    over = text + b" " * (MAX_BUNDLE_BYTES + 1 - len(text))
    for data in (over, over.decode("utf-8")):
        error = error_of(data)
        assert error.path == "$"
        assert "5,242,880 バイト" in error.message
        assert "5 MB" in error.message


# --- files -------------------------------------------------------------------------------------


def test_read_bundle_file_reads_the_sample():
    assert read_bundle_file(BUNDLES / "valid_region.json") == parse_bundle(VALID_TEXT)
    assert read_bundle_file(str(BUNDLES / "valid_region.json")) == parse_bundle(VALID_TEXT)


def test_read_bundle_file_refuses_a_file_just_over_the_limit(tmp_path):
    path = tmp_path / "big.json"
    text = VALID_TEXT.encode("utf-8")
    path.write_bytes(text + b" " * (MAX_BUNDLE_BYTES + 1 - len(text)))
    with pytest.raises(BundleError, match="5 MB"):
        read_bundle_file(path)
    path.write_bytes(text + b" " * (MAX_BUNDLE_BYTES - len(text)))
    assert read_bundle_file(path) == parse_bundle(VALID_TEXT)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_read_bundle_file_stops_reading_at_the_limit():
    # An endless file: reading it whole would never return.
    with pytest.raises(BundleError, match="5 MB"):
        read_bundle_file("/dev/zero")


def test_read_bundle_file_turns_file_problems_into_bundle_errors(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(BundleError) as caught:
        read_bundle_file(missing)
    assert caught.value.path == "$"
    assert "がありません" in caught.value.message

    with pytest.raises(BundleError) as caught:
        read_bundle_file(tmp_path)
    assert "ディレクトリ" in caught.value.message

    sjis = tmp_path / "sjis.json"
    sjis.write_bytes(VALID_TEXT.encode("shift_jis"))
    with pytest.raises(BundleError, match="UTF-8 として読めません"):
        read_bundle_file(sjis)


# --- round trip over many accepted variants ----------------------------------------------------

_VARIANT_VALUES = {
    str: ["", "x", "2026-04-01", "2024-02-29", "01", "47", "010006", "okayama", "東京都府中市"],
    int: [0, 1, 10**15],
    bool: [True, False],
    list: [[], ["01"], ["okayama"], [{"member": "okayama"}], [{"name": "x"}], ["other"]],
    dict: [{}, {"plan": "p"}, {"kind": "changed"}, {"total": None}],
    type(None): [None],
}


def _paths(value, prefix=()):
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, child in items:
        yield (*prefix, key)
        yield from _paths(child, (*prefix, key))


def test_every_accepted_variant_round_trips():
    rng = random.Random(20260401)
    paths = list(_paths(VALID))
    accepted = 0
    for _ in range(1000):
        bundle = valid()
        for path in rng.sample(paths, rng.randint(1, 2)):
            target = bundle
            try:
                for step in path[:-1]:
                    target = target[step]
                current = target[path[-1]]
            except (KeyError, IndexError, TypeError):
                continue
            target[path[-1]] = copy.deepcopy(rng.choice(_VARIANT_VALUES[type(current)]))
        try:
            filing = parse_bundle(bundle)
        except BundleError:
            continue
        accepted += 1
        assert parse_bundle(filing_to_bundle(filing)) == filing
        assert parse_bundle(dumps_bundle(filing)) == filing
    assert accepted > 100, accepted  # the variants must not all be refused
