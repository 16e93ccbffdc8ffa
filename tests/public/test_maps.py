"""The map of Japan: the vendored @svg-maps/japan shapes, shaded by class."""

import re
from pathlib import Path

import pytest

from public import maps
from public.selectors.prefectures import PrefectureInfo

VENDOR = Path(__file__).resolve().parents[2] / "static" / "vendor" / "svg-maps-japan"


@pytest.fixture
def prefectures():
    from filing.master import read_prefectures

    return [
        PrefectureInfo(p.code, p.lg_code, p.name, p.kana, p.name_en) for p in read_prefectures()
    ]


def test_every_prefecture_has_a_shape_in_the_vendored_map(prefectures):
    _viewbox, paths = maps.shapes()

    assert {p.map_id for p in prefectures} == set(paths)
    assert len(paths) == 47


def test_map_shades_by_class_and_names_each_prefecture(prefectures):
    svg = maps.japan_map(
        prefectures, {"01": 1, "13": 2, "27": 9}, title="地図", description="説明", id_prefix="m"
    )

    shaded = {
        code: int(level) for level, code in re.findall(r'level-(\d)" data-prefecture="(\d\d)"', svg)
    }
    assert len(shaded) == 47
    assert shaded["01"] == 1 and shaded["13"] == 2 and shaded["27"] == 3  # capped at 3
    assert shaded["47"] == 0
    assert "<title>沖縄県</title>" in svg
    assert 'role="img"' in svg and 'aria-labelledby="m-title m-desc"' in svg
    assert "style=" not in svg and "fill=" not in svg


def test_map_text_is_escaped(prefectures):
    svg = maps.japan_map(prefectures, {}, title="<script>", description='"')

    assert "<script>" not in svg


def test_vendored_map_carries_its_licence_and_attribution():
    assert "Attribution 4.0 International" in (VENDOR / "LICENSE.md").read_text()
    assert "@svg-maps/japan@2.0.0" in (VENDOR / "VERSION").read_text()
    assert "CC BY 4.0" in (VENDOR / "ATTRIBUTION.md").read_text()
    assert '"license": "CC-BY-4.0"' in (VENDOR / "package.json").read_text()
