"""Writing the canonical bundle (``filing.bundle.writer``) and reading it back; no database."""

import copy
import random
from datetime import date

from filing.bundle import BundleError, dumps_bundle, filing_to_bundle, parse_bundle
from filing.data import PlanRef, RevisionInfo, RevisionKind
from tests.filing.bundle.samples import BUNDLES, VALID, VALID_TEXT, valid

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


# --- round trip over many accepted variants ----------------------------------------------------

_VARIANT_VALUES = {
    str: ["", "x", "2026-04-01", "2024-02-29", "01", "47", "010006", "okayama", "東京都府中市"],
    int: [0, 1, 10**15],
    float: [0.5, 12.25, -1.5, 0.00001, 1e16],  # target figures (ADR 0104)
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


def test_a_reading_round_trips_and_a_bundle_without_one_stays_without():
    """ADR 0087: ``region.name_kana`` is optional; written only when there is one."""
    with_reading = copy.deepcopy(VALID)
    with_reading["region"] = {
        "name": VALID["region"]["name"],
        "name_kana": "せとうちこういきりーじょん",
        "area_note": VALID["region"]["area_note"],
    }

    filing = parse_bundle(with_reading)

    assert filing.declaration.region_name_kana == "せとうちこういきりーじょん"
    assert filing_to_bundle(filing) == with_reading
    assert "name_kana" not in filing_to_bundle(parse_bundle(VALID))["region"]


def test_a_reading_in_katakana_is_read_as_hiragana_and_kanji_is_refused():
    katakana = copy.deepcopy(VALID)
    katakana["region"]["name_kana"] = "セトウチ"
    assert parse_bundle(katakana).declaration.region_name_kana == "せとうち"

    kanji = copy.deepcopy(VALID)
    kanji["region"]["name_kana"] = "瀬戸内"
    try:
        parse_bundle(kanji)
    except BundleError as error:
        assert "region.name_kana" in str(error) and "ひらがなかカタカナ" in str(error)
    else:
        raise AssertionError("a reading in kanji is refused")
