"""The national strategy's lists (ADR 0121): stable codes, versions with source and date."""

from datetime import date

from filing import strategy


def test_the_shipped_lists_are_the_three_types_and_the_17_fields_of_2025_11_10():
    types = strategy.current(strategy.CLUSTER)
    assert [t.label for t in types.terms] == [
        "戦略産業クラスター",
        "地域産業クラスター",
        "地場産業支援",
    ]
    fields = strategy.current(strategy.SECTOR)
    assert fields.decided_on == date(2025, 11, 10)
    assert "日本成長戦略会議" in fields.source
    assert [t.label for t in fields.terms] == [
        "AI・半導体", "造船", "量子", "合成生物学・バイオ", "航空・宇宙",
        "デジタル・サイバーセキュリティ", "コンテンツ", "フードテック",
        "資源・エネルギー安全保障・GX", "防災・国土強靱化", "創薬・先端医療",
        "フュージョンエネルギー", "マテリアル（重要鉱物・部素材）", "港湾ロジスティクス",
        "防衛産業", "情報通信", "海洋",
    ]  # fmt: skip
    assert len(set(fields.codes)) == 17
    assert all(code.isascii() and code == code.lower() for code in fields.codes)


def test_labels_orders_and_the_one_line_text():
    assert strategy.label(strategy.SECTOR, "quantum") == "量子"
    assert strategy.label(strategy.SECTOR, "unknown") == "unknown"
    assert strategy.ordered(strategy.SECTOR, ["ocean", "ai_semiconductors", "ocean"]) == (
        "ai_semiconductors",
        "ocean",
    )
    assert (
        strategy.strategy_text("strategic_industry_cluster", ["quantum", "ai_semiconductors"])
        == "類型: 戦略産業クラスター／戦略分野: AI・半導体、量子"
    )
    assert strategy.strategy_text("", []) == ""
    assert strategy.strategy_text("", ["ocean"]) == "戦略分野: 海洋"


def test_a_revised_list_keeps_the_old_codes_meaning(monkeypatch):
    revised = strategy.TermList(
        kind=strategy.SECTOR,
        version="2027-01-01",
        source="改定",
        decided_on=date(2027, 1, 1),
        terms=(strategy.Term("quantum", "量子技術"), strategy.Term("robotics", "ロボット")),
    )
    monkeypatch.setattr(strategy, "VERSIONS", (*strategy.VERSIONS, revised))
    assert strategy.current(strategy.SECTOR) is revised
    assert strategy.label(strategy.SECTOR, "quantum") == "量子技術"  # newest label
    assert strategy.label(strategy.SECTOR, "shipbuilding") == "造船"  # an old code still reads
    codes = strategy.known_codes(strategy.SECTOR)
    assert codes[:2] == ("quantum", "robotics") and "shipbuilding" in codes
