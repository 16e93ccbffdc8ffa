"""The public pages: region list (search, filters, sort, pages), region page, past states,
differences, caching. Regions are filed and published through the real services; the
PDFs are skipped (``skip_pdfs``) except where a test is about them."""

import re
from dataclasses import replace
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from declarations.lifecycle import Status
from filing.data import MemberData, MemberKind
from public.selectors import prefectures as public_prefectures
from tests.prebuilt import restored
from tests.public_data import (
    abolished,
    change_region,
    changed_setouchi,
    generated_filing,
    main_text,
    page_text,
    publish_region,
    published_hokuriku,
    setouchi_change,
    skip_pdfs,
    valid_filing,
)
from tests.review_helpers import make_documents

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_TEMPLATES = sorted(
    [
        *(ROOT / "templates" / "regions").glob("*.html"),
        *(ROOT / "templates" / "pages").glob("*.html"),
    ]
)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_pdfs(monkeypatch):
    skip_pdfs(monkeypatch)


def renamed(filing, name, **changes):
    return replace(filing, declaration=replace(filing.declaration, region_name=name, **changes))


@pytest.fixture
def setouchi(db):
    """瀬戸内: published, then changed (a member joins, texts and a budget change), published."""
    return restored(changed_setouchi)


@pytest.fixture
def hokuriku(setouchi):
    """A second published region, in 北陸 (富山県, 石川県), found by other words."""
    return restored(published_hokuriku)


# ---------------------------------------------------------------- the list


def test_list_shows_published_regions_with_their_count_and_links(client, setouchi, hokuriku):
    response = client.get("/regions/")

    text = main_text(response)
    assert response.status_code == 200
    assert "2 件の宣言リージョン" in text
    assert "瀬戸内広域リージョン" in text and "第15広域リージョン" in text
    assert 'href="/regions/setouchi/"' in response.content.decode()
    assert "岡山県、広島県、香川県" in text  # the area, from the members


def test_list_leaves_out_a_region_that_was_never_published(client, setouchi, no_pdfs):
    publish_region("draft-only", renamed(valid_filing(), "下書きだけの地域"), status=Status.DRAFT)
    publish_region("submitted", renamed(valid_filing(), "審査中の地域"), status=Status.SUBMITTED)

    text = main_text(client.get("/regions/"))

    assert "1 件の宣言リージョン" in text
    assert "下書きだけの地域" not in text and "審査中の地域" not in text


@pytest.mark.parametrize("query", ["倉敷", "くらしき", "クラシキ", "ｸﾗｼｷ", "倉敷市"])
def test_search_finds_a_municipality_by_kanji_and_by_kana(client, setouchi, hokuriku, query):
    text = main_text(client.get("/regions/", {"q": query}))

    assert "1 件の宣言リージョン" in text
    assert "瀬戸内広域リージョン" in text


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("造船", "瀬戸内広域リージョン"),  # the changed aspiration
        ("瀬戸内工科大学", "瀬戸内広域リージョン"),  # a member
        ("MaaS推進プロジェクト", "瀬戸内広域リージョン"),  # a project
        ("ｍａａｓ", "瀬戸内広域リージョン"),  # full-width letters fold
        ("第15広域", "第15広域リージョン"),  # the name
        ("とやま", "第15広域リージョン"),  # a prefecture by its よみがな
        ("プロジェクト2", "第15広域リージョン"),
    ],
)
def test_search_reads_name_aspiration_members_and_projects(
    client, setouchi, hokuriku, query, found
):
    text = main_text(client.get("/regions/", {"q": query}))

    assert "1 件の宣言リージョン" in text
    assert found in text


def test_search_words_must_all_match(client, setouchi, hokuriku):
    assert "1 件" in main_text(client.get("/regions/", {"q": "くらしき　瀬戸内"}))
    assert "0 件" in main_text(client.get("/regions/", {"q": "くらしき とやま"}))


