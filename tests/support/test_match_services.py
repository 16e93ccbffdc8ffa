"""The pin, hide and clear verbs (ADR 0115): one decision per (region, project name,
measure), each verb one append-only audit row at the clock's time, notes checked, the
public stamps moved."""

from datetime import UTC, datetime

import pytest

from declarations import clock
from declarations.models import AppendOnlyError
from public.selectors.stamps import region_stamp
from support.match_services import MatchRefused, match_clear, match_hide, match_pin
from support.models import MatchAction, SupportMatchDecision, SupportMatchEvent, SupportMeasure
from tests.public_data import publish_region, skip_pdfs

pytestmark = pytest.mark.django_db

PROJECT = "瀬戸内MaaS推進プロジェクト"


@pytest.fixture
def measure():
    return SupportMeasure.objects.create(
        name="地域公共交通確保維持改善事業", ministry="国土交通省", fields=["transport"]
    )


def test_a_pin_records_the_decision_and_one_audit_row(imported, reviewer, measure):
    moment = datetime(2026, 7, 1, 3, 0, tzinfo=UTC)
    with clock.recorded_at(moment):
        decision = match_pin(
            region=imported.region,
            project_name=f"  {PROJECT} ",
            measure=measure,
            note=" 公募が近い ",
            actor=reviewer,
        )

    assert (decision.project_name, decision.action, decision.note) == (
        PROJECT,
        MatchAction.PIN,
        "公募が近い",
    )
    assert (decision.decided_by, decision.decided_at) == (reviewer, moment)
    (event,) = SupportMatchEvent.objects.all()
    assert (event.verb, event.project_name, event.measure, event.actor, event.at) == (
        "pin",
        PROJECT,
        measure,
        reviewer,
        moment,
    )
    assert event.measure_name == "地域公共交通確保維持改善事業（国土交通省）"


def test_a_hide_replaces_the_pin_and_a_clear_removes_it_each_audited(imported, reviewer, measure):
    region = imported.region
    match_pin(region=region, project_name=PROJECT, measure=measure, actor=reviewer)
    match_hide(region=region, project_name=PROJECT, measure=measure, note="対象外", actor=reviewer)

    (decision,) = SupportMatchDecision.objects.all()
    assert (decision.action, decision.note) == (MatchAction.HIDE, "対象外")

    assert match_clear(region=region, project_name=PROJECT, measure=measure, actor=reviewer)
    assert not SupportMatchDecision.objects.exists()
    assert list(SupportMatchEvent.objects.values_list("verb", flat=True)) == [
        "pin",
        "hide",
        "clear",
    ]


def test_clearing_nothing_writes_nothing(imported, reviewer, measure):
    assert not match_clear(
        region=imported.region, project_name=PROJECT, measure=measure, actor=reviewer
    )
    assert not SupportMatchEvent.objects.exists()


@pytest.mark.parametrize(
    "name, note, message",
    [("", "", "プロジェクトの名称がありません"), (PROJECT, "あ" * 1001, "1000 文字以内")],
)
def test_a_blank_name_or_a_long_note_is_refused_and_nothing_written(
    imported, reviewer, measure, name, note, message
):
    with pytest.raises(MatchRefused, match=message):
        match_pin(
            region=imported.region, project_name=name, measure=measure, note=note, actor=reviewer
        )
    assert not SupportMatchDecision.objects.exists() and not SupportMatchEvent.objects.exists()


def test_the_audit_rows_are_never_edited_or_deleted(imported, reviewer, measure):
    match_pin(region=imported.region, project_name=PROJECT, measure=measure, actor=reviewer)
    event = SupportMatchEvent.objects.get()

    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        SupportMatchEvent.objects.update(note="x")
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_a_deleted_measure_leaves_its_name_in_the_audit(imported, reviewer, measure):
    match_pin(region=imported.region, project_name=PROJECT, measure=measure, actor=reviewer)
    measure.delete()

    event = SupportMatchEvent.objects.get()
    assert event.measure is None and event.measure_name.startswith("地域公共交通")
    assert not SupportMatchDecision.objects.exists()


def test_a_decision_moves_the_region_stamp(monkeypatch, reviewer, measure):
    skip_pdfs(monkeypatch)
    region = publish_region("setouchi").region
    before = region_stamp("setouchi")
    later = datetime(2099, 1, 1, tzinfo=UTC)

    with clock.recorded_at(later):
        match_hide(region=region, project_name=PROJECT, measure=measure, actor=reviewer)

    assert region_stamp("setouchi") == later != before
