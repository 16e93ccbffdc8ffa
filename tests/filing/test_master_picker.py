"""The 地方 groups of the prefecture picker (ADR 0096): the eight blocks as taught, except
that 三重県 is offered under 中部 (the 中部圏 of 中部経済連合会: 長野・岐阜・静岡・愛知・三重),
with a pointer left under 近畿, so that it is found where either reader looks; one checkbox."""

from filing.master import BLOCKS, block_of, picker_blocks

ALL = [f"{n:02d}" for n in range(1, 48)]


def test_mie_is_offered_under_chubu_after_aichi_and_named_under_kinki():
    blocks = {block.slug: block for block in picker_blocks(ALL)}

    assert blocks["chubu"].codes == ["15", "16", "17", "18", "19", "20", "21", "22", "23", "24"]
    assert "24" not in blocks["kinki"].codes
    assert blocks["kinki"].codes == ["25", "26", "27", "28", "29", "30"]
    assert "三重県" in blocks["kinki"].note and "中部" in blocks["kinki"].note
    assert "三重県" in blocks["chubu"].note


def test_every_prefecture_is_offered_exactly_once_in_the_taught_block_order():
    blocks = picker_blocks(ALL)

    offered = [code for block in blocks for code in block.codes]
    assert sorted(offered) == ALL and len(offered) == 47
    assert [b.slug for b in blocks] == [slug for slug, _name, _numbers in BLOCKS]
    assert [b.name for b in blocks][3:5] == ["中部", "近畿"]


def test_only_the_codes_given_are_grouped_and_the_master_data_block_stays_as_taught():
    blocks = {block.slug: block for block in picker_blocks(["13", "24", "27"])}

    assert (blocks["kanto"].codes, blocks["chubu"].codes, blocks["kinki"].codes) == (
        ["13"],
        ["24"],
        ["27"],
    )
    assert block_of("24") == ("kinki", "近畿")  # the 地方 column of the master data