def test_search_does_not_read_the_text_of_an_older_revision(client, setouchi):
    # 「ものづくり」 was in the aspiration of the first revision only (the change made it 造船),
    # but a project name still has it: search a word only the old aspiration had.
    old_only = "ものづくり・観光・交通の各分野"

    assert "0 件" in main_text(client.get("/regions/", {"q": old_only}))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"prefecture": "33"}, {"瀬戸内広域リージョン"}),
        ({"prefecture": "16"}, {"第15広域リージョン"}),
        ({"prefecture": "01"}, set()),
        ({"field": "transport"}, {"瀬戸内広域リージョン"}),
        ({"field": "industry"}, {"瀬戸内広域リージョン", "第15広域リージョン"}),
        ({"kind": "other_local_government"}, {"瀬戸内広域リージョン"}),
        ({"kind": "company", "prefecture": "17"}, {"第15広域リージョン"}),
    ],
)
def test_filters_by_prefecture_field_and_member_kind(client, setouchi, hokuriku, params, expected):
    text = main_text(client.get("/regions/", params))

    shown = {name for name in ("瀬戸内広域リージョン", "第15広域リージョン") if name in text}
    assert shown == expected
    assert f"{len(expected)} 件の宣言リージョン" in text


def test_prefecture_filter_counts_an_other_local_government_area(client, no_pdfs):
    # 瀬戸内広域連合 states 岡山県・広島県・香川県 as its area; make a region where only the
    # 広域連合 reaches 香川県 (no 香川県 member otherwise).
    filing = valid_filing()
    members = tuple(m for m in filing.members if m.key != "kagawa")
    projects = tuple(
        replace(
            p,
            implementers=tuple(i for i in p.implementers if i.member != "kagawa"),
        )
        for p in filing.vision.projects
    )
    filing = replace(filing, members=members, vision=replace(filing.vision, projects=projects))
    publish_region("rengo", filing)

    assert "1 件" in main_text(client.get("/regions/", {"prefecture": "37"}))


def test_sort_by_name_and_by_latest_publication(client, setouchi, hokuriku):
    by_name = main_text(client.get("/regions/", {"sort": "name"}))
    by_date = main_text(client.get("/regions/", {"sort": "published"}))

    # By name: code-point order (瀬 U+702C before 第 U+7B2C).
    assert by_name.index("瀬戸内広域リージョン") < by_name.index("第15広域リージョン")
    # 第15 was published after 瀬戸内's change.
    assert by_date.index("第15広域リージョン") < by_date.index("瀬戸内広域リージョン")


def test_pages_of_results_keep_the_filters(client, setouchi, hokuriku, no_pdfs, monkeypatch):
    from public.views import regions as views_public

    monkeypatch.setattr(views_public, "PAGE_SIZE", 1)
    publish_region("third", renamed(generated_filing(20, members=6, projects=2), "第三の地域"))

    first = client.get("/regions/", {"field": "industry"})
    second = client.get("/regions/", {"field": "industry", "page": "2"})

    assert "3 件の宣言リージョン （1〜1 件目）" in main_text(first)
    assert "（2〜2 件目）" in main_text(second)
    html = first.content.decode()
    assert "?field=industry&amp;page=2" in html
    assert 'aria-current="page"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"prefecture": "99"},
        {"field": "<script>alert(1)</script>"},
        {"kind": "president"},
        {"sort": "drop table"},
        {"status": "\x00"},
        {"q": "\x00倉敷\x1f"},
        {"q": "倉" * 5000},
        {"q": "%_"},
        {"q": "<b>瀬戸内</b>"},
        "q=%ED%A0%80&prefecture=%FF",
        "page=1&page=2&q=a&q=b",
    ],
)
def test_bad_list_input_never_fails(client, setouchi, params):
    if isinstance(params, str):  # a raw query string (bytes that are not UTF-8, repeats)
        response = client.get("/regions/?" + params)
    else:
        response = client.get("/regions/", params)

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_unknown_choice_is_reported_next_to_its_field(client, setouchi):
    response = client.get("/regions/", {"prefecture": "99"})

    assert "正しく選択してください" in main_text(response) or "選択" in main_text(response)
    assert 'aria-invalid="true"' in response.content.decode()
    assert "1 件の宣言リージョン" in main_text(response)  # the bad filter is ignored


