# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The declaration pages of the staff UI: create, edit the draft (without JavaScript, the
way a browser posts the form), the 要綱 checklist, submit, change, abolish, import and
export, concurrency, and bad input of every kind."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from accounts.models import REVIEWER_GROUP, RegionRole
from declarations.lifecycle import Kind, Status
from declarations.models import DeclarationRevision, Member, Organization, StatusChange
from filing.bundle import dumps_bundle
from tests.factories import UserFactory
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    BUNDLES,
    declaration,
    editor,
    editor_client,
    form_values,
    imported,
    other_region,
    outsider,
    publish,
    region,
    single,
    viewer,
)
from workflow.adapter import filing_from_revisions, revisions_for_export
from workflow.verbs import revision_return, revision_submit

pytestmark = pytest.mark.django_db

URL = "/staff/setouchi/declaration/1/"


@pytest.fixture
def draft(editor_client):
    editor_client.post("/staff/setouchi/declaration/new/")
    return DeclarationRevision.objects.get(declaration__region__slug="setouchi", number=1)


def pick(client, url, data, code):
    """Press 「追加」 beside a search result (the whole form is posted, nothing saved)."""
    response = client.post(url, single(data, pick=code))
    assert response.status_code == 200
    return form_values(response, "declaration-form")


def save(client, url, data, **changes):
    return client.post(url, single(data, save="1", **changes))


def finding_codes(response) -> list[str]:
    return [
        item.finding.code for group in response.context["checklist"].groups for item in group.items
    ]


# ---------------------------------------------------------------- creating and access


def test_a_region_without_revisions_offers_to_create_the_declaration(editor_client, region):
    response = editor_client.get("/staff/setouchi/")

    assert response.status_code == 200
    assert "連携宣言書を作成する" in response.content.decode()


def test_creating_the_declaration_makes_draft_revision_one_with_an_audit_row(
    editor_client, region, editor
):
    response = editor_client.post("/staff/setouchi/declaration/new/")

    revision = declaration(region)
    assert response.status_code == 302 and response["Location"] == URL
    assert (revision.number, revision.status, revision.kind) == (1, Status.DRAFT, Kind.ESTABLISHED)
    change = StatusChange.objects.get(object_id=revision.pk)
    assert (change.old, change.new, change.actor) == ("", Status.DRAFT, editor)


def test_creating_the_declaration_twice_keeps_one_revision(editor_client, draft):
    response = editor_client.post("/staff/setouchi/declaration/new/", follow=True)

    assert DeclarationRevision.objects.filter(declaration__region__slug="setouchi").count() == 1
    assert "すでに作成されています" in response.content.decode()


def test_anonymous_is_sent_to_log_in(client, draft):
    client.logout()

    response = client.get(URL)

    assert response.status_code == 302 and "login" in response["Location"]


def test_staff_of_another_region_gets_404_and_changes_nothing(client, draft, outsider):
    client.force_login(outsider)

    assert client.get(URL).status_code == 404
    assert (
        client.post(URL, {"region_name": "乗っ取り", "save": "1", "version": "1"}).status_code
        == 404
    )
    assert client.post("/staff/setouchi/declaration/new/").status_code == 404
    draft.refresh_from_db()
    assert draft.region_name == ""


def test_a_viewer_reads_the_draft_but_cannot_edit_it(client, draft, viewer):
    client.force_login(viewer)

    page = client.get(URL)
    assert page.status_code == 200
    assert 'id="declaration-form"' not in page.content.decode()
    assert "閲覧者は内容を見ることだけができます" in page.content.decode()
    assert (
        client.post(URL, {"region_name": "閲覧者", "save": "1", "version": "1"}).status_code == 404
    )
    assert client.post(URL + "submit/", {"version": "1"}).status_code == 404
    draft.refresh_from_db()
    assert draft.region_name == ""


def test_a_revision_number_that_does_not_exist_is_404(editor_client, draft):
    assert editor_client.get("/staff/setouchi/declaration/2/").status_code == 404
    assert editor_client.get("/staff/setouchi/declaration/99999999999/").status_code == 404


