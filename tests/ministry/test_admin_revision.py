"""The reviewers' page of one revision: the content as the document reads, the rule checklist
with clauses, the difference to the previous published revision (members, fields, text with
the changed words marked, projects, budgets per fiscal year), the stored PDFs, and who may
open it."""

import re
from dataclasses import replace
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from declarations.lifecycle import Status
from declarations.services import revision_transition
from filing.bundle import read_bundle_file
from filing.data import (
    BudgetData,
    FieldCode,
    FieldEntry,
    MemberData,
    MemberKind,
    ProjectData,
    RevisionInfo,
    RevisionKind,
)
from tests.factories import UserFactory
from tests.review_helpers import BUNDLES, make_documents, revision_url, signed_in, submit
from workflow.adapter import filing_import
from workflow.verbs import revision_accept, revision_submit

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page's text without tags, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def section(response, section_id: str) -> str:
    html = response.content.decode()
    start = html.index(f'id="{section_id}"')
    end = html.find('<section class="review-section"', start + 1)
    return html[start : end if end != -1 else len(html)]


# ---------------------------------------------------------------- the content


def test_the_declaration_reads_as_the_document_with_its_members_and_fields(
    reviewer_client, submitted
):
    page = reviewer_client.get(revision_url(submitted.declaration_revision))
    assert page.status_code == 200
    content = text(page)
    for expected in (
        "瀬戸内広域リージョン 連携宣言書 第1版",
        "1 宣言リージョンの名称及び区域",
        "岡山県、広島県、香川県",  # the area, from the local-government members
        "2 リージョン構成団体",
        "瀬戸内広域連合",
        "その他の地方公共団体（広域連合・一部事務組合）",
        "団体コード 342084（広島県）",  # 広島県府中市 is the 府中市 of 広島県
        "活動範囲: 岡山県、広島県、香川県",
        "3 宣言リージョンの目指すべき姿",
        "若者が働きたいと思える仕事",
        "4 取り組むことを想定する分野",
        "A 産業振興",
        "その他（高度専門人材の育成）",
    ):
        assert expected in content, expected
    order = [
        content.index(h)
        for h in ("1 宣言リージョン", "2 リージョン構成団体", "3 宣言リージョン", "4 取り組む")
    ]
    assert order == sorted(order)


def test_the_vision_shows_every_project_item_with_budgets_in_yen(reviewer_client, submitted):
    page = reviewer_client.get(revision_url(submitted.vision_revision))
    content = text(page)
    for expected in (
        "① 中長期的な目指すべき姿",
        "② ロードマップ",
        "③ プロジェクト",
        "プロジェクト 1: 瀬戸内先端ものづくりクラスター形成プロジェクト",
        "イ 実施主体",
        "瀬戸内工科大学",  # member keys shown by the member's name
        "瀬戸内旅行業協会（構成団体以外）",
        "総事業費 300,000,000円",
        "2026年度 80,000,000円",
        "年度別の合計 300,000,000円",
        "予算措置を伴わない",
        "キ 期間",
        "2026年4月1日 〜 2029年3月31日",
        "検証（第4(3)）",
    ):
        assert expected in content, expected


def test_the_vision_shows_each_projects_targets_as_a_table(reviewer_client, submitted):
    """A first vision has no diff: its targets (第4(2)②) must be on the review page itself."""
    page = reviewer_client.get(revision_url(submitted.vision_revision))
    html = page.content.decode()
    assert html.count('class="review-table review-table--compact review-targets"') == 3
    content = text(page)
    for expected in (
        "目標（指標）",
        "クラスターへの企業立地件数（社、",
        "0社（令和8年3月31日時点）",
        "令和8年度 2社",
        "6社（令和10年度）",
        "各県の企業立地統計",
        "自家用車による観光移動の割合（%、",
    ):
        assert expected in content, expected


def test_the_checklist_lists_each_rule_with_its_clause_and_result(reviewer_client, submitted):
    page = reviewer_client.get(revision_url(submitted.declaration_revision))
    checklist = text(page).split("要綱の各規則に照らした結果", 1)[1].split("前の公表版との差分")[0]
    assert "第3(3)ア members.multi_prefecture" in checklist
    assert "第3(2)④ declaration.fields" in checklist
    assert "project.name" not in checklist  # the vision's rules are on the vision's page
    rows = page.context["checklist"]
    assert all(row.passed or not row.errors for row in rows)
    vision_page = reviewer_client.get(revision_url(submitted.vision_revision))
    codes = [row.code for row in vision_page.context["checklist"]]
    assert {"vision.aspiration", "project.budget", "members.in_project"} <= set(codes)
    assert "members.multi_prefecture" not in codes


