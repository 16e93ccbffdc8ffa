"""The catalogue's verbs (ADR 0114): the CSV import adds and updates by 名称 and 府省名, is
all or nothing, writes the admin's history rows, and every change moves the public stamps."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.utils import timezone

from public.selectors.stamps import site_stamp
from support.models import SupportMeasure
from support.services import delete_measures, export_catalogue, import_catalogue, save_measure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = "名称,府省名,種類,分野,タグ,年度,URL,広域リージョン優先,公募中,概要,公表"


def csv_bytes(*lines: str) -> bytes:
    return ("\ufeff" + "\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8")


@pytest.fixture
def operator():
    return UserFactory(username="unyou", is_staff=True, is_superuser=True)


def test_an_import_adds_measures_and_logs_each_in_the_admin_history(operator):
    outcome = import_catalogue(
        csv_bytes(
            "地域未来交付金,内閣府,交付金,industry tourism,広域連携,2026,https://www.chisou.go.jp/,1,1,概要,1",
            "地域公共交通確保維持改善事業,国土交通省,補助事業,transport,,2026,,0,1,,0",
        ),
        actor=operator,
    )

    assert outcome.ok and len(outcome.created) == 2 and outcome.updated == []
    grant = SupportMeasure.objects.get(name="地域未来交付金")
    assert grant.fields == ["industry", "tourism"]
    assert grant.fiscal_years == [2026]
    assert grant.is_published and grant.gives_priority and not grant.is_demo
    assert not SupportMeasure.objects.get(name="地域公共交通確保維持改善事業").is_published
    logged = LogEntry.objects.filter(user=operator, action_flag=ADDITION)
    assert sorted(logged.values_list("object_repr", flat=True)) == sorted(
        str(m) for m in SupportMeasure.objects.all()
    )


def test_an_import_updates_by_name_and_ministry_and_leaves_the_rest(operator):
    kept = SupportMeasure.objects.create(name="ほかの措置", ministry="総務省", is_published=True)
    same_name = SupportMeasure.objects.create(name="交付金", ministry="環境省", is_published=True)
    target = SupportMeasure.objects.create(
        name="交付金", ministry="内閣府", kind="grant", fields=["industry"], is_published=True
    )

    outcome = import_catalogue(
        csv_bytes("交付金,内閣府,交付金,tourism,観光,2027,,1,0,新しい概要,"), actor=operator
    )

    assert outcome.ok and outcome.created == [] and [m.pk for m in outcome.updated] == [target.pk]
    target.refresh_from_db()
    assert target.fields == ["tourism"] and target.tags == ["観光"]
    assert target.fiscal_years == [2027] and target.gives_priority and not target.is_open
    assert target.summary == "新しい概要"
    assert target.is_published  # an empty 公表 cell keeps the state
    assert SupportMeasure.objects.get(pk=same_name.pk).fields == []
    assert SupportMeasure.objects.filter(pk=kept.pk).exists()
    assert LogEntry.objects.filter(action_flag=CHANGE, object_id=str(target.pk)).count() == 1


def test_an_import_with_one_bad_row_changes_nothing(operator):
    SupportMeasure.objects.create(name="交付金", ministry="内閣府", fields=["industry"])

    outcome = import_catalogue(
        csv_bytes(
            "交付金,内閣府,交付金,tourism,,2026,,0,1,,1",
            "新しい措置,内閣府,交付金,industry,,20266,,0,1,,1",
        ),
        actor=operator,
    )

    assert not outcome.ok
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "年度")]
    assert SupportMeasure.objects.count() == 1
    assert SupportMeasure.objects.get().fields == ["industry"]
    assert not LogEntry.objects.exists()


def test_the_same_file_twice_changes_nothing_the_second_time(operator):
    content = csv_bytes("交付金,内閣府,交付金,tourism,,2026,,0,1,,1")
    import_catalogue(content, actor=operator)
    before = SupportMeasure.objects.get().updated_at

    outcome = import_catalogue(content, actor=operator)

    assert outcome.ok and outcome.unchanged == 1 and not outcome.created and not outcome.updated
    assert SupportMeasure.objects.get().updated_at == before


def test_export_reads_back_as_the_same_catalogue(operator):
    import_catalogue(
        csv_bytes(
            '=危険な名前,内閣府,規制の特例,other,特区,令和8,https://example.jp/,1,1,"複数行\n概要",1',
            "B,経済産業省,税制,industry,,,,0,0,,0",
        ),
        actor=operator,
    )
    before = {m.name: m.to_data() for m in SupportMeasure.objects.all()}
    exported = export_catalogue()
    SupportMeasure.objects.all().delete()

    outcome = import_catalogue(exported, actor=operator)

    assert outcome.ok
    assert {m.name: m.to_data() for m in SupportMeasure.objects.all()} == before
    assert SupportMeasure.objects.get(name="B").is_published is False


def test_every_change_moves_the_site_stamp(operator):
    assert site_stamp() is None
    import_catalogue(csv_bytes("A,内閣府,交付金,industry,,2026,,0,1,,0"), actor=operator)
    first = site_stamp()
    assert first is not None

    measure = SupportMeasure.objects.get()
    SupportMeasure.objects.filter(pk=measure.pk).update(
        updated_at=timezone.now() - timedelta(days=1)
    )
    measure.refresh_from_db()
    measure.is_published = True
    save_measure(measure)
    second = site_stamp()
    assert second > first


def test_a_deletion_through_the_admin_moves_the_stamp_by_its_history_row(operator):
    measures = [
        SupportMeasure.objects.create(name=name, ministry="内閣府", is_published=True)
        for name in ("古い", "新しい")
    ]
    SupportMeasure.objects.filter(name="古い").update(updated_at=timezone.now() - timedelta(days=2))
    before = site_stamp()
    # the admin logs a deletion before it deletes (ModelAdmin.log_deletions)
    LogEntry.objects.log_actions(
        operator.pk, SupportMeasure.objects.filter(name="古い"), action_flag=3, single_object=True
    )

    delete_measures([measures[0]])

    assert SupportMeasure.objects.count() == 1
    assert site_stamp() > before


def test_a_measure_written_by_a_script_with_odd_values_still_exports():
    SupportMeasure.objects.create(
        name="手で書いた措置",
        ministry="内閣府",
        kind="loan",
        fields=["industry", "fishery"],
        tags=["a", 3],
        fiscal_years=[2026, "2027"],
    )

    data = SupportMeasure.objects.get().to_data()

    assert (data.kind, data.fields, data.tags, data.fiscal_years) == (
        "other",
        ("industry",),
        ("a", "3"),
        (2026,),
    )
    assert b"\xe6\x89\x8b" in export_catalogue()  # 手
