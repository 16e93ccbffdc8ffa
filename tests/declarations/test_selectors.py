"""The declarations app's read-only queries: master data look-ups and the published-only
selectors every public page starts from (STYLE.md §6)."""

import pytest

from declarations.lifecycle import Kind, Status
from declarations.models import DeclarationRevision
from declarations.selectors import (
    current_declaration_revisions,
    master_data,
    municipality_by_code,
    municipality_search,
    prefecture_by_code,
    published_declaration_revisions,
    published_declaration_revisions_of,
    published_fields,
    published_members,
)
from tests.factories import (
    DeclarationFactory,
    DeclarationFieldFactory,
    DeclarationRevisionFactory,
    MemberFactory,
)

pytestmark = pytest.mark.django_db

UNPUBLISHED = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED)


def revision(declaration, number, status=Status.PUBLISHED, **fields):
    return DeclarationRevisionFactory(
        declaration=declaration, number=number, status=status, **fields
    )


def set_status(rev, status):
    """Move a revision whose rows were written while it was a draft (rows of a frozen
    revision cannot be written)."""
    DeclarationRevision.objects.filter(pk=rev.pk).update(status=status)
    rev.refresh_from_db()
    return rev


# ---------------------------------------------------------------- master data


def test_prefecture_is_found_by_jis_code_or_local_government_code():
    hiroshima = prefecture_by_code("34")
    assert hiroshima.name == "広島県"
    assert prefecture_by_code(hiroshima.lg_code) == hiroshima
    assert prefecture_by_code("48") is None


def test_municipality_by_code_knows_its_prefecture():
    sapporo = municipality_by_code("011002")
    assert sapporo.name == "札幌市"
    assert sapporo.prefecture.name == "北海道"
    assert municipality_by_code("999999") is None


def test_municipality_search_folds_katakana_and_half_width_to_hiragana():
    names = {(m.prefecture.name, m.name) for m in municipality_search("フチュウ")}
    assert {("東京都", "府中市"), ("広島県", "府中市")} <= names
    assert {(m.prefecture.name, m.name) for m in municipality_search("ﾌﾁｭｳ")} == names


def test_municipality_search_narrows_to_a_prefecture_named_first():
    found = municipality_search("広島県府中市")
    assert [(m.prefecture.name, m.name) for m in found] == [("広島県", "府中市")]


def test_municipality_search_of_nothing_finds_nothing():
    assert municipality_search("") == []
    assert municipality_search("   ") == []


def test_municipality_search_stops_at_its_limit():
    assert len(municipality_search("し", limit=5)) == 5


def test_master_data_holds_every_prefecture_and_municipality():
    master = master_data()
    assert len(master.prefectures) == 47
    assert len(master.municipalities) == 1741
    assert master.prefectures["01"] == "北海道"
    assert master.prefecture_lg_codes[prefecture_by_code("13").lg_code] == "13"
    assert master.municipalities["011002"] == ("札幌市", "01")


# ---------------------------------------------------------------- published only


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_unpublished_revisions_never_reach_the_public(status):
    declaration = DeclarationFactory()
    published = revision(declaration, 1)
    revision(declaration, 2, status)
    assert list(published_declaration_revisions()) == [published]
    assert list(current_declaration_revisions()) == [published]
    assert list(published_declaration_revisions_of(declaration.region_id)) == [published]


def test_current_revision_is_the_latest_published_one_per_region():
    first, second = DeclarationFactory(), DeclarationFactory()
    revision(first, 1)
    latest = revision(first, 2, kind=Kind.CHANGED)
    revision(first, 3, Status.SUBMITTED, kind=Kind.CHANGED)
    only = revision(second, 1)
    assert set(current_declaration_revisions()) == {latest, only}


def test_an_abolition_is_a_region_s_current_revision():
    declaration = DeclarationFactory()
    revision(declaration, 1)
    abolition = revision(declaration, 2, kind=Kind.ABOLISHED)
    assert list(current_declaration_revisions()) == [abolition]


def test_a_region_without_a_published_revision_has_no_current_one():
    revision(DeclarationFactory(), 1, Status.ACCEPTED)
    assert not current_declaration_revisions().exists()


def test_published_revisions_of_a_region_are_its_own_oldest_first():
    declaration = DeclarationFactory()
    second = revision(declaration, 2, kind=Kind.CHANGED)
    first = revision(declaration, 1)
    revision(DeclarationFactory(), 1)  # another region
    assert list(published_declaration_revisions_of(declaration.region_id)) == [first, second]


def test_members_and_fields_are_given_only_for_published_revisions_in_order():
    declaration = DeclarationFactory()
    published = revision(declaration, 1, Status.DRAFT)
    draft = revision(declaration, 2, Status.DRAFT)
    second = MemberFactory(revision=published, position=1, name="二番目")
    first = MemberFactory(revision=published, position=0, name="一番目")
    MemberFactory(revision=draft, position=0)
    tourism = DeclarationFieldFactory(revision=published, position=1, code="tourism")
    industry = DeclarationFieldFactory(revision=published, position=0, code="industry")
    DeclarationFieldFactory(revision=draft, position=0)
    set_status(published, Status.PUBLISHED)

    ids = [published.pk, draft.pk]
    assert list(published_members(ids)) == [first, second]
    assert list(published_fields(ids)) == [industry, tourism]
    assert not published_members([draft.pk]).exists()
    assert not published_fields([draft.pk]).exists()
