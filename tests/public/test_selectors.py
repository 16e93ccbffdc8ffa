"""The public selectors (``public.selectors``): only published revisions, the latest per
region, a region's history and the state after each publication; drafts never leak.

The regions are filed through the real services (``tests.public_data``); PDFs are skipped."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from declarations.lifecycle import Status
from public.selectors.history import DECLARATION, VISION, region_history
from public.selectors.prefectures import covered_prefectures, prefectures
from public.selectors.region import is_slug, published_region, region_state
from public.selectors.search import (
    STATUS_ABOLISHED,
    STATUS_ACTIVE,
    search_members,
    search_projects,
    search_regions,
    search_terms,
)
from public.selectors.site import latest_publications, overview
from public.selectors.stamps import region_stamp, site_stamp
from public.selectors.summaries import current_member_names, current_region_names, region_summaries
from tests.public_data import (
    abolished,
    change_region,
    changed,
    generated_filing,
    publish_region,
    skip_pdfs,
    valid_filing,
)

pytestmark = pytest.mark.django_db

SETOUCHI = "瀬戸内広域リージョン"
NEW_ASPIRATION = "瀬戸内の造船と海運を結ぶ新しい姿"


def setouchi_change():
    """The valid filing as a change with a new aspiration."""
    return changed(valid_filing(), aspiration=NEW_ASPIRATION)


@pytest.fixture(autouse=True)
def no_pdfs(monkeypatch):
    skip_pdfs(monkeypatch)


@pytest.fixture
def setouchi():
    """Published once (d1, v1); a change (d2, v2) is only submitted."""
    first = publish_region("setouchi")
    change_region(first.region, setouchi_change(), status=Status.SUBMITTED)
    return first.region


@pytest.fixture
def changed_setouchi():
    """Published (d1, v1), then changed and published (d2, v2)."""
    first = publish_region("setouchi")
    change_region(first.region, setouchi_change())
    return first.region


# ---------------------------------------------------------------- drafts never leak


def test_a_region_shows_its_published_state_not_the_change_under_review(setouchi):
    state = region_state("setouchi")
    assert state.publication.key == "v1"
    assert state.declaration.number == 1
    assert state.vision.number == 1
    assert state.declaration.aspiration != NEW_ASPIRATION
    assert state.filing.declaration.aspiration != NEW_ASPIRATION
    assert [p.key for p in state.history.publications] == ["d1", "v1"]
    assert region_state("setouchi", "d2") is None


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED])
def test_a_region_never_published_is_not_public(status):
    publish_region("unseen", status=status)
    assert published_region("unseen") is None
    assert region_state("unseen") is None
    assert region_stamp("unseen") is None
    assert not search_regions().exists()
    assert latest_publications() == []


def test_an_acceptance_waiting_for_its_publication_day_is_not_public():
    publish_region("later", status=Status.ACCEPTED, publish_on=date.today() + timedelta(days=30))
    assert published_region("later") is None
    assert site_stamp() is None


def test_lists_and_names_read_the_current_published_revision_only(setouchi):
    assert [r.region_name for r in search_regions()] == [SETOUCHI]
    assert {m.revision.number for m in search_members()} == {1}
    region_id = setouchi.pk
    assert set(current_member_names([region_id])[region_id]) == {
        m.key for m in valid_filing().members
    }
    assert current_region_names([region_id]) == {region_id: SETOUCHI}
    assert [e.publication.key for e in latest_publications()] == ["v1", "d1"]


# ---------------------------------------------------------------- history and states


def test_history_lists_every_publication_oldest_first_declaration_before_vision(
    changed_setouchi,
):
    history = region_history(changed_setouchi.pk)
    assert [p.key for p in history.publications] == ["d1", "v1", "d2", "v2"]
    assert [p.document for p in history.publications] == [
        DECLARATION,
        VISION,
        DECLARATION,
        VISION,
    ]
    assert history.latest.key == "v2"
    assert [p.key for p in history.newest_first] == ["v2", "d2", "v1", "d1"]
    assert history.find("d9") is None


def test_the_state_after_a_publication_pairs_the_latest_of_each_document_by_then(
    changed_setouchi,
):
    history = region_history(changed_setouchi.pk)
    declaration, vision = history.state_at("d2")
    assert (declaration.key, vision.key) == ("d2", "v1")
    declaration, vision = history.state_at("d1")
    assert (declaration.key, vision) == ("d1", None)


def test_region_state_at_an_older_publication_shows_what_the_public_saw_then(changed_setouchi):
    old = region_state("setouchi", "d1")
    current = region_state("setouchi")
    assert not old.is_current and current.is_current
    assert old.vision is None
    assert old.declaration.aspiration == valid_filing().declaration.aspiration
    assert current.declaration.aspiration == NEW_ASPIRATION
    assert current.filing.declaration.aspiration == NEW_ASPIRATION
    assert current.vision_publication.key == "v2"


@pytest.mark.parametrize("key", ["x1", "d0", "d", "v1 ", "d1\x00", 1])
def test_malformed_publication_keys_and_slugs_find_nothing(setouchi, key):
    assert region_state("setouchi", key) is None
    assert region_state("setouchi\x00") is None
    assert published_region("../setouchi") is None
    assert not is_slug("a" * 81)


def test_a_region_state_knows_its_area_and_groups_members_by_kind(setouchi):
    state = region_state("setouchi")
    assert [p.name for p in state.prefectures] == ["岡山県", "広島県", "香川県"]
    groups = {g.kind: [m.key for m in g.members] for g in state.member_groups}
    assert groups["prefecture"] == ["okayama", "hiroshima", "kagawa"]
    assert len(state.projects) == 3


def test_a_region_state_takes_ten_queries(setouchi, django_assert_max_num_queries):
    prefectures()  # the master data is read once per process
    # the published revisions (two: the region and its history with them), the declaration's
    # fields and members, the vision's projects and their five kinds of rows (ADR 0104, 0131)
    with django_assert_max_num_queries(10):
        state = region_state("setouchi")
        [list(p.implementers.all()) for p in state.projects]


# ---------------------------------------------------------------- abolition


def test_an_abolished_region_stays_public_with_its_history_but_leaves_the_active_lists():
    first = publish_region("setouchi")
    publish_region("hokuriku", generated_filing(15, members=8, projects=2))
    change_region(first.region, abolished(valid_filing()))

    state = region_state("setouchi")
    assert state.is_abolished and state.vision.number == 1
    assert [r.declaration.region.slug for r in search_regions(status=STATUS_ABOLISHED)] == [
        "setouchi"
    ]
    assert [r.declaration.region.slug for r in search_regions(status=STATUS_ACTIVE)] == ["hokuriku"]
    assert {p.revision.vision.region.slug for p in search_projects()} == {"hokuriku"}
    figures = overview()
    assert (figures.region_count, figures.abolished_count) == (1, 1)


# ---------------------------------------------------------------- search and summaries


def test_search_terms_fold_width_drop_control_characters_and_stop_at_ten():
    assert search_terms("ＡＢＣ　瀬戸内\x00港") == ["ABC", "瀬戸内", "港"]
    assert search_terms(" ".join(str(i) for i in range(20))) == [str(i) for i in range(10)]
    assert search_terms(None) == []


def test_regions_are_found_by_name_member_kana_and_prefecture(setouchi):
    publish_region("hokuriku", generated_filing(15, members=8, projects=2))

    def slugs(**filters):
        return [r.declaration.region.slug for r in search_regions(**filters)]

    assert slugs(query="瀬戸内") == ["setouchi"]
    assert slugs(query="くらしき") == ["setouchi"]  # 倉敷市, by its よみがな
    assert slugs(query="クラシキ") == ["setouchi"]
    assert slugs(prefecture="37") == ["setouchi"]  # 香川県
    assert sorted(slugs(prefecture="99")) == ["hokuriku", "setouchi"]  # unknown: no filter
    assert slugs(query="海運を結ぶ新しい") == []  # only in the change under review


def test_region_summaries_count_members_and_projects_of_the_current_revision(setouchi):
    (summary,) = region_summaries(search_regions())
    filing = valid_filing()
    assert summary.slug == "setouchi" and summary.name == SETOUCHI
    assert summary.member_count == len(filing.members)
    assert summary.project_count == len(filing.vision.projects)
    assert [p.code for p in summary.prefectures] == ["33", "34", "37"]
    assert not summary.is_abolished


def test_members_are_found_by_kind_and_prefecture(setouchi):
    assert [m.key for m in search_members(member_kind="municipality")] == [
        "kurashiki",
        "fukuyama",
        "fuchu",
    ]
    assert {m.key for m in search_members(prefecture="33")} >= {"okayama", "kurashiki"}
    assert "hiroshima" not in {m.key for m in search_members(prefecture="33")}


def test_covered_prefectures_are_in_jis_order():
    filing = valid_filing()
    assert [p.code for p in covered_prefectures(filing.members)] == ["33", "34", "37"]


# ---------------------------------------------------------------- site and stamps


def test_overview_counts_only_current_published_data(setouchi):
    figures = overview()
    filing = valid_filing()
    assert figures.region_count == 1
    assert figures.member_count == len(filing.members)
    assert figures.project_count == len(filing.vision.projects)
    expected = sum(
        amount for p in filing.vision.projects if p.budget for _y, amount in p.budget.by_fiscal_year
    )
    assert figures.budget_total == expected
    assert sum(figures.budget_by_year.values()) == expected
    assert figures.coverage["33"] == [("setouchi", SETOUCHI)]
    assert figures.coverage["01"] == []


def test_stamps_follow_publications_not_submissions(setouchi):
    stamp = region_stamp("setouchi")
    assert stamp is not None and stamp <= timezone.now()
    assert site_stamp() == stamp
    assert region_stamp("nowhere") is None
    assert region_stamp("bad slug") is None
