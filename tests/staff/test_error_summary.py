# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The error summary (エラーサマリー, ADR 0096) of the staff edit pages: after a failed save,
a box at the top of the main column counts the errors and links each one, named
「<field label>: <message>」 (rows as 「<section> <n>行目 <label>: …」), to an id that exists;
it takes the focus; the fields are aria-invalid and described by their named errors; the
member search box no longer takes the page after a save, and a picked member sends the
focus back to it."""

import re
from html.parser import HTMLParser

import pytest

from tests.staff_helpers import (  # noqa: F401 (fixtures)
    editor,
    editor_client,
    form_values,
    imported,
    publish,
    region,
    single,
)

pytestmark = pytest.mark.django_db

URL = "/staff/setouchi/declaration/1/"


class _Page(HTMLParser):
    """The ids of a page, the summary's attributes and its links (href, text), in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.summary: dict | None = None
        self.links: list[list[str]] = []
        self.title = ""
        self._depth = 0  # open <section>s inside the summary
        self._link = None
        self._in_title = False
        self.position = 0  # the offset of the summary among the page's ids

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "section" and attrs.get("id") == "error-summary":
            self.summary, self._depth, self.position = attrs, 1, len(self.ids)
            return
        if not self._depth:
            return
        if tag == "section":
            self._depth += 1
        elif tag == "a":
            self._link = [attrs.get("href", ""), ""]
        elif tag == "h2":
            self._in_title = True

    def handle_endtag(self, tag):
        if not self._depth:
            return
        if tag == "section":
            self._depth -= 1
        elif tag == "a" and self._link is not None:
            self.links.append(self._link)
            self._link = None
        elif tag == "h2":
            self._in_title = False

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        if self._in_title:
            self.title += data


def page(response) -> _Page:
    parser = _Page()
    parser.feed(response.content.decode())
    return parser


def assert_summary_links_to_fields(parsed: _Page) -> None:
    assert parsed.summary is not None, "no error summary"
    assert parsed.summary.get("tabindex") == "-1" and "autofocus" in parsed.summary
    assert parsed.title.strip() == f"入力内容にエラーがあります（{len(parsed.links)}件）"
    for href, _text in parsed.links:
        assert href.startswith("#") and href[1:] in parsed.ids, href


@pytest.fixture
def draft(editor_client):
    editor_client.post("/staff/setouchi/declaration/new/")


def save(client, url, data, **changes):
    return client.post(url, single(data, save="1", **changes))


# ---------------------------------------------------------------- the declaration