def test_over_long_query_is_cut_not_refused(client, setouchi):
    response = client.get("/regions/", {"q": "くらしき" + "あ" * 200})

    assert response.status_code == 200
    assert "0 件" in main_text(response)


def test_abolished_region_is_listed_as_abolished_and_can_be_filtered(client, setouchi, no_pdfs):
    gone = publish_region(
        "gone", renamed(generated_filing(30, members=6, projects=2), "廃止した地域")
    )
    change_region(
        gone.region, abolished(renamed(generated_filing(30, members=6, projects=2), "廃止した地域"))
    )

    everything = main_text(client.get("/regions/"))
    active = main_text(client.get("/regions/", {"status": "active"}))
    abolished_only = main_text(client.get("/regions/", {"status": "abolished"}))

    assert "廃止した地域 廃止" in everything
    assert "廃止した地域" not in active
    assert "1 件の宣言リージョン" in abolished_only and "廃止した地域" in abolished_only


# ---------------------------------------------------------------- a region


def test_region_page_shows_the_current_declaration(client, setouchi):
    response = client.get("/regions/setouchi/")

    text = main_text(response)
    assert response.status_code == 200
    assert "<h1" in response.content.decode()
    assert "瀬戸内広域リージョン" in text
    assert "第2版（変更）" in text
    assert "造船・観光・交通の各分野" in text  # the changed aspiration
    assert "ものづくり・観光・交通の各分野" not in text
    assert "A 産業振興" in text and "その他（高度専門人材の育成）" in text
    assert "岡山県・広島県・香川県の瀬戸内海沿岸地域を中心とする" in text  # area note
    assert "令和8年4月1日" in text  # declared_on in 令和


