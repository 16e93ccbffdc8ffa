"""filing.support: which support measures serve a project (ADR 0115): shared fields, tags
found in the project's name and content, the order, the reasons."""

from filing.data import FieldCode
from filing.fields import effective_fields
from filing.support import Match, folded, match_measures, match_one, project_text
from filing.support_catalogue import MeasureData

INDUSTRY, TOURISM, TRANSPORT, OTHER = (
    FieldCode.INDUSTRY,
    FieldCode.TOURISM,
    FieldCode.TRANSPORT,
    FieldCode.OTHER,
)


def measure(name, fields=(), tags=(), *, priority=False, open_=True, ministry="総務省"):
    return MeasureData(
        name=name,
        ministry=ministry,
        fields=tuple(fields),
        tags=tuple(tags),
        gives_priority=priority,
        is_open=open_,
    )


def names(matches):
    return [m.measure.name for m in matches]


def test_a_measure_matches_on_a_shared_field_and_not_on_another():
    tourism = measure("観光の補助", [TOURISM])
    transport = measure("交通の補助", [TRANSPORT])

    matches = match_measures(fields=[TOURISM, INDUSTRY], measures=[tourism, transport])

    assert matches == [Match(measure=tourism, fields=(TOURISM,))]
    assert matches[0].reasons == ("分野: B 観光",)


def test_the_shared_fields_are_in_the_order_of_the_yoko():
    both = measure("両方", [TRANSPORT, INDUSTRY, OTHER])

    (match,) = match_measures(fields=[OTHER, INDUSTRY], measures=[both])

    assert match.fields == (INDUSTRY, OTHER)
    assert match.reasons == ("分野: A 産業振興", "分野: その他")


def test_a_tag_matches_a_word_of_the_name_or_the_content_width_and_case_folded():
    maas = measure("MaaS の実証", tags=["MaaS", "自動運転"])
    chip = measure("半導体の補助", tags=["半導体"])

    matches = match_measures(
        fields=[],
        name="広域ＭＡＡＳ推進",
        content="県境を越える自動 運転バス",
        measures=[maas, chip],
    )

    assert matches == [Match(measure=maas, tags=("MaaS", "自動運転"))]
    assert matches[0].reasons == ("キーワード: MaaS", "キーワード: 自動運転")


def test_a_tag_is_not_found_across_the_name_and_the_content():
    nothing = match_measures(
        fields=[], name="広域の半", content="導体", measures=[measure("x", tags=["半導体"])]
    )
    assert nothing == []


def test_a_one_character_tag_and_a_repeated_tag_count_once_or_never():
    m = measure("x", tags=["港", "ＧＸ", "gx"])

    (match,) = match_measures(fields=[], name="港湾のGX", measures=[m])

    assert match.tags == ("ＧＸ",)


def test_a_measure_without_fields_matches_by_tags_only():
    general = measure("一般", tags=["観光"])

    assert match_measures(fields=[TOURISM], name="周遊", measures=[general]) == []
    assert names(match_measures(fields=[], name="周遊観光", measures=[general])) == ["一般"]


def test_no_field_and_no_tag_shared_is_no_match():
    assert match_one(measure("x", [INDUSTRY], ["水素"]), [TOURISM], project_text("a", "b")) is None


def test_priority_first_then_open_then_more_reasons_then_name():
    plain_many = measure("い 多い", [INDUSTRY, TOURISM], ["観光"])
    plain_one = measure("あ 一つ", [INDUSTRY])
    closed_many = measure("う 締切", [INDUSTRY, TOURISM], ["観光"], open_=False)
    priority_closed = measure("え 優先・締切", [INDUSTRY], priority=True, open_=False)
    priority_open = measure("お 優先", [INDUSTRY], priority=True)
    same_name = measure("あ 一つ", [INDUSTRY], ministry="経済産業省")

    matches = match_measures(
        fields=[INDUSTRY, TOURISM],
        name="観光",
        measures=[plain_one, closed_many, priority_closed, same_name, plain_many, priority_open],
    )

    assert [(m.measure.name, m.measure.ministry) for m in matches] == [
        ("お 優先", "総務省"),
        ("え 優先・締切", "総務省"),
        ("い 多い", "総務省"),
        ("あ 一つ", "経済産業省"),
        ("あ 一つ", "総務省"),
        ("う 締切", "総務省"),
    ]
    assert matches[2].score == 3


def test_a_project_without_its_own_fields_matches_on_every_field_of_its_region():
    transport = measure("交通", [TRANSPORT])
    region = [INDUSTRY, TRANSPORT]

    assert names(match_measures(fields=effective_fields([], region), measures=[transport])) == [
        "交通"
    ]
    assert match_measures(fields=effective_fields(["industry"], region), measures=[transport]) == []


def test_folded_text_is_nfkc_case_folded_without_spaces():
    assert folded(" ＭａａＳ　推進\n") == "maas推進"
    assert folded("") == ""