# ---------------------------------------------------------------- editing without JavaScript


def test_members_are_picked_from_the_master_data_and_saved_with_the_form(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = pick(editor_client, URL, data, "022021")  # 青森県弘前市
    data = pick(editor_client, URL, data, "pref:030007")  # 岩手県
    data = single(data, region_name="北東北リージョン", aspiration="北の産業", fields=["industry"])

    response = save(editor_client, URL, data)

    assert response.status_code == 302
    draft.refresh_from_db()
    members = list(draft.members.order_by("position"))
    assert [(m.name, m.kind, m.lg_code) for m in members] == [
        ("弘前市", "municipality", "022021"),
        ("岩手県", "prefecture", "030007"),
    ]
    assert [m.key for m in members] == ["city022021", "pref030007"]
    assert members[0].organization.municipality_id == "022021"
    assert draft.region_name == "北東北リージョン"
    assert list(draft.fields.values_list("code", flat=True)) == ["industry"]
    assert draft.version == 2


def test_picking_a_member_does_not_save_and_keeps_what_was_typed(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = single(data, region_name="まだ保存しない名前")

    response = editor_client.post(URL, single(data, pick="022021"))

    html = response.content.decode()
    assert "まだ保存しない名前" in html and 'value="弘前市"' in html
    assert 'data-focus="master-q"' in html  # back to the search box for the next member
    draft.refresh_from_db()
    assert draft.region_name == "" and draft.members.count() == 0


def test_search_without_javascript_rerenders_with_results_grouped_by_prefecture(
    editor_client, draft
):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = editor_client.post(URL, single(data, q="府中", search="1"))

    results = response.context["results"]
    assert [name for name, _items in results.groups] == ["東京都", "広島県"]
    assert 'value="府中"' in response.content.decode()


def test_search_by_kana_in_katakana_finds_the_same_municipality(editor_client, draft):
    response = editor_client.get(URL + "search/", {"q": "サッポロ"})

    assert response.status_code == 200
    assert "札幌市" in response.content.decode()
    assert 'name="pick" value="011002"' in response.content.decode()


def test_search_also_finds_prefectures_by_name_and_kana(editor_client, draft):
    response = editor_client.get(URL + "search/", {"q": "あおもり"})

    html = response.content.decode()
    assert 'value="pref:020001"' in html and 'value="022012"' in html  # 青森県 and 青森市


def test_a_get_with_a_query_shows_the_results(editor_client, draft):
    response = editor_client.get(URL, {"q": "弘前"})

    assert response.context["results"].count == 1


def test_add_row_without_javascript_adds_an_empty_economic_organization_row(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = single(data, aspiration="途中まで書いた目指すべき姿")

    response = editor_client.post(URL, single(data, add="eco"))

    html = response.content.decode()
    assert 'name="eco-0-name"' in html and 'name="eco-0-activity_prefectures"' in html
    assert "途中まで書いた目指すべき姿" in html
    assert response.context["editor"].focus == "eco-0"
    draft.refresh_from_db()
    assert draft.aspiration == ""


def test_an_economic_organization_keeps_its_activity_area_and_attestation(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = form_values(editor_client.post(URL, single(data, add="eco")), "declaration-form")
    data = single(
        data,
        eco__0__name="北東北経済連合会",
        eco__0__activity_prefectures=["02", "03"],
        eco__0__multi_industry="on",
    )

    save(editor_client, URL, data)

    member = draft.members.get()
    assert (member.kind, member.activity_prefectures, member.multi_industry) == (
        "economic_organization",
        ["02", "03"],
        True,
    )
    assert member.key == "keizai1"


def test_an_other_local_government_keeps_its_area_prefectures(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = form_values(editor_client.post(URL, single(data, add="olg")), "declaration-form")

    save(
        editor_client,
        URL,
        single(data, olg__0__name="関西広域連合", olg__0__area_prefectures=["26", "27"]),
    )

    member = draft.members.get()
    assert (member.kind, member.area_prefectures) == ("other_local_government", ["26", "27"])


def test_a_blank_added_row_is_not_saved(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = form_values(editor_client.post(URL, single(data, add="body")), "declaration-form")

    save(editor_client, URL, data)

    assert draft.members.count() == 0


def test_a_row_marked_for_deletion_is_removed_on_save_and_the_others_keep_their_keys(
    editor_client, draft
):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = pick(editor_client, URL, data, "022021")
    data = pick(editor_client, URL, data, "022039")
    save(editor_client, URL, data)
    data = form_values(editor_client.get(URL), "declaration-form")

    save(editor_client, URL, single(data, lg__0__DELETE="on"))

    assert list(draft.members.values_list("key", "name")) == [("city022039", "八戸市")]


def test_saving_a_draft_never_fails_because_of_a_rule(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = save(editor_client, URL, data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.version == 2
    page = editor_client.get(URL)
    assert "declaration.region_name" in finding_codes(page)
    assert "下書きを保存しました" in page.content.decode()


# ---------------------------------------------------------------- the checklist


def test_checklist_shows_multi_prefecture_until_a_second_prefecture_is_added(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = pick(editor_client, URL, data, "022021")  # 弘前市
    data = pick(editor_client, URL, data, "022039")  # 八戸市
    save(editor_client, URL, data)
    page = editor_client.get(URL)
    assert "members.multi_prefecture" in finding_codes(page)

    data = pick(editor_client, URL, form_values(page, "declaration-form"), "032018")  # 盛岡市
    save(editor_client, URL, data)

    assert "members.multi_prefecture" not in finding_codes(editor_client.get(URL))


def test_checklist_groups_findings_by_clause_and_links_each_to_its_field(editor_client, draft):
    Member.objects.create(
        revision=draft,
        organization=Organization.objects.create(name="架空市", kind="municipality"),
        key="fake",
        name="架空市",
        kind="municipality",
        lg_code="999999",
    )

    response = editor_client.get(URL)

    checklist = response.context["checklist"]
    assert [group.clause for group in checklist.groups] == ["第3"]
    hrefs = {item.finding.code: item.href for item in checklist.groups[0].items}
    assert hrefs["declaration.region_name"] == "#id_region_name"
    assert hrefs["declaration.aspiration"] == "#id_aspiration"
    assert hrefs["members.lg_code"] == "#id_lg-0-lg_code"
    html = response.content.decode()
    assert 'id="id_lg-0-lg_code"' in html and 'href="#id_lg-0-lg_code"' in html


def test_checklist_of_a_read_only_revision_links_to_the_shown_items(client, draft, viewer):
    client.force_login(viewer)

    response = client.get(URL)

    hrefs = {i.finding.code: i.href for g in response.context["checklist"].groups for i in g.items}
    assert hrefs["declaration.region_name"] == "#region_name"
    assert 'id="region_name"' in response.content.decode()


# ---------------------------------------------------------------- wrong types and bad input


def test_a_date_that_is_not_a_date_is_refused_next_to_the_field_and_kept(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = save(editor_client, URL, data, declared_on="2026-02-30", region_name="残る名前")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_declared_on_error"' in html
    assert 'type="text" name="declared_on" value="2026-02-30"' in html
    assert 'value="残る名前"' in html
    draft.refresh_from_db()
    assert (draft.region_name, draft.version) == ("", 1)


def test_a_date_outside_1900_to_2999_is_refused(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = save(editor_client, URL, data, declared_on="9999-12-31")

    assert "1900年から2999年までの日付" in response.content.decode()


def test_a_date_written_with_slashes_is_accepted(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    save(editor_client, URL, data, declared_on="2026/4/1")

    draft.refresh_from_db()
    assert draft.declared_on == date(2026, 4, 1)


def test_text_over_the_models_limit_is_refused_and_kept(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    long_name = "長" * 201

    response = save(editor_client, URL, data, region_name=long_name)

    assert response.status_code == 200
    assert long_name in response.content.decode()
    assert "id_region_name_error" in response.content.decode()
    draft.refresh_from_db()
    assert draft.region_name == ""


def test_very_long_text_everywhere_answers_without_error(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    huge = "あ" * 100_000

    response = save(editor_client, URL, data, aspiration=huge, other_fields=huge, q=huge)

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.aspiration == ""


def test_control_characters_are_dropped_and_html_is_shown_as_text(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    script = '<script>alert("x")</script>'

    save(
        editor_client,
        URL,
        data,
        region_name=f"瀬戸内\x01\x07\x1b{script}",
        aspiration="一行目\r\n二行目\x0b",
    )

    draft.refresh_from_db()
    assert draft.region_name == f"瀬戸内{script}"
    assert draft.aspiration == "一行目\n二行目"
    html = editor_client.get(URL).content.decode()
    assert script not in html
    assert "&lt;script&gt;" in html


def test_an_unknown_member_kind_is_refused_next_to_the_field(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = pick(editor_client, URL, data, "022012")

    response = save(editor_client, URL, data, lg__0__kind="economic_organization")

    assert response.status_code == 200
    assert "id_lg-0-kind_error" in response.content.decode()
    assert draft.members.count() == 0


def test_an_unknown_prefecture_code_is_refused(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = form_values(editor_client.post(URL, single(data, add="eco")), "declaration-form")

    response = save(
        editor_client,
        URL,
        data,
        eco__0__name="経済団体",
        eco__0__activity_prefectures=["48", "<b>"],
    )

    assert response.status_code == 200
    assert "id_eco-0-activity_prefectures_error" in response.content.decode()


@pytest.mark.parametrize("total", ["", "abc", "-1", "100000", "1e3", "\x00"])
def test_tampered_management_forms_are_a_bad_request_never_500(editor_client, draft, total):
    """More cases, and the project and vision forms: tests/staff/test_formset_bounds.py."""
    data = form_values(editor_client.get(URL), "declaration-form")

    for extra in ({"save": "1"}, {"add": "lg"}, {"pick": "022012"}):
        response = editor_client.post(URL, {**data, "lg-TOTAL_FORMS": total, **extra})
        assert response.status_code == 400


@pytest.mark.parametrize("value", ["", "unknown", "pref:999999", "pref:", "0" * 5000, "<x>"])
def test_a_forged_pick_adds_nothing(editor_client, draft, value):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = editor_client.post(URL, single(data, pick=value))

    assert response.status_code == 200
    assert 'name="lg-0-name"' not in response.content.decode()


def test_a_forged_add_prefix_adds_nothing(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = editor_client.post(URL, single(data, add="version"))

    assert response.status_code == 200
    assert "行を追加できませんでした" in response.content.decode()


def test_a_forged_member_key_gets_a_new_key_and_a_repeated_key_is_not_shared(
    editor_client, draft, other_region
):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = pick(editor_client, URL, data, "022021")
    data = pick(editor_client, URL, data, "022039")
    save(editor_client, URL, data)
    data = form_values(editor_client.get(URL), "declaration-form")
    data = pick(editor_client, URL, data, "032018")

    save(
        editor_client,
        URL,
        data,
        lg__1__key="city022021",  # the first row's key, claimed twice
        lg__2__key="../../etc" + "x" * 500,
    )

    keys = list(draft.members.order_by("position").values_list("key", flat=True))
    assert keys[0] == "city022021"
    assert len(set(keys)) == 3 and all(len(key) <= 80 for key in keys)
    assert "etc" not in "".join(keys)


def test_a_key_of_another_regions_member_is_not_taken_over(editor_client, draft, other_region):
    from tests.factories import DeclarationFactory, DeclarationRevisionFactory, MemberFactory

    foreign = MemberFactory(
        revision=DeclarationRevisionFactory(declaration=DeclarationFactory(region=other_region)),
        key="secret",
        name="他地域の大学",
    )
    data = form_values(editor_client.get(URL), "declaration-form")
    data = form_values(editor_client.post(URL, single(data, add="body")), "declaration-form")

    save(
        editor_client,
        URL,
        data,
        body__0__key="secret",
        body__0__name="うちの大学",
        body__0__kind="university",
    )

    member = draft.members.get()
    assert member.key != "secret" and member.organization_id != foreign.organization_id
    foreign.refresh_from_db()
    assert foreign.name == "他地域の大学"


@pytest.mark.parametrize("version", ["", "abc", "-1", "999", "1.0", "1" * 400])
def test_a_tampered_version_is_a_conflict_never_a_silent_overwrite(editor_client, draft, version):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = save(editor_client, URL, data, version=version, region_name="改ざん")

    assert response.status_code == 200
    assert response.context["conflict"] is not None
    draft.refresh_from_db()
    assert (draft.region_name, draft.version) == ("", 1)


def test_extra_fields_naming_other_objects_are_ignored(editor_client, draft, other_region):
    from tests.factories import DeclarationFactory, DeclarationRevisionFactory

    foreign = DeclarationRevisionFactory(declaration=DeclarationFactory(region=other_region))
    data = form_values(editor_client.get(URL), "declaration-form")

    save(
        editor_client,
        URL,
        data,
        revision=str(foreign.pk),
        pk=str(foreign.pk),
        declaration=str(foreign.declaration_id),
        region_name="自分の版",
    )

    foreign.refresh_from_db()
    draft.refresh_from_db()
    assert draft.region_name == "自分の版" and foreign.region_name == "瀬戸内テスト広域リージョン"


# ---------------------------------------------------------------- concurrency


def test_the_later_of_two_editors_is_told_and_sees_both_versions(client, draft, editor, region):
    from django.test import Client

    other = UserFactory(username="editor2")
    RegionRole.objects.create(user=other, region=region, role=RegionRole.Role.EDITOR)
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(other)
    mine = form_values(first.get(URL), "declaration-form")
    theirs = form_values(second.get(URL), "declaration-form")

    assert save(second, URL, theirs, region_name="先に保存した名前").status_code == 302
    response = save(first, URL, mine, region_name="後から保存した名前")

    assert response.status_code == 200
    html = response.content.decode()
    assert "あなたが開いた後に別の人が保存しました" in html
    assert 'value="後から保存した名前"' in html  # mine, kept in the form
    assert "先に保存した名前" in html  # theirs, shown beside it
    draft.refresh_from_db()
    assert (draft.region_name, draft.version) == ("先に保存した名前", 2)

    again = form_values(response, "declaration-form")
    assert again["version"] == ["2"]
    assert save(first, URL, again).status_code == 302
    draft.refresh_from_db()
    assert (draft.region_name, draft.version) == ("後から保存した名前", 3)


def test_the_version_is_checked_and_bumped_in_one_update(draft):
    from declarations.services import DraftConflict
    from workflow.drafts import DeclarationDraft, declaration_draft_save

    declaration_draft_save(revision=draft, version=1, draft=DeclarationDraft(region_name="A"))
    stale = DeclarationRevision.objects.get(pk=draft.pk)
    stale.version = 1
    with pytest.raises(DraftConflict):
        declaration_draft_save(revision=stale, version=1, draft=DeclarationDraft(region_name="B"))
    draft.refresh_from_db()
    assert (draft.region_name, draft.version) == ("A", 2)


# ---------------------------------------------------------------- submitting


@pytest.fixture
def reviewer():
    user = UserFactory(username="reviewer", email="reviewer@soumu.example.jp")
    user.groups.add(Group.objects.get_or_create(name=REVIEWER_GROUP)[0])
    return user


def submit_page(client):
    return client.get(URL)


def test_submit_is_refused_while_errors_remain(editor_client, draft):
    response = editor_client.post(URL + "submit/", {"version": "1"}, follow=True)

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert "エラーが" in response.content.decode() and "送付できません" in response.content.decode()


def test_submit_needs_every_warning_acknowledged_one_by_one(
    editor_client, imported, reviewer, django_capture_on_commit_callbacks, mailoutbox
):
    revision = imported.declaration_revision
    member = revision.members.get(kind="economic_organization")
    member.activity_prefectures = ["33", "34"]  # 香川県 not covered: a warning
    member.save()
    page = editor_client.get(URL)
    warnings = page.context["checklist"].warning_items
    assert [item.finding.code for item in warnings] == ["members.economic_coverage"]
    assert 'name="acknowledge"' in page.content.decode()

    editor_client.post(URL + "submit/", {"version": str(revision.version)})
    revision.refresh_from_db()
    assert revision.status == Status.DRAFT

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            URL + "submit/",
            {"version": str(revision.version), "acknowledge": [warnings[0].ack_value]},
            follow=True,
        )

    revision.refresh_from_db()
    assert revision.status == Status.SUBMITTED
    assert "送付しました" in response.content.decode()
    assert [m.to for m in mailoutbox] == [["reviewer@soumu.example.jp"]]


def test_a_forged_acknowledgement_does_not_acknowledge_another_warning(editor_client, imported):
    revision = imported.declaration_revision
    member = revision.members.get(kind="economic_organization")
    member.activity_prefectures = ["33", "34"]
    member.save()

    editor_client.post(
        URL + "submit/",
        {
            "version": str(revision.version),
            "acknowledge": ["members.economic_coverage|other", "|", "x"],
        },
    )

    revision.refresh_from_db()
    assert revision.status == Status.DRAFT


def test_a_pdf_that_cannot_be_made_no_longer_stops_the_submission(
    editor_client, imported, monkeypatch, django_capture_on_commit_callbacks
):
    """The PDFs are made by the worker after the 送付 (ADR 0102): a renderer that fails leaves
    the 送付 standing, the receipt saying 「作成中」 and the error on the build for a retry."""
    from documents import declaration_pdf
    from documents.models import DocumentBuild, FrozenDocument
    from documents.render import PdfError

    def broken(*args, **kwargs):
        raise PdfError("font missing")

    # Fault injection: the renderer fails as it would without its font.
    monkeypatch.setattr(declaration_pdf, "render_pdf", broken)
    revision = imported.declaration_revision
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            URL + "submit/", {"version": str(revision.version)}, follow=True
        )

    assert response.status_code == 200
    html = response.content.decode()
    assert "を総務省へ送付しました" in html and "作成中です" in html
    revision.refresh_from_db()
    assert revision.status == Status.SUBMITTED
    assert not FrozenDocument.objects.exists()
    build = DocumentBuild.objects.get()
    assert (build.status, build.attempts) == (DocumentBuild.Status.PENDING, 1)
    assert "font missing" in build.last_error


def test_submit_with_a_stale_version_is_refused(editor_client, imported):
    revision = imported.declaration_revision

    response = editor_client.post(URL + "submit/", {"version": "0"}, follow=True)

    revision.refresh_from_db()
    assert revision.status == Status.DRAFT
    assert "保存し直されました" in response.content.decode()


def test_a_submitted_revision_is_shown_read_only_and_cannot_be_saved(
    editor_client, imported, editor
):
    revision = imported.declaration_revision
    revision_submit(revision=revision, actor=editor)

    page = editor_client.get(URL)
    assert 'id="declaration-form"' not in page.content.decode()
    assert "審査中のため" in page.content.decode()

    response = editor_client.post(
        URL,
        {"region_name": "凍結を破る", "save": "1", "version": str(revision.version)},
        follow=True,
    )
    assert response.status_code == 200
    assert "凍結" in response.content.decode()
    revision.refresh_from_db()
    assert revision.region_name == "瀬戸内広域リージョン"


def test_a_returned_revision_is_reopened_from_the_page(editor_client, imported, editor, reviewer):
    revision = imported.declaration_revision
    revision_submit(revision=revision, actor=editor)
    revision_return(revision=revision, actor=reviewer, comment="区域を確認してください")

    page = editor_client.get(URL)
    assert "編集を再開する" in page.content.decode()
    editor_client.post(URL + "reopen/")

    revision.refresh_from_db()
    assert revision.status == Status.DRAFT
    assert 'id="declaration-form"' in editor_client.get(URL).content.decode()


# ---------------------------------------------------------------- change and abolition


@pytest.fixture
def published(imported, editor):
    revision = publish(imported.declaration_revision, editor)
    publish(imported.vision_revision, editor)
    return revision


def test_a_change_starts_from_the_latest_published_revision_prefilled(
    editor_client, published, region
):
    response = editor_client.post("/staff/setouchi/declaration/change/")

    change = declaration(region, 2)
    assert response["Location"] == "/staff/setouchi/declaration/2/"
    assert (
        "連携宣言書 第2版（変更）を作成しました"
        in editor_client.get(response["Location"]).content.decode()
    )
    assert (change.kind, change.status, change.is_minor) == (Kind.CHANGED, Status.DRAFT, False)
    assert change.region_name == published.region_name
    assert list(change.members.values_list("key", "organization_id")) == list(
        published.members.values_list("key", "organization_id")
    )
    assert list(change.fields.values_list("code", "text")) == list(
        published.fields.values_list("code", "text")
    )


def test_a_change_records_minor_or_not_and_the_consultation_date(editor_client, published, region):
    editor_client.post("/staff/setouchi/declaration/change/")
    url = "/staff/setouchi/declaration/2/"
    page = editor_client.get(url)
    assert "change.consultation" in finding_codes(page)

    data = form_values(page, "declaration-form")
    save(editor_client, url, data, consulted_on="2026-05-01", reason="構成団体の追加")

    change = declaration(region, 2)
    assert (change.consulted_on, change.reason, change.is_minor) == (
        date(2026, 5, 1),
        "構成団体の追加",
        False,
    )
    assert "change.consultation" not in finding_codes(editor_client.get(url))


def test_members_are_added_through_the_change(editor_client, published, region):
    editor_client.post("/staff/setouchi/declaration/change/")
    url = "/staff/setouchi/declaration/2/"
    data = form_values(editor_client.get(url), "declaration-form")
    data = pick(editor_client, url, data, "372013")  # 高松市

    save(editor_client, url, data)

    change = declaration(region, 2)
    assert change.members.count() == published.members.count() + 1
    assert published.members.filter(key="city372013").count() == 0


def test_no_change_while_another_revision_is_pending(editor_client, imported, editor):
    revision_submit(revision=imported.declaration_revision, actor=editor)

    response = editor_client.post("/staff/setouchi/declaration/change/", follow=True)

    assert "審査中" in response.content.decode()
    assert DeclarationRevision.objects.count() == 1


def test_abolition_records_its_reason_and_consultation_date(editor_client, published, region):
    page = editor_client.get("/staff/setouchi/declaration/abolish/")
    assert page.status_code == 200

    refused = editor_client.post(
        "/staff/setouchi/declaration/abolish/", {"reason": "", "consulted_on": ""}
    )
    assert (
        refused.status_code == 200
        and not declaration(region, 1).declaration.revisions.filter(number=2).exists()
    )

    response = editor_client.post(
        "/staff/setouchi/declaration/abolish/",
        {"reason": "連携の目的を達成したため", "consulted_on": "2027-03-01"},
    )

    abolition = declaration(region, 2)
    assert response["Location"] == "/staff/setouchi/declaration/2/"
    assert (abolition.kind, abolition.reason, abolition.consulted_on) == (
        Kind.ABOLISHED,
        "連携の目的を達成したため",
        date(2027, 3, 1),
    )
    assert abolition.members.count() == published.members.count()
    page = editor_client.get("/staff/setouchi/declaration/2/")
    assert 'name="region_name"' not in page.content.decode()
    assert 'name="reason"' in page.content.decode()
    assert "連携宣言書 第2版（廃止）を作成しました" in page.content.decode()
    assert "連携宣言の廃止" in refused.content.decode()


# ---------------------------------------------------------------- queries


def test_the_edit_page_queries_do_not_grow_with_the_members(
    editor_client, draft, django_assert_max_num_queries
):
    def add_members(count):
        start = draft.members.count()
        for index in range(start, start + count):
            organization = Organization.objects.create(name=f"大学{index}", kind="university")
            Member.objects.create(
                revision=draft,
                organization=organization,
                key=f"u{index}",
                name=f"大学{index}",
                kind="university",
                position=index,
            )

    add_members(3)
    with django_assert_max_num_queries(40) as few:
        editor_client.get(URL)
    add_members(60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_client.get(URL)


# ---------------------------------------------------------------- garbage everywhere

GARBAGE = {
    "version": ["\x00", "9" * 40],
    "save": "1",
    "region_name": "<script>alert(1)</script>" * 20,
    "aspiration": "\x00\x1f" * 10_000,
    "declared_on": "0000-00-00",
    "consulted_on": "2026-99-99",
    "reason": "理" * 30_000,
    "fields": ["industry", "nope", ""],
    "lg-TOTAL_FORMS": "3",
    "lg-INITIAL_FORMS": "9",
    "lg-0-kind": "<b>",
    "lg-0-lg_code": "1" * 1000,
    "lg-0-key": "../" * 100,
    "eco-TOTAL_FORMS": "x",
    "eco-0-activity_prefectures": ["00", "99", "01"],
    "implementers": ["okayama", "x" * 500],
    "joint_body_of": ["keizai", ""],
    "budget-TOTAL_FORMS": "2",
    "budget-INITIAL_FORMS": "0",
    "budget-0-fiscal_year": "1e400",
    "budget-0-amount": "9" * 5000,
    "budget-1-fiscal_year": "2026",
    "budget-1-amount": "-0",
    "milestones-TOTAL_FORMS": "-3",
    "acknowledge": ["|", "a|b", "x" * 1000],
    "confirm": "1",
    "q": "\x00" * 500,
}


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"add": "lg"},
        {"add": "budget"},
        {"pick": "pref:"},
        {"search": "1"},
        {"add_project": "1"},
    ],
)
def test_garbage_posted_to_every_staff_url_never_answers_500(editor_client, imported, extra):
    project = imported.vision_revision.projects.first()
    urls = [
        "/staff/setouchi/",
        "/staff/setouchi/import/",
        "/staff/setouchi/export/?revision=\x00",
        "/staff/setouchi/declaration/new/",
        "/staff/setouchi/declaration/change/",
        "/staff/setouchi/declaration/abolish/",
        "/staff/setouchi/declaration/1/",
        "/staff/setouchi/declaration/1/search/?q=%00%FF",
        "/staff/setouchi/declaration/1/submit/",
        "/staff/setouchi/declaration/1/reopen/",
        "/staff/setouchi/vision/new/",
        "/staff/setouchi/vision/change/",
        "/staff/setouchi/vision/abolish/",
        "/staff/setouchi/vision/1/",
        "/staff/setouchi/vision/1/submit/",
        "/staff/setouchi/vision/1/reopen/",
        f"/staff/setouchi/vision/1/projects/{project.pk}/",
        f"/staff/setouchi/vision/1/projects/{project.pk}/delete/",
    ]
    before = dumps_bundle(filing_from_revisions(*revisions_for_export(imported.region)))

    for url in urls:
        assert editor_client.get(url).status_code < 500, url
        assert editor_client.post(url, {**GARBAGE, **extra}).status_code < 500, url

    after = dumps_bundle(filing_from_revisions(*revisions_for_export(imported.region)))
    assert after == before  # every save refused: nothing of the filing changed


# ---------------------------------------------------------------- よみがな (ADR 0087)


def test_the_reading_is_saved_in_hiragana_from_what_the_editor_types(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = save(
        editor_client,
        URL,
        data,
        region_name="中部広域リージョン",
        region_name_kana="チュウブ コウイキ",
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.region_name_kana == "ちゅうぶこういき"


def test_a_blank_reading_is_filled_from_the_name_and_offered_on_the_form(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    save(editor_client, URL, data, region_name="三重・愛知連携", region_name_kana="")

    draft.refresh_from_db()
    assert draft.region_name_kana == "みえ・あいちれんけい"
    shown = form_values(editor_client.get(URL), "declaration-form")
    assert shown["region_name_kana"] == ["みえ・あいちれんけい"]


def test_a_reading_in_kanji_is_refused_and_nothing_typed_is_lost(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")

    response = save(editor_client, URL, data, region_name="中部の地域", region_name_kana="中部")

    assert response.status_code == 200
    assert "よみがなは、ひらがなかカタカナで書いてください" in response.content.decode()
    assert form_values(response, "declaration-form")["region_name"] == ["中部の地域"]
    draft.refresh_from_db()
    assert draft.region_name == ""