def test_members_are_grouped_by_kind_in_the_order_of_the_kinds(client, setouchi):
    text = main_text(client.get("/regions/setouchi/"))

    headings = [
        "都道府県 （3 団体）",
        "市区町村 （3 団体）",
        "経済団体 （1 団体）",
        "企業 （2 団体）",
        "大学 （1 団体）",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "瀬戸内造船株式会社" in text[text.index("企業 （2 団体）") :]


def test_map_shades_the_covered_prefectures_and_a_table_lists_them(client, setouchi):
    html = client.get("/regions/setouchi/").content.decode()

    shaded = set(re.findall(r'japan-map__prefecture--level-3" data-prefecture="(\d\d)"', html))
    assert shaded == {"33", "34", "37"}
    assert html.count('data-prefecture="') == 47
    assert 'role="img"' in html and 'aria-labelledby="region-map-title region-map-desc"' in html
    table = html[html.index('id="area-table-caption"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>(.*?)</td>', table)
    assert [name for name, _ in rows] == ["岡山県", "広島県", "香川県"]
    # The members are links to their organisations' pages (ADR 0122).
    cells = {name: re.sub(r"<[^>]+>", "", cell) for name, cell in rows}
    assert cells["広島県"] == "広島県、福山市、広島県府中市、瀬戸内広域連合"
    assert '<a href="/organizations/lg-342076/">福山市</a>' in dict(rows)["広島県"]


def test_vision_projects_with_budgets_in_yen_milestones_and_plan_references(client, setouchi):
    text = main_text(client.get("/regions/setouchi/"))

    assert "プロジェクト（3 件）" in text
    assert "瀬戸内先端ものづくりクラスター形成プロジェクト" in text
    assert "令和8年度 90,000,000円" in text  # the changed budget
    assert "総事業費 310,000,000円" in text
    assert "予算措置を伴わない" in text  # the tourism project has no budget
    assert "令和9年3月31日 共同研究拠点の開設" in text
    assert "令和8年4月1日〜令和11年3月31日" in text
    assert "瀬戸内造船株式会社" in text  # a member implementer, by name
    assert "瀬戸内旅行業協会" in text  # an outside body


def test_roadmap_chart_is_an_accessible_image_with_a_table(client, setouchi):
    html = client.get("/regions/setouchi/").content.decode()

    chart = html[html.index('class="chart chart--roadmap"') - 100 :]
    chart = chart[: chart.index("</svg>")]
    assert 'role="img"' in chart
    assert '<title id="roadmap-chart-title">' in chart and '<desc id="roadmap-chart-desc">' in chart
    assert chart.count('class="chart__period"') == 3
    assert chart.count('class="chart__milestone"') == 5
    assert "style=" not in chart
    assert "ロードマップ（プロジェクトの期間とマイルストーン）" in html  # the table caption


def test_history_lists_every_publication_newest_first_with_links(client, setouchi):
    html = client.get("/regions/setouchi/").content.decode()
    history = html[html.index('id="history"') :]

    assert re.findall(r"(連携(?:宣言書|ビジョン) 第\d版)</th>", history) == [
        "連携ビジョン 第2版",
        "連携宣言書 第2版",
        "連携ビジョン 第1版",
        "連携宣言書 第1版",
    ]
    assert 'href="/regions/setouchi/revisions/d1/"' in history
    assert 'href="/regions/setouchi/diff/?from=v1&amp;to=v2"' in history
    assert 'href="/regions/setouchi/diff/?from=d1&amp;to=d2"' in history
    assert "from=d2&amp;to=v2" not in history, "a diff compares one document's states"
    assert 'name="from"' in history and 'name="to"' in history


def test_a_past_state_shows_what_was_published_then(client, setouchi):
    response = client.get("/regions/setouchi/revisions/v1/")

    text = main_text(response)
    assert response.status_code == 200
    assert "これは過去の版です" in text
    assert "ものづくり・観光・交通の各分野" in text
    assert "瀬戸内造船株式会社" not in text
    assert "令和8年度 80,000,000円" in text


def test_state_after_the_first_declaration_has_no_vision_yet(client, setouchi):
    text = main_text(client.get("/regions/setouchi/revisions/d1/"))

    assert "連携ビジョンはまだ公表されていません" in text


@pytest.mark.parametrize(
    "url",
    [
        "/regions/nowhere/",
        "/regions/setouchi/revisions/d9/",
        "/regions/setouchi/revisions/x1/",
        "/regions/setouchi/revisions/d0/",
        "/regions/setouchi/revisions/d1%00/",
        "/regions/setouchi/revisions/" + "d" + "9" * 40 + "/",
        "/regions/" + "a" * 300 + "/",
        "/regions/nowhere/diff/",
    ],
)
def test_unknown_region_or_publication_is_404(client, setouchi, url):
    assert client.get(url).status_code == 404


def test_region_with_nothing_published_is_404(client, no_pdfs):
    publish_region("hidden", status=Status.ACCEPTED, publish_on=_tomorrow())

    assert client.get("/regions/hidden/").status_code == 404
    assert client.get("/regions/hidden/diff/").status_code == 404


def _tomorrow():
    import datetime

    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=1)


def test_abolished_region_page_says_so_and_keeps_its_history(client, no_pdfs):
    result = publish_region("gone", renamed(valid_filing(), "廃止した瀬戸内"))
    change_region(result.region, abolished(renamed(valid_filing(), "廃止した瀬戸内")))

    response = client.get("/regions/gone/")

    text = main_text(response)
    assert "廃止した瀬戸内 廃止" in text
    assert "この宣言リージョンは廃止されました" in text
    assert "目的を達成したため" in text
    assert "プロジェクト（" not in text  # the vision is not shown as current
    assert "連携宣言書 第2版" in text and "廃止" in text
    past = main_text(client.get("/regions/gone/revisions/v1/"))
    assert "プロジェクト（3 件）" in past


def test_only_post_get_and_head_are_allowed(client, setouchi):
    assert client.post("/regions/setouchi/").status_code == 405
    assert client.post("/regions/").status_code == 405
    assert client.head("/regions/setouchi/").status_code == 200


# ---------------------------------------------------------------- differences


def test_declaration_diff_marks_members_and_words(client, setouchi):
    response = client.get("/regions/setouchi/diff/", {"from": "d1", "to": "d2"})

    html = response.content.decode()
    text = main_text(response)
    assert response.status_code == 200
    assert "加わった構成団体" in text and "瀬戸内造船株式会社（企業）" in text
    assert '<del><span class="visually-hidden">［削除ここから］</span>ものづくり' in html
    assert '<ins><span class="visually-hidden">［追加ここから］</span>造船' in html


def test_vision_diff_marks_budgets_and_implementers(client, setouchi):
    response = client.get("/regions/setouchi/diff/", {"from": "v1", "to": "v2"})

    text = main_text(response)
    assert response.status_code == 200
    assert "令和8年度 80,000,000円 90,000,000円 +10,000,000円" in text
    assert "総事業費 300,000,000円 310,000,000円 +10,000,000円" in text
    assert "実施主体:" in text
    assert "加わった構成団体" not in text, "the declaration's members are not the vision's"


def test_declaration_first_and_second_edition_differ_only_in_the_declaration(client, setouchi):
    """Issue 13: between d1 and d2 the vision v1 was published; it is not 'added'."""
    text = main_text(client.get("/regions/setouchi/diff/", {"from": "d1", "to": "d2"}))

    assert "（連携宣言書 第1版）から" in text and "（連携宣言書 第2版）までの違い" in text
    assert "加わったプロジェクト" not in text
    assert "ロードマップ" not in text
    assert "目指すべき姿（中長期的な将来像）" not in text
    assert "年度別事業費" not in text


def test_diff_defaults_to_the_latest_publication_and_the_one_before_of_its_document(
    client, setouchi
):
    text = main_text(client.get("/regions/setouchi/diff/"))

    assert "（連携ビジョン 第1版）から" in text and "（連携ビジョン 第2版）までの違い" in text


def test_diff_of_two_documents_compares_the_later_ones_own_previous_and_says_so(client, setouchi):
    response = client.get("/regions/setouchi/diff/", {"from": "d1", "to": "v2"})

    text = main_text(response)
    assert response.status_code == 200
    assert "同じ文書の版どうしを比べます" in text
    assert "（連携ビジョン 第1版）から" in text and "（連携ビジョン 第2版）までの違い" in text


def test_compare_form_groups_the_publications_by_document(client, setouchi):
    html = client.get("/regions/setouchi/diff/").content.decode()

    assert html.count('<optgroup label="連携宣言書">') == 2
    assert html.count('<optgroup label="連携ビジョン">') == 2


def test_diff_with_an_unknown_publication_compares_the_last_two_and_says_so(client, setouchi):
    response = client.get("/regions/setouchi/diff/", {"from": "d7", "to": "<x>"})

    assert response.status_code == 200
    assert "指定された版が見つからない" in main_text(response)


def test_diff_of_a_state_with_itself_says_nothing_changed(client, setouchi):
    text = main_text(client.get("/regions/setouchi/diff/", {"from": "v2", "to": "v2"}))

    assert "内容に違いはありません" in text


# ---------------------------------------------------------------- speed and caching


@pytest.mark.parametrize("size", [(6, 2), (60, 30)])
def test_region_page_and_list_queries_do_not_grow_with_members_or_projects(
    client, no_pdfs, django_assert_max_num_queries, size
):
    members, projects = size
    for index in range(3):
        publish_region(
            f"region-{index}", generated_filing(index, members=members, projects=projects)
        )
    public_prefectures.master_data()
    public_prefectures.prefectures()
    cache.clear()

    # 16 + the projects' targets (ADR 0104) + their published results (ADR 0108) + the
    # published support measures (ADR 0115; their decisions: one more when there are some)
    # + the published requests (ADR 0116) + the published attachments (ADR 0118; with the
    # projects' content type the first time) + the site's stamp and the other regions it
    # overlaps (ADR 0122: three, whatever the number of regions); less three since the
    # region, its history and the state's two revisions are read together (ADR 0131)
    with django_assert_max_num_queries(22):
        assert client.get("/regions/region-1/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/regions/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_cached_region_page_takes_no_query(client, setouchi, django_assert_num_queries):
    client.get("/regions/setouchi/")

    with django_assert_num_queries(0):  # the publication time is in the cache too (ADR 0100)
        assert client.get("/regions/setouchi/").status_code == 200


def test_whole_cached_page_is_only_for_visitors_without_cookies(
    client, setouchi, django_user_model
):
    anonymous = client.get("/regions/setouchi/")
    client.force_login(django_user_model.objects.create_user("suzuki", password="x"))

    signed_in = client.get("/regions/setouchi/")

    assert "suzuki さん" in page_text(signed_in)
    assert "suzuki" not in anonymous.content.decode()
    assert "Cookie" in signed_in["Vary"] and "Cookie" in anonymous["Vary"]


def test_conditional_get_answers_304_until_something_is_published(client, setouchi, no_pdfs):
    first = client.get("/regions/setouchi/")
    etag, modified = first["ETag"], first["Last-Modified"]

    again = client.get("/regions/setouchi/", headers={"if-none-match": etag})
    since = client.get("/regions/setouchi/", headers={"if-modified-since": modified})

    assert again.status_code == 304 and since.status_code == 304
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    change_region(setouchi, setouchi_change(valid_filing()))
    after = client.get("/regions/setouchi/", headers={"if-none-match": etag})
    assert after.status_code == 200
    assert after["ETag"] != etag
    assert "第3版" in main_text(after)  # the cached page was not reused


def test_signed_in_visitor_gets_a_private_page_with_another_etag(
    client, setouchi, django_user_model
):
    anonymous = client.get("/regions/setouchi/")
    client.force_login(django_user_model.objects.create_user("kosei", password="x"))

    signed_in = client.get("/regions/setouchi/", headers={"if-none-match": anonymous["ETag"]})

    assert signed_in.status_code == 200
    assert "private" in signed_in["Cache-Control"]
    assert "kosei さん" in page_text(signed_in)


def test_cached_fragment_never_holds_the_visitors_name(client, setouchi, django_user_model):
    client.force_login(django_user_model.objects.create_user("yamada-taro", password="x"))
    client.get("/regions/setouchi/")
    client.logout()

    assert "yamada-taro" not in client.get("/regions/setouchi/").content.decode()


# ---------------------------------------------------------------- documents


def test_region_page_lists_the_published_pdfs_with_their_sha256(client):
    publish_region("with-pdfs")
    make_documents()

    html = client.get("/regions/with-pdfs/").content.decode()
    documents = html[html.index('id="documents"') : html.index('id="history"')]

    hashes = re.findall(r"SHA-256: <code>([0-9a-f]{64})</code>", documents)
    assert len(hashes) == 2  # the declaration and the vision; not the cover letters
    assert "送付書" not in documents


def test_a_published_pdf_the_worker_has_not_made_yet_is_making_not_a_broken_link(client):
    publish_region("pdfs-later")

    html = client.get("/regions/pdfs-later/").content.decode()
    documents = html[html.index('id="documents"') : html.index('id="history"')]

    assert documents.count("作成中です。しばらくしてからご覧ください。") == 2
    assert "/documents/" not in documents and "SHA-256: <code>" not in documents


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize("path", PUBLIC_TEMPLATES, ids=lambda p: p.name)
def test_public_templates_translate_every_japanese_string(path):
    source = path.read_text()
    for pattern in (
        r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}",
        r"\{#.*?#\}",
        r"\{%\s*blocktranslate\b.*?%\}.*?\{%\s*endblocktranslate\s*%\}",
        r"\{%\s*translate\s+\"[^\"]*\"[^%]*%\}",
        r"\{%\s*translate\s+'[^']*'[^%]*%\}",
        r"_\(\"[^\"]*\"\)",
    ):
        source = re.sub(pattern, "", source, flags=re.DOTALL)
    # Punctuation between translated pieces (「、」「／」「〜」…) is not a string to translate.
    assert re.findall(r"[\u3040-\u30ff\u3400-\u9fff]+", source) == []


def test_public_pages_have_no_inline_style_or_script_and_load_nothing_from_elsewhere(
    client, setouchi
):
    for url in ("/", "/regions/", "/regions/setouchi/", "/regions/setouchi/diff/", "/opendata/"):
        html = client.get(url).content.decode()
        assert "<style" not in html, url
        assert not re.search(r"\sstyle=", html), url
        assert "<script" not in html, url
        # the hreflang alternates name this page in each language (absolute, this site)
        alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', html)
        base = settings.PORTAL_BASE_URL.rstrip("/")
        assert alternates and all(u.startswith(f"{base}/") for u in alternates), url
        html = re.sub(r'<link rel="alternate" [^>]*>', "", html)
        loaded = re.findall(r'<(?:link|img|script|image|use)\b[^>]*(?:href|src)="([^"]+)"', html)
        assert [u for u in loaded if u.startswith(("http:", "https:", "//"))] == [], url


def test_member_name_with_html_is_escaped_everywhere(client, no_pdfs):
    filing = valid_filing()
    evil = MemberData("evil", '<img src=x onerror="alert(1)">株式会社', MemberKind.COMPANY)
    projects = list(filing.vision.projects)
    projects[1] = replace(
        projects[1], implementers=(*projects[1].implementers, _member_implementer("evil"))
    )
    filing = replace(
        filing,
        members=(*filing.members, evil),
        vision=replace(filing.vision, projects=tuple(projects)),
    )
    publish_region("escaped", filing)

    for url in ("/regions/escaped/", "/regions/", "/", "/regions/?q=株式会社"):
        html = client.get(url).content.decode()
        assert "<img src=x" not in html, url


def _member_implementer(key):
    from filing.data import ImplementerData

    return ImplementerData(member=key)


# ---------------------------------------------------------------- よみがな (ADR 0087)


def named(name, reading, **kwargs):
    filing = valid_filing()
    return replace(
        filing,
        declaration=replace(
            filing.declaration, region_name=name, region_name_kana=reading, **kwargs
        ),
    )


@pytest.fixture
def chubu_and_setouchi(no_pdfs):
    publish_region("chubu", named("中部広域リージョン", "ちゅうぶこういきりーじょん"))
    publish_region("setouchi", named("瀬戸内広域リージョン", "せとうちこういきりーじょん"))


@pytest.mark.parametrize("query", ["ちゅうぶ", "チュウブ", "ﾁｭｳﾌﾞ", "中部"])
def test_search_finds_a_region_by_its_reading(client, chubu_and_setouchi, query):
    text = main_text(client.get("/regions/", {"q": query}))

    assert "1 件の宣言リージョン" in text
    assert "中部広域リージョン" in text and "瀬戸内広域リージョン" not in text


def test_list_by_name_is_in_gojuon_order_not_code_point_order(client, chubu_and_setouchi):
    # Code points put 中 (U+4E2D) before 瀬 (U+702C); 五十音 puts せ before ち.
    text = main_text(client.get("/regions/", {"sort": "name"}))

    assert text.index("瀬戸内広域リージョン") < text.index("中部広域リージョン")
    assert "名称順（五十音順）" in text


def test_api_search_and_sort_use_the_reading_too(client, chubu_and_setouchi):
    items = client.get("/api/v1/regions", {"sort": "name"}).json()["items"]
    found = client.get("/api/v1/regions", {"q": "チュウブ"}).json()["items"]

    assert [item["slug"] for item in items] == ["setouchi", "chubu"]
    assert [item["slug"] for item in found] == ["chubu"]
