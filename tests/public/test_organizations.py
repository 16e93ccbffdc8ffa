"""Where regions overlap (ADR 0122): an organisation's public id, its page, the region page's
other regions, the national view and the API, published states only."""

from dataclasses import replace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from declarations.lifecycle import Status
from filing.data import MemberData, MemberKind
from public.selectors.organizations import (
    is_organization_id,
    name_id,
    name_key,
    national,
    organization_id,
)
from tests.public_data import (
    abolished,
    change_region,
    changed,
    file_revisions,
    generated_filing,
    main_text,
    publish_region,
    skip_pdfs,
    valid_filing,
)

pytestmark = pytest.mark.django_db

KURASHIKI = "lg-332020"  # 倉敷市
OKAYAMA = "lg-330001"  # 岡山県
KAGAWA = "lg-370002"


@pytest.fixture(autouse=True)
def _no_pdfs(monkeypatch):
    skip_pdfs(monkeypatch)
    cache.clear()


def renamed(filing, name, *, members=None):
    """The valid filing as another region: another name, perhaps other members."""
    filing = replace(filing, declaration=replace(filing.declaration, region_name=name))
    return replace(filing, members=members) if members is not None else filing


def without_kagawa(filing):
    """岡山・広島 only: 香川県 and the 広域連合 spanning it leave, the rest stays."""
    members = tuple(
        replace(m, area_prefectures=("33", "34")) if m.key == "koiki_rengo" else m
        for m in filing.members
        if m.key != "kagawa"
    )
    members = tuple(
        replace(m, activity_prefectures=("33", "34")) if m.key == "keizai" else m for m in members
    )
    projects = tuple(
        replace(p, implementers=tuple(i for i in p.implementers if i.member != "kagawa"))
        for p in filing.vision.projects
    )
    return replace(filing, members=members, vision=replace(filing.vision, projects=projects))


def with_members(filing, *members):
    """The filing with more members, each an implementer of the first project."""
    from filing.data import ImplementerData

    projects = list(filing.vision.projects)
    projects[0] = replace(
        projects[0],
        implementers=(*projects[0].implementers, *(ImplementerData(member=m.key) for m in members)),
    )
    return replace(
        filing,
        members=(*filing.members, *members),
        vision=replace(filing.vision, projects=tuple(projects)),
    )


@pytest.fixture
def two_regions():
    """瀬戸内 and 吉備 (岡山・広島): they share 岡山県, 広島県 and most members; 吉備 writes
    its 経済団体 with a full-width space."""
    publish_region("setouchi")
    filing = without_kagawa(valid_filing())
    members = tuple(
        replace(m, name="瀬戸内　経済連合会") if m.key == "keizai" else m for m in filing.members
    )
    publish_region("kibi", renamed(filing, "吉備広域リージョン", members=members))
    cache.clear()


# ---------------------------------------------------------------- ids


def test_local_governments_are_identified_by_their_code_and_others_by_kind_and_name():
    assert organization_id("municipality", "倉敷市", "332020") == KURASHIKI
    assert organization_id("prefecture", "岡山県", "330001") == OKAYAMA
    # A code the master data does not know, or on a kind that has none: by kind and name.
    assert organization_id("municipality", "架空市", "999999") == name_id("municipality", "架空市")
    keizai = organization_id("economic_organization", "瀬戸内経済連合会")
    assert keizai == organization_id("economic_organization", " 瀬戸内　経済連合会 ")
    assert keizai == organization_id("economic_organization", "瀬戸内経済連合会", "", "")
    assert keizai != organization_id("company", "瀬戸内経済連合会")
    assert organization_id("company", "ＡＢＣ商事") == organization_id("company", "abc商事")
    assert organization_id("company", "x", corporate_number="1234567890123") == "cn-1234567890123"
    assert is_organization_id(keizai) and is_organization_id(KURASHIKI)
    for bad in ("lg-33202", "../etc", "company-XYZ", "", None, "lg-332020\x00"):
        assert not is_organization_id(bad)
    assert name_key("Ａ　Ｂ c") == "abc"


# ---------------------------------------------------------------- the organisation's page


def test_an_organisation_page_lists_every_region_and_the_projects_it_implements(
    client, two_regions
):
    response = client.get(f"/organizations/{KURASHIKI}/")

    assert response.status_code == 200
    text = main_text(response)
    assert "倉敷市" in text and "332020" in text and "岡山県" in text
    page = response.content.decode()
    assert 'href="/regions/setouchi/"' in page and 'href="/regions/kibi/"' in page
    # The first project of each region names 倉敷市 among its implementers.
    assert 'href="/regions/setouchi/#project-1"' in page
    assert 'href="/regions/kibi/#project-1"' in page
    assert "瀬戸内先端ものづくりクラスター形成プロジェクト" in text


