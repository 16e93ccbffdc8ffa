"""``filing.milestones.in_date_order``: the one order every display of milestones uses
(ADR 0096): by date, undated ones last, the author's order kept among equals."""

from datetime import date

from filing.data import MilestoneData
from filing.milestones import in_date_order


def test_milestones_are_sorted_by_date_and_the_undated_ones_come_last():
    items = [
        MilestoneData(date(2029, 3, 31), "c"),
        MilestoneData(None, "undated 1"),
        MilestoneData(date(2026, 4, 1), "a"),
        MilestoneData(None, "undated 2"),
        MilestoneData(date(2027, 3, 31), "b"),
    ]

    assert [m.target for m in in_date_order(items)] == ["a", "b", "c", "undated 1", "undated 2"]


def test_the_same_date_keeps_the_authors_order_and_an_empty_input_stays_empty():
    same = [
        MilestoneData(date(2027, 1, 1), "second written first"),
        MilestoneData(date(2027, 1, 1), "x"),
    ]

    assert in_date_order(same) == tuple(same)
    assert in_date_order(()) == ()
