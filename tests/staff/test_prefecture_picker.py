# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The prefecture picker of a 経済団体's 活動範囲 and an 一部事務組合's 区域 (ADR 0096): 三重県
under 中部 with a pointer under 近畿, one checkbox, and what is ticked is saved."""

import re

import pytest

from tests.english_helpers import in_english
from tests.staff_helpers import editor, editor_client, form_values, region, single  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/staff/setouchi/declaration/1/"


@pytest.fixture
def draft(editor_client):
    editor_client.post("/staff/setouchi/declaration/new/")


def blocks(html: str, field: str) -> dict[str, str]:
    """The groups of one picker: block name → its HTML."""
    found = re.findall(
        rf'<p class="prefecture-picker__block-name" id="id_{field}-block-\d+">([^<]*)</p>(.*?)</ul>',
        html,
        re.S,
    )
    return {name: body for name, body in found}


@pytest.mark.parametrize(
    "prefix, field", [("eco", "activity_prefectures"), ("olg", "area_prefectures")]
)
def test_mie_is_under_chubu_once_and_kinki_points_to_it(editor_client, draft, prefix, field):
    data = form_values(editor_client.get(URL), "declaration-form")

    html = editor_client.post(URL, single(data, add=prefix)).content.decode()

    groups = blocks(html, f"{prefix}-0-{field}")
    assert "三重県" in groups["中部"] and "愛知県" in groups["中部"]
    assert "三重県</label>" not in groups["近畿"] and "三重県は「中部」にあります" in groups["近畿"]
    assert html.count(f'id="id_{prefix}-0-{field}_23"') == 1  # 三重県 (24): one checkbox


def test_mie_ticked_under_chubu_is_saved(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = form_values(editor_client.post(URL, single(data, add="eco")), "declaration-form")

    response = editor_client.post(
        URL,
        single(
            data, save="1", eco__0__name="中部経済連合会", eco__0__activity_prefectures=["23", "24"]
        ),
    )

    assert response.status_code == 302
    html = editor_client.get(URL).content.decode()
    assert "選択中: 愛知県、三重県" in html


def test_on_an_english_page_the_picker_names_the_prefectures_in_english(editor_client, draft):
    """ADR 0128: the English names of the master data, joined with ", "; what is saved is
    the codes, as on a Japanese page."""
    data = form_values(editor_client.get(URL), "declaration-form")
    data = form_values(editor_client.post(URL, single(data, add="eco")), "declaration-form")
    editor_client.post(
        URL,
        single(
            data, save="1", eco__0__name="中部経済連合会", eco__0__activity_prefectures=["23", "24"]
        ),
    )
    in_english(editor_client)

    html = editor_client.get(URL).content.decode()

    assert "Selected: Aichi, Mie" in html
    assert (
        re.search(r'<label for="id_eco-0-activity_prefectures_23"[^>]*>\s*Mie\s*</label>', html)
        or ">Mie</label>" in html
    )
    assert "三重県</label>" not in html
