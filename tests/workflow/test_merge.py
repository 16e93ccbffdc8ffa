"""The three-way merge of a draft form (``workflow.merge``): what each side changed since the
version both editors opened."""

from datetime import date

from workflow.merge import merge

BASE = {"verified_on": None, "verification_note": "", "aspiration": "姿", "rows": ("a", "b")}


def test_fields_only_the_other_side_changed_are_theirs_and_named():
    theirs = BASE | {"verified_on": date(2026, 4, 1), "verification_note": "検証した"}
    mine = BASE | {"aspiration": "新しい姿"}

    result = merge(BASE, mine, theirs)

    assert result.values == {
        "verified_on": date(2026, 4, 1),
        "verification_note": "検証した",
        "aspiration": "新しい姿",
        "rows": ("a", "b"),
    }
    assert result.conflicts == ()
    assert result.kept_theirs == ("verified_on", "verification_note")


def test_a_field_both_changed_differently_is_a_conflict_and_keeps_mine():
    result = merge(BASE, BASE | {"aspiration": "私の姿"}, BASE | {"aspiration": "他の姿"})

    assert result.conflicts == ("aspiration",)
    assert result.values["aspiration"] == "私の姿"
    assert result.kept_theirs == ()


def test_the_same_change_on_both_sides_is_no_conflict():
    both = BASE | {"aspiration": "同じ姿"}

    result = merge(BASE, both, dict(both))

    assert (result.conflicts, result.kept_theirs, result.values) == ((), (), both)


def test_a_list_of_rows_is_one_value():
    result = merge(BASE, BASE | {"rows": ("a",)}, BASE | {"rows": ("a", "b", "c")})

    assert result.conflicts == ("rows",)


def test_without_a_base_every_difference_is_a_conflict_and_nothing_is_overwritten():
    mine = BASE | {"aspiration": "私の姿"}
    theirs = BASE | {"verification_note": "検証した"}

    result = merge({}, mine, theirs)

    assert result.conflicts == ("verification_note", "aspiration")
    assert result.values == mine


def test_a_field_on_one_side_only_is_kept():
    result = merge({}, {"a": 1}, {"b": 2})

    assert result.values == {"a": 1, "b": 2} and result.conflicts == ()
