"""Input errors of the reader (``filing.bundle.reader``): the path and the message; no database."""

import json

import pytest

from tests.filing.bundle.samples import error_of, valid

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
        "500 団体以内",
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
        "種別 university のメンバーには使えません",
    ),
    (
        "lg-code-on-other-local-government",
        _set([*RENGO, "lg_code"], "342084"),
        "members[6].lg_code",
        "使えません",
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
        "使えません",
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


@pytest.mark.parametrize(
    ("mutate", "path", "message"),
    [
        (
            _set([*UNIV, "lg_code"], "342084"),
            "members[8].lg_code",
            "キー lg_code は種別 university のメンバーには使えません（lg_code を持てるのは種別"
            " prefecture と municipality だけです。ほかの種別に書くと保存で失われるため、"
            "入力エラーです）",
        ),
        (
            _set(["members", 0, "activity_prefectures"], ["33"]),
            "members[0].activity_prefectures",
            "キー activity_prefectures は種別 prefecture のメンバーには使えません"
            "（activity_prefectures を持てるのは種別 economic_organization だけです。"
            "ほかの種別に書くと保存で失われるため、入力エラーです）",
        ),
    ],
    ids=["lg_code-on-university", "activity_prefectures-on-prefecture"],
)
def test_a_key_of_another_kind_is_an_input_error_naming_the_key_and_the_kind(mutate, path, message):
    # issue 11 / DESIGN.md: it would be lost on saving, so it is refused, and said so.
    error = error_of(mutate(valid()))
    assert (error.path, error.message) == (path, message)
