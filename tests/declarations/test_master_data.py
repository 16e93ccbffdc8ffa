import pytest

from declarations.models import Municipality, Prefecture
from declarations.selectors import municipality_by_code, municipality_search, prefecture_by_code
from filing.master import (
    block_of,
    is_valid_lg_code,
    lg_code_check_digit,
    normalize_kana,
    read_municipalities,
    read_prefectures,
)


def test_check_digit_follows_the_published_formula():
    # 札幌市 011002: 0*6+1*5+1*4+0*3+0*2 = 9, (11 - 9) % 10 = 2
    assert lg_code_check_digit("01100") == 2
    assert is_valid_lg_code("011002")
    assert not is_valid_lg_code("011003")
    assert not is_valid_lg_code("01100")
    assert not is_valid_lg_code("０１１００２")


def test_csv_rows_leave_out_the_wards_of_designated_cities():
    names = {row.name for row in read_municipalities()}
    assert "札幌市" in names
    assert not any(" " in name for name in names)
    assert len(read_prefectures()) == 47


def test_blocks_put_okinawa_in_kyushu_okinawa_and_reject_unknown_codes():
    assert block_of("47") == ("kyushu_okinawa", "九州・沖縄")
    assert block_of("01") == ("hokkaido", "北海道")
    with pytest.raises(ValueError):
        block_of("48")


def test_kana_is_folded_to_hiragana():
    assert normalize_kana("サッポロシ") == "さっぽろし"
    assert normalize_kana("ｻｯﾎﾟﾛ") == "さっぽろ"


@pytest.mark.django_db
def test_data_migration_loads_47_prefectures_and_1741_municipalities():
    assert Prefecture.objects.count() == 47
    assert Municipality.objects.count() == 1741


@pytest.mark.django_db
def test_every_loaded_code_has_a_valid_check_digit():
    codes = list(Prefecture.objects.values_list("lg_code", flat=True))
    codes += list(Municipality.objects.values_list("lg_code", flat=True))
    assert len(codes) == 47 + 1741
    assert [code for code in codes if not is_valid_lg_code(code)] == []


@pytest.mark.django_db
def test_prefecture_fields_are_complete():
    hokkaido = prefecture_by_code("01")
    assert (hokkaido.lg_code, hokkaido.name, hokkaido.kana, hokkaido.name_en) == (
        "010006",
        "北海道",
        "ほっかいどう",
        "Hokkaido",
    )
    tokyo = prefecture_by_code("130001")
    assert tokyo.name == "東京都" and tokyo.block_name == "関東"
    assert prefecture_by_code("99") is None


@pytest.mark.django_db
def test_municipality_lookup_by_code():
    fuchu = municipality_by_code("342084")
    assert fuchu.name == "府中市" and fuchu.prefecture.name == "広島県"
    assert municipality_by_code("342085") is None
    assert municipality_by_code("011011") is None  # 札幌市中央区 is a ward, not a member


@pytest.mark.django_db
def test_municipality_search_by_name_and_by_kana():
    by_name = municipality_search("府中市")
    assert {m.lg_code for m in by_name} == {"132063", "342084"}
    by_prefixed_name = municipality_search("広島県府中市")
    assert [m.lg_code for m in by_prefixed_name] == ["342084"]
    by_hiragana = municipality_search("ふちゅう")
    assert {"132063", "342084", "343021"} <= {m.lg_code for m in by_hiragana}
    by_katakana = municipality_search("サッポロ")
    assert "011002" in {m.lg_code for m in by_katakana}
    assert municipality_search("   ") == []


@pytest.mark.django_db
def test_loading_twice_changes_nothing(django_db_blocker):
    from django.core.management import call_command

    call_command("load_master_data")
    assert Municipality.objects.count() == 1741
    assert Prefecture.objects.count() == 47