def test_a_failed_save_puts_a_summary_with_one_link_per_error_at_the_top(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = save(editor_client, URL, data, declared_on="2026-02-30", region_name="x" * 5000)

    parsed = page(response)
    assert_summary_links_to_fields(parsed)
    assert [href for href, _text in parsed.links] == ["#id_region_name", "#id_declared_on"]
    assert parsed.links[1][1].startswith("連携宣言の日: ")
    # the summary comes before the form (the first thing of the main column)
    assert parsed.position < parsed.ids.index("declaration-form")


def test_field_errors_name_their_field_and_are_tied_to_the_input(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    html = save(editor_client, URL, data, declared_on="2026-02-30").content.decode()

    field = re.search(r'<input[^>]*name="declared_on"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="id_declared_on_error"' in field
    errors = re.search(r'<ul class="errorlist" id="id_declared_on_error">(.*?)</ul>', html)
    assert errors and "連携宣言の日: " in errors.group(1)


def test_a_row_error_names_the_section_the_row_and_the_field(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = form_values(editor_client.post(URL, single(data, pick="022012")), "declaration-form")

    response = save(editor_client, URL, data, lg__0__kind="economic_organization")

    parsed = page(response)
    assert_summary_links_to_fields(parsed)
    (href, text), *_rest = parsed.links
    assert href == "#id_lg-0-kind"
    assert text.startswith("都道府県・市区町村 1行目 種別: ")


def test_the_summary_of_a_prefecture_group_links_to_its_first_checkbox(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = form_values(editor_client.post(URL, single(data, add="eco")), "declaration-form")
    data = single(data, eco__0__name="経済団体", eco__0__activity_prefectures=["48"])

    parsed = page(save(editor_client, URL, data))

    assert_summary_links_to_fields(parsed)
    assert parsed.links[0][0] == "#id_eco-0-activity_prefectures_0"
    assert parsed.links[0][1].startswith("経済団体 1行目 主たる活動範囲の都道府県: ")


def test_no_summary_on_a_page_without_errors(editor_client, draft):
    assert page(editor_client.get(URL)).summary is None


def test_a_pick_without_errors_shows_no_summary_and_one_with_errors_does_not_take_the_focus(
    editor_client, draft
):
    data = form_values(editor_client.get(URL), "declaration-form")
    assert page(editor_client.post(URL, single(data, pick="022012"))).summary is None

    response = editor_client.post(URL, single(data, pick="022012", declared_on="2026-02-30"))

    parsed = page(response)
    assert parsed.summary is not None and "autofocus" not in parsed.summary
    assert 'data-focus="master-q"' in response.content.decode()


def test_after_a_save_with_a_search_the_page_opens_at_the_top_not_at_the_search_box(
    editor_client, draft
):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = save(editor_client, URL, data, q="弘前")

    assert response.status_code == 302
    assert "#" not in response["Location"] and "q=" in response["Location"]
    html = editor_client.get(response["Location"]).content.decode()
    search = re.search(r'<input type="search" id="master-q"[^>]*>', html).group(0)
    assert "autofocus" not in search


def test_a_failed_save_does_not_autofocus_the_search_box(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    html = save(editor_client, URL, data, declared_on="2026-02-30", q="弘前").content.decode()

    assert html.count("autofocus") == 1 and 'data-focus="' not in html


# ---------------------------------------------------------------- the member pick


def test_a_picked_member_sends_the_focus_back_to_the_search_box(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    html = editor_client.post(URL, single(data, pick="022021", q="弘前")).content.decode()

    marker = re.search(r'<span[^>]*id="new-row"[^>]*>([^<]*)<', html)
    assert 'data-focus="master-q"' in marker.group(0) and "弘前市 を追加しました" in marker.group(1)
    assert 'id="master-q"' in html


def test_an_added_empty_row_still_takes_the_focus_itself(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    html = editor_client.post(URL, single(data, add="eco")).content.decode()

    assert 'data-focus="id_eco-0-name"' in html


def test_without_javascript_a_pick_comes_back_at_the_search_box(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    html = editor_client.post(URL, single(data, search="1", q="弘前")).content.decode()

    buttons = re.findall(r'<button type="submit" name="pick"[^>]*>', html)
    assert buttons and all(f'formaction="{URL}#master-search"' in b for b in buttons)


# ---------------------------------------------------------------- vision, project, abolition


def test_the_vision_page_has_the_summary(editor_client, imported):
    url = "/staff/setouchi/vision/1/"
    data = form_values(editor_client.get(url), "vision-form")

    parsed = page(save(editor_client, url, data, verified_on="令和"))

    assert_summary_links_to_fields(parsed)
    assert parsed.links[0] == ["#id_verified_on", parsed.links[0][1]]
    assert parsed.links[0][1].startswith("検証した日: ")


def test_the_project_page_names_the_milestone_row(editor_client, imported):
    project = imported.vision_revision.projects.order_by("position").first()
    url = f"/staff/setouchi/vision/1/projects/{project.pk}/"
    data = form_values(editor_client.get(url), "project-form")

    parsed = page(save(editor_client, url, data, milestones__1__date="そのうち"))

    assert_summary_links_to_fields(parsed)
    assert parsed.links[0][0] == "#id_milestones-1-date"
    assert parsed.links[0][1].startswith("マイルストーン（時期と目標） 2行目 時期: ")


def test_the_abolition_form_has_the_summary(editor_client, imported, editor):
    publish(imported.declaration_revision, editor)
    publish(imported.vision_revision, editor)
    url = "/staff/setouchi/declaration/abolish/"
    response = editor_client.post(url, {"reason": "", "consulted_on": ""})

    parsed = page(response)
    assert_summary_links_to_fields(parsed)
    assert parsed.links[0][0] == "#id_reason"
