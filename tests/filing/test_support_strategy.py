"""filing.support with the national strategy's terms (ADR 0121): a measure that lists cluster
types or 戦略分野 serves a project of that type or sharing a 戦略分野, beside fields and tags."""

from filing import strategy
from filing.data import FieldCode
from filing.support import match_measures
from filing.support_catalogue import MeasureData, parse_strategy, read_csv, write_csv


def measure(name, *, fields=(), clusters=(), sectors=(), tags=()):
    return MeasureData(
        name=name,
        ministry="経済産業省",
        fields=tuple(fields),
        tags=tuple(tags),
        cluster_types=tuple(clusters),
        strategic_fields=tuple(sectors),
    )


def test_a_shared_type_or_strategic_field_matches_with_its_reason():
    chips = measure(
        "半導体拠点", clusters=["strategic_industry_cluster"], sectors=["ai_semiconductors"]
    )
    ships = measure("造船の補助", sectors=["shipbuilding"])
    local = measure("地場産業", clusters=["local_industry_support"])

    matches = match_measures(
        fields=[],
        cluster_type="strategic_industry_cluster",
        strategic_fields=["ai_semiconductors", "quantum"],
        measures=[chips, ships, local],
    )

    assert [m.measure.name for m in matches] == ["半導体拠点"]
    assert matches[0].reasons == ("類型: 戦略産業クラスター", "戦略分野: AI・半導体")
    assert matches[0].score == 2


def test_without_strategy_terms_the_matching_is_as_before():
    chips = measure("半導体拠点", fields=[FieldCode.INDUSTRY], sectors=["ai_semiconductors"])
    assert match_measures(fields=[FieldCode.TOURISM], measures=[chips]) == []
    (match,) = match_measures(fields=[FieldCode.INDUSTRY], measures=[chips])
    assert match.reasons == ("分野: A 産業振興",) and match.strategic_fields == ()


def test_more_shared_terms_rank_first():
    one = measure("一つ", sectors=["quantum"])
    two = measure("二つ", sectors=["quantum", "ocean"])
    matches = match_measures(fields=[], strategic_fields=["ocean", "quantum"], measures=[one, two])
    assert [m.measure.name for m in matches] == ["二つ", "一つ"]


def test_the_csv_reads_codes_or_labels_and_old_files_without_the_columns():
    assert parse_strategy(strategy.SECTOR, "量子、ocean AI・半導体") == (
        ("ai_semiconductors", "quantum", "ocean"),
        [],
    )
    _codes, problems = parse_strategy(strategy.CLUSTER, "大企業クラスター")
    assert problems and "知らない類型" in problems[0]
    old = (
        "名称,府省名,種類,分野,タグ,年度,URL,広域リージョン優先,公募中,概要\r\n"
        "補助,経済産業省,補助事業,industry,,2026,,0,1,概要\r\n"
    ).encode()
    rows, errors = read_csv(old)
    assert not errors
    assert rows[0].measure.strategic_fields == () and "戦略分野" in rows[0].absent


def test_the_csv_round_trips_the_strategy_columns():
    data = measure("半導体拠点", clusters=["strategic_industry_cluster"], sectors=["quantum"])
    rows, errors = read_csv(write_csv([(data, True)]))
    assert not errors
    assert rows[0].measure == data and not rows[0].absent