def test_a_name_written_with_other_spaces_is_the_same_organisation(client, two_regions):
    keizai = organization_id("economic_organization", "瀬戸内経済連合会")
    page = client.get(f"/organizations/{keizai}/").content.decode()

    assert 'href="/regions/setouchi/"' in page and 'href="/regions/kibi/"' in page
    assert "瀬戸内　経済連合会" in page  # as 吉備 writes it, in its row


def test_a_corporate_number_identifies_the_organisation_where_a_region_gives_it(client):
    from filing.corporate_number import check_digit

    number = f"{check_digit('000012345678')}000012345678"
    publish_region("setouchi")  # writes 瀬戸内経済連合会 without its 法人番号
    filing = without_kagawa(valid_filing())
    members = tuple(
        replace(m, corporate_number=number) if m.key == "keizai" else m for m in filing.members
    )
    publish_region("kibi", renamed(filing, "吉備広域リージョン", members=members))
    cache.clear()

    response = client.get(f"/organizations/cn-{number}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/regions/setouchi/"' in page and 'href="/regions/kibi/"' in page
    assert number in main_text(response)
    # The kind-and-name id (瀬戸内's page links it) leads to the same page.
    plain = organization_id("economic_organization", "瀬戸内経済連合会")
    redirect = client.get(f"/organizations/{plain}/")
    assert redirect.status_code == 301 and redirect["Location"] == f"/organizations/cn-{number}/"
    api = client.get(f"/api/v1/organizations/{plain}").json()["organization"]
    assert api["id"] == f"cn-{number}" and api["corporate_number"] == number
    assert api["region_count"] == 2


def test_unknown_and_malformed_ids_are_404(client, two_regions):
    for org_id in ("lg-011002", "company-000000000000", "nonsense", "lg-33202%00"):
        assert client.get(f"/organizations/{org_id}/").status_code == 404, org_id
        assert client.get(f"/api/v1/organizations/{org_id}").status_code == 404, org_id


def test_only_published_regions_count(client):
    publish_region("setouchi")
    draft = renamed(without_kagawa(valid_filing()), "下書きの地域LEAKORG")
    file_revisions(draft, slug="drafted", status=Status.SUBMITTED)
    newcomer = MemberData("newco", "未公表の新会社LEAKORG", MemberKind.COMPANY)
    file_revisions(
        with_members(renamed(valid_filing(), "審査中の地域LEAKORG"), newcomer),
        slug="pending",
        status=Status.RETURNED,
    )
    cache.clear()

    page = client.get(f"/organizations/{KURASHIKI}/").content.decode()
    assert "LEAKORG" not in page and "/regions/drafted/" not in page
    newco = organization_id("company", "未公表の新会社LEAKORG")
    assert client.get(f"/organizations/{newco}/").status_code == 404
    assert "LEAKORG" not in client.get("/overlaps/").content.decode()
    assert "LEAKORG" not in client.get("/regions/setouchi/").content.decode()


def test_a_member_that_left_in_a_published_change_is_no_longer_listed(client):
    first = publish_region("setouchi")
    publish_region("kibi", renamed(without_kagawa(valid_filing()), "吉備広域リージョン"))
    change_region(first.region, changed(without_kagawa(valid_filing())))
    cache.clear()

    response = client.get(f"/organizations/{KAGAWA}/")
    assert response.status_code == 404  # 香川県 is in no current published declaration


def test_an_abolished_region_is_shown_as_abolished_and_shares_nothing(client, two_regions):
    from declarations.models import Region

    filing = renamed(without_kagawa(valid_filing()), "吉備広域リージョン")
    change_region(Region.objects.get(slug="kibi"), abolished(filing))
    cache.clear()

    page = client.get(f"/organizations/{KURASHIKI}/").content.decode()
    assert "廃止" in page and 'href="/regions/kibi/"' in page
    assert 'href="/regions/kibi/"' not in client.get("/regions/setouchi/").content.decode()
    assert national().shared_with("setouchi") == []


# ---------------------------------------------------------------- member links


def test_member_names_on_the_current_region_page_link_to_their_organisation(client, two_regions):
    page = client.get("/regions/setouchi/").content.decode()

    assert f'href="/organizations/{KURASHIKI}/"' in page
    keizai = organization_id("economic_organization", "瀬戸内経済連合会")
    assert f'href="/organizations/{keizai}/"' in page
    # The member list, the prefecture table and the implementers: several links each.
    assert page.count(f'href="/organizations/{KURASHIKI}/"') >= 3
    # A past page shows the region as it was: plain names.
    past = client.get("/regions/setouchi/revisions/d1/").content.decode()
    assert "/organizations/" not in past


# ---------------------------------------------------------------- the region page's other regions


def test_the_region_page_names_the_regions_sharing_a_prefecture_or_a_member(client, two_regions):
    publish_region("far", generated_filing(40, members=8, projects=2))  # 佐賀・長崎
    cache.clear()

    page = client.get("/regions/setouchi/").content.decode()
    section = page[page.index('id="overlaps"') :]
    section = section[: section.index("</section>")]
    assert 'href="/regions/kibi/"' in section and "/regions/far/" not in section
    assert "岡山県、広島県" in section  # the shared prefectures
    assert f'href="/organizations/{KURASHIKI}/"' in section
    assert f'href="/organizations/{KAGAWA}/"' not in section  # 香川県 is 瀬戸内's only


def test_another_regions_publication_changes_the_region_page(client, two_regions):
    first = client.get("/regions/setouchi/")
    etag = first["ETag"]
    assert "/regions/neighbour/" not in first.content.decode()

    publish_region("neighbour", renamed(without_kagawa(valid_filing()), "隣の広域リージョン"))

    after = client.get("/regions/setouchi/", headers={"if-none-match": etag})
    assert after.status_code == 200
    assert 'href="/regions/neighbour/"' in after.content.decode()


# ---------------------------------------------------------------- the national view


def test_the_national_view_counts_the_regions_covering_each_prefecture(client, two_regions):
    response = client.get("/overlaps/")

    assert response.status_code == 200
    page = response.content.decode()
    table = page[page.index('id="overlap-coverage"') :]
    table = table[: table.index("</table>")]
    assert '<tr data-prefecture="33">' in table
    row = table[table.index('data-prefecture="33"') :]
    assert '<td class="number">2</td>' in row[: row.index("</tr>")]
    row = table[table.index('data-prefecture="37"') :]
    assert '<td class="number">1</td>' in row[: row.index("</tr>")]
    # The map shades 岡山 (two regions) darker than 香川 (one).
    assert 'japan-map__prefecture--level-2" data-prefecture="33"' in page
    assert 'japan-map__prefecture--level-1" data-prefecture="37"' in page
    assert 'japan-map__prefecture--level-0" data-prefecture="01"' in page
    # The matrix and the organisations in several regions.
    assert 'id="overlap-matrix"' in page
    several = page[page.index('id="overlap-organizations"') :]
    assert f'href="/organizations/{KURASHIKI}/"' in several
    assert f'href="/organizations/{KAGAWA}/"' not in several


def test_the_national_view_with_nothing_published(client):
    response = client.get("/overlaps/")

    assert response.status_code == 200
    assert "複数の宣言リージョンに参加している構成団体はまだありません。" in main_text(response)


# ---------------------------------------------------------------- the API


def test_the_api_gives_an_organisation_with_its_regions_and_projects(client, two_regions):
    response = client.get(f"/api/v1/organizations/{KURASHIKI}")

    assert response.status_code == 200
    body = response.json()
    assert body["license"]["name"]
    organization = body["organization"]
    assert organization["id"] == KURASHIKI
    assert organization["kind"] == "municipality" and organization["lg_code"] == "332020"
    assert (organization["prefecture"]["code"], organization["prefecture"]["name"]) == (
        "33",
        "岡山県",
    )
    assert organization["region_count"] == 2
    assert [r["slug"] for r in organization["regions"]] == ["kibi", "setouchi"]  # 五十音順
    region = next(r for r in organization["regions"] if r["slug"] == "setouchi")
    assert region["status"] == "active" and region["member_key"] == "kurashiki"
    assert [p["code"] for p in region["prefectures"]] == ["33", "34", "37"]
    assert region["projects"][0]["number"] == 1
    assert region["projects"][0]["role"] == "implementer"
    assert region["projects"][0]["url"].endswith("/regions/setouchi/#project-1")
    assert organization["url"].endswith(f"/organizations/{KURASHIKI}/")
    assert response["Content-Type"].startswith("application/json")
    assert client.head(f"/api/v1/organizations/{KURASHIKI}").status_code == 200


def test_the_api_endpoint_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/organizations/{org_id}" in paths


# ---------------------------------------------------------------- query counts


def _queries(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


URLS = [
    f"/organizations/{OKAYAMA}/",
    f"/api/v1/organizations/{OKAYAMA}",
    "/overlaps/",
    "/regions/setouchi/",
]


def test_query_counts_do_not_grow_with_regions_or_members(client):
    publish_region("setouchi")
    publish_region("kibi", renamed(without_kagawa(valid_filing()), "吉備広域リージョン"))
    before = {url: _queries(client, url) for url in URLS}

    for index in range(3):
        publish_region(f"more-{index}", generated_filing(30 + index, members=40, projects=8))
    extra = [MemberData(f"extra{n}", f"追加の団体{n}", MemberKind.COMPANY) for n in range(20)]
    filing = with_members(without_kagawa(valid_filing()), *extra)
    publish_region("bigger", renamed(filing, "大きな広域リージョン"))
    after = {url: _queries(client, url) for url in URLS}

    assert after == before
    assert before["/overlaps/"] <= 6 and before[f"/organizations/{OKAYAMA}/"] <= 6


def test_the_pages_answer_in_english_too(client, two_regions):
    for url in (f"/en/organizations/{KURASHIKI}/", "/en/overlaps/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'lang="ja">倉敷市<' in response.content.decode()  # the filed name, marked
