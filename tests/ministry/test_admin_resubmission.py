"""A resubmission on the reviewers' pages (ADR 0094): the revision is headed with its 送付's
number and 受付番号 (「第2版・第2回送付（受付番号 …）」), the page shows what changed since the
returned 送付 as well as since the last published revision, and the queue names the 送付."""

import re
from dataclasses import replace
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from filing.bundle import read_bundle_file
from filing.data import RevisionInfo, RevisionKind
from ministry.presentation import diff_view
from reviews.models import Submission
from tests.review_helpers import BUNDLES, revision_url, submit
from workflow.adapter import filing_import
from workflow.verbs import revision_accept, revision_reopen, revision_return, revision_submit

pytestmark = pytest.mark.django_db


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def section(response, section_id: str) -> str:
    html = response.content.decode()
    start = html.index(f'id="{section_id}"')
    end = html.find('<section class="review-section"', start + 1)
    return html[start : end if end != -1 else len(html)]


@pytest.fixture
def resubmitted(imported, editor, reviewer):
    """Revision 1 published; revision 2 (a change rewording the aspiration) sent, returned,
    its 区域の補足 edited and sent again."""
    for published in (imported.declaration_revision, imported.vision_revision):
        submit(published, editor)
        revision_accept(revision=published, actor=None)
    v1 = read_bundle_file(BUNDLES / "valid_region.json")
    change = RevisionInfo(
        kind=RevisionKind.CHANGED, consulted_on=date(2026, 9, 1), reason="目指すべき姿の見直し"
    )
    declaration = replace(
        v1.declaration,
        aspiration=v1.declaration.aspiration.replace("若者が働きたい", "若者と女性が働きたい"),
        revision=change,
    )
    result = filing_import(
        replace(v1, declaration=declaration, vision=None), region=imported.region
    )
    revision = result.declaration_revision
    revision_submit(revision=revision, actor=editor)
    revision_return(revision=revision, actor=reviewer, comment="区域の補足を書いてください。")
    revision_reopen(revision=revision, actor=editor)
    revision.refresh_from_db()
    revision.area_note = "島しょ部を含む"
    revision.save()
    revision_submit(revision=revision, actor=editor)
    revision.refresh_from_db()
    return revision


def test_the_heading_names_the_submission_and_its_receipt_number(reviewer_client, resubmitted):
    second = Submission.objects.get(object_id=resubmitted.pk, sequence=2)
    page = reviewer_client.get(revision_url(resubmitted))
    heading = plain(page.content.decode().split("<h1", 1)[1].split("</h1>", 1)[0])
    assert f"第2版・第2回送付（受付番号 {second.receipt_number}）" in heading


def test_the_diff_since_the_returned_submission_shows_only_what_changed_since(
    reviewer_client, resubmitted
):
    page = reviewer_client.get(revision_url(resubmitted))
    first = Submission.objects.get(object_id=resubmitted.pk, sequence=1)

    returned = plain(section(page, "returned-diff-section"))
    assert "差し戻した送付との差分" in returned
    assert f"第1回送付（受付番号 {first.receipt_number}）" in returned
    assert "区域の補足" in returned and "島しょ部" in returned  # changed between the two 送付
    assert "女性" not in returned  # changed since publication, not since the return

    published = plain(section(page, "diff-section"))
    assert "公表中の第1版との差分" in published
    assert "女性" in published
    assert "区域の補足" in published and "島しょ部" in published
    assert 'href="#returned-diff-section"' in page.content.decode()


def test_a_first_submission_has_no_diff_since_a_returned_one(reviewer_client, imported, editor):
    revision_submit(revision=imported.declaration_revision, actor=editor)
    page = reviewer_client.get(revision_url(imported.declaration_revision))
    assert page.context["returned_submission"] is None
    assert 'id="returned-diff-section"' not in page.content.decode()
    assert "・第1回送付（受付番号 " in plain(page.content.decode())


def test_an_unchanged_resubmission_says_nothing_changed(
    reviewer_client, imported, editor, reviewer
):
    revision = imported.declaration_revision
    revision_submit(revision=revision, actor=editor)
    revision_return(revision=revision, actor=reviewer, comment="確認のため差し戻します。")
    revision_reopen(revision=revision, actor=editor)
    revision_submit(revision=revision, actor=editor)
    page = reviewer_client.get(revision_url(revision))
    assert page.context["returned_diff"].is_empty
    assert "前回の送付と違いはありません" in plain(section(page, "returned-diff-section"))


def test_the_queue_names_the_submission(reviewer_client, resubmitted):
    second = Submission.objects.get(object_id=resubmitted.pk, sequence=2)
    page = reviewer_client.get("/admin/reviews/review/queue/")
    assert f"・第2回送付（受付番号 {second.receipt_number}）" in plain(page.content.decode())


def test_the_page_query_count_stays_bounded(reviewer_client, resubmitted):
    with CaptureQueriesContext(connection) as queries:
        assert reviewer_client.get(revision_url(resubmitted)).status_code == 200
    assert len(queries) <= 37, [q["sql"][:120] for q in queries.captured_queries]


def test_diff_view_is_empty_is_the_filing_diffs():
    filing = read_bundle_file(BUNDLES / "valid_region.json")
    from declarations.selectors import master_data

    master = master_data()
    same = diff_view(filing, filing, "vision", master)
    assert same.is_empty and same.diff.is_empty
    renamed = replace(filing, declaration=replace(filing.declaration, aspiration="別の姿"))
    # the declaration changed, the vision did not: only the declaration's view has a change
    assert not diff_view(filing, renamed, "declaration", master).is_empty
    vision_view = diff_view(filing, renamed, "vision", master)
    assert vision_view.is_empty and vision_view.diff.is_empty