def test_the_checklist_scrolls_in_a_named_region_reached_by_the_keyboard(
    reviewer_client, submitted
):
    """On a phone the checklist table scrolls sideways inside its wrapper, which holds no
    link: the wrapper itself takes the focus and is a named region (axe-core
    scrollable-region-focusable, WCAG 2.1.1), as the public pages' tables do."""
    html = section(reviewer_client.get(revision_url(submitted.vision_revision)), "checklist-h")
    wrapper = re.search(r'<div class="review-table-wrap"[^>]*>', html).group(0)
    assert 'tabindex="0"' in wrapper
    assert 'role="region"' in wrapper
    assert 'aria-labelledby="checklist-h"' in wrapper


def test_findings_are_shown_next_to_the_item_they_concern(reviewer_client, imported, editor):
    revision = imported.declaration_revision
    member = revision.members.get(key="keizai")
    member.activity_prefectures = []
    member.save()
    submit(revision, editor)  # forced: the submit service would refuse this error
    page = reviewer_client.get(revision_url(revision))
    html = page.content.decode()
    row = html.split('id="item-members-7"', 1)[1].split("</tr>", 1)[0]
    assert "members.activity_area" in row and "エラー" in row
    assert page.context["errors"] >= 1


def test_the_page_says_making_until_the_worker_has_made_the_pdfs_then_links_them(
    reviewer_client, imported, editor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    revision = imported.declaration_revision
    revision_submit(revision=revision, actor=editor)
    html = reviewer_client.get(revision_url(revision)).content.decode()
    assert html.count("作成中（できあがると SHA-256 が表示されます") == 2
    assert f"/documents/declaration/{revision.pk}/document.pdf" not in html

    make_documents()

    page = reviewer_client.get(revision_url(revision))
    pdfs = page.context["stored_documents"]
    assert len(pdfs) == 2, "documents.selectors.documents_for lists the stored PDFs"
    html = page.content.decode()
    assert "作成中（" not in html
    for link in pdfs:
        assert link.get_absolute_url() in html
        assert link.sha256 and link.sha256 in html


def test_a_failed_build_tells_the_reviewer_that_operators_make_it_again(
    reviewer_client, imported, editor
):
    from documents.models import DocumentBuild

    revision_submit(revision=imported.declaration_revision, actor=editor)
    DocumentBuild.objects.update(status=DocumentBuild.Status.FAILED)

    html = reviewer_client.get(revision_url(imported.declaration_revision)).content.decode()

    assert html.count("作成に失敗しました。運用担当が再作成します") == 2


def test_the_page_query_count_is_bounded(reviewer_client, submitted):
    for revision in (submitted.declaration_revision, submitted.vision_revision):
        with CaptureQueriesContext(connection) as queries:
            assert reviewer_client.get(revision_url(revision)).status_code == 200
        assert len(queries) <= 35, [q["sql"][:120] for q in queries.captured_queries]


# ---------------------------------------------------------------- who may open it


def test_anonymous_and_region_staff_are_sent_to_the_admin_log_in(client, submitted, editor):
    url = revision_url(submitted.declaration_revision)
    for visitor in (client, signed_in(editor)):
        response = visitor.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_staff_without_the_reviewer_group_get_403(submitted):
    clerk = UserFactory(username="clerk", is_staff=True)
    assert signed_in(clerk).get(revision_url(submitted.declaration_revision)).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reviews/review/revisions/declaration/999999/",
        "/admin/reviews/review/revisions/vision/999999/",
        "/admin/reviews/review/revisions/project/1/",
        "/admin/reviews/review/revisions/%3Cscript%3E/1/",
    ],
)
def test_wrong_ids_and_documents_answer_404(reviewer_client, submitted, url):
    assert reviewer_client.get(url).status_code == 404


def test_a_non_numeric_id_is_not_a_server_error(reviewer_client, submitted):
    response = reviewer_client.get("/admin/reviews/review/revisions/declaration/abc/", follow=True)
    assert response.status_code in (200, 404)
    assert response.redirect_chain == [] or response.redirect_chain[-1][1] == 302


def test_a_draft_the_region_never_sent_is_not_shown_to_reviewers(reviewer_client, imported):
    assert reviewer_client.get(revision_url(imported.declaration_revision)).status_code == 404


def test_the_vision_id_under_the_declaration_path_is_not_confused(reviewer_client, submitted):
    """A vision's pk under /declaration/ finds the declaration with that pk, or nothing."""
    vision = submitted.vision_revision
    response = reviewer_client.get(f"/admin/reviews/review/revisions/declaration/{vision.pk}/")
    if response.status_code == 200:
        assert response.context["revision"].document == "declaration"
    else:
        assert response.status_code == 404


# ---------------------------------------------------------------- the difference


@pytest.fixture
def changed_pair(imported, editor):
    """Revision 1 published; revision 2 (a change) submitted: a member added, one removed and
    one renamed; a field added and one removed; the aspiration reworded; a project's budget
    changed, one project removed and one added."""
    submit(imported.declaration_revision, editor)
    submit(imported.vision_revision, editor)
    revision_accept(revision=imported.declaration_revision, actor=None)
    revision_accept(revision=imported.vision_revision, actor=None)
    v1 = read_bundle_file(BUNDLES / "valid_region.json")
    members = [m for m in v1.members if m.key != "bank"]
    members = [replace(m, name="瀬戸内科学技術大学") if m.key == "univ" else m for m in members]
    members.append(
        MemberData(
            key="blue", name="瀬戸内ブルーカーボン研究機構", kind=MemberKind.RESEARCH_INSTITUTE
        )
    )
    fields = (
        *tuple(f for f in v1.declaration.fields if f.code != FieldCode.TRANSPORT),
        FieldEntry(FieldCode.OTHER, "脱炭素"),
    )
    change = RevisionInfo(
        kind=RevisionKind.CHANGED, consulted_on=date(2026, 9, 1), reason="体制の見直し"
    )
    declaration = replace(
        v1.declaration,
        fields=fields,
        aspiration=v1.declaration.aspiration.replace("若者が働きたい", "若者と女性が働きたい"),
        revision=change,
    )
    first, second, _maas = v1.vision.projects
    first = replace(
        first,
        budget=BudgetData(
            total=330_000_000,
            by_fiscal_year=((2026, 80_000_000), (2027, 130_000_000), (2028, 120_000_000)),
        ),
    )
    added = ProjectData(
        name="瀬戸内ブルーカーボン・スマート養殖", content="藻場の再生", budget=None
    )
    vision = replace(v1.vision, projects=(first, second, added), revision=change)
    v2 = replace(v1, declaration=declaration, members=tuple(members), vision=vision)
    result = filing_import(v2, region=imported.region)
    submit(result.declaration_revision, editor)
    submit(result.vision_revision, editor)
    return result


def test_the_declaration_diff_shows_members_fields_and_changed_words(reviewer_client, changed_pair):
    page = reviewer_client.get(revision_url(changed_pair.declaration_revision))
    diff = section(page, "diff-section")
    plain = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", diff))
    assert "公表中の第1版との差分" in plain
    assert "追加 瀬戸内ブルーカーボン研究機構（研究機関）" in plain
    assert "削除 瀬戸内銀行（金融機関）" in plain
    assert "変更 瀬戸内科学技術大学（大学） 名称: 瀬戸内工科大学 → 瀬戸内科学技術大学" in plain
    assert "追加 その他（脱炭素）" in plain
    assert "削除 C 交通" in plain
    assert re.search(r"<ins>(<span[^>]*>［追加］</span>)?と女性</ins>", diff)
    assert page.context["diff"].projects_added == ()


def test_the_vision_diff_shows_projects_and_budgets_per_fiscal_year(reviewer_client, changed_pair):
    page = reviewer_client.get(revision_url(changed_pair.vision_revision))
    diff = section(page, "diff-section")
    plain = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", diff))
    assert "追加 瀬戸内ブルーカーボン・スマート養殖" in plain
    assert "削除 瀬戸内MaaS推進プロジェクト" in plain
    assert "変更 瀬戸内先端ものづくりクラスター形成プロジェクト" in plain
    # the project's own budget lines
    assert "総事業費 300,000,000円 330,000,000円 +30,000,000円" in plain
    assert "2027年度 100,000,000円 130,000,000円 +30,000,000円" in plain
    # all projects per fiscal year: 2027 was 100M + 50M (MaaS), is 130M
    totals = plain.split("年度別の事業費（全プロジェクトの合計）", 1)[1]
    assert "2027年度 150,000,000円 130,000,000円 −20,000,000円" in totals
    assert "2026年度 130,000,000円 80,000,000円 −50,000,000円" in totals
    assert (
        "瀬戸内銀行" not in plain.split("プロジェクト", 1)[0]
    )  # member changes belong to the declaration


def test_a_first_revision_has_no_diff(reviewer_client, submitted):
    page = reviewer_client.get(revision_url(submitted.declaration_revision))
    assert page.context["previous"] is None
    assert "公表された前の版がありません" in text(page)


def test_the_diff_compares_with_the_latest_published_revision_before_this_one(
    reviewer_client, changed_pair, imported
):
    page = reviewer_client.get(revision_url(changed_pair.declaration_revision))
    assert page.context["previous"].pk == imported.declaration_revision.pk
    first = reviewer_client.get(revision_url(imported.declaration_revision))
    assert first.context["previous"] is None


def test_a_returned_revision_is_still_readable_by_reviewers(reviewer_client, submitted, reviewer):
    revision_transition(
        revision=submitted.declaration_revision, new=Status.RETURNED, actor=reviewer
    )
    page = reviewer_client.get(revision_url(submitted.declaration_revision))
    assert page.status_code == 200
    assert not page.context["can_return"] and not page.context["can_accept"]
