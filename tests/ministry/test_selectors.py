"""The review's selectors (``ministry.selectors``): the queue with its filters and search
(drafts never in it), findings in bulk equal to ``workflow.verbs.revision_findings`` in a
fixed number of queries, the checklist of a document, the audit trail, and the overview
(counts by status, prefecture coverage, overdue verifications, projects ending soon).

The regions are imported and submitted without PDFs (``tests.review_helpers.submit``)."""

import datetime
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from declarations.lifecycle import Status
from declarations.selectors import master_data
from filing.engine import all_rules
from filing.findings import Finding, Severity
from ministry.audit import audit_trail
from ministry.selectors import (
    checklist,
    current_published_visions,
    declaration_revisions,
    findings_of,
    overdue_verifications,
    prefecture_coverage,
    projects_ending_soon,
    review_queue,
    status_counts,
    vision_revisions,
    with_findings,
)
from reviews.services import comment_post, thread_resolve
from tests.filing_factories import valid_filing, with_declaration, with_vision
from tests.review_helpers import submit
from workflow.adapter import filing_import
from workflow.verbs import revision_accept, revision_findings, revision_return

pytestmark = pytest.mark.django_db

SETOUCHI = "瀬戸内広域リージョン"
NORTHERN = "北海道・青森リージョン"


def submitted_region(filing, slug, editor):
    result = filing_import(filing, slug=slug)
    submit(result.declaration_revision, editor)
    if result.vision_revision is not None:
        submit(result.vision_revision, editor)
    return result


def published_region(filing, slug, editor):
    result = submitted_region(filing, slug, editor)
    for revision in (result.declaration_revision, result.vision_revision):
        revision_accept(revision=revision, actor=None)
        revision.refresh_from_db()
    return result


def age(revision, days: int):
    type(revision).objects.filter(pk=revision.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=days)
    )


def keys(rows):
    return [(row.revision.region.slug, row.document) for row in rows]


@pytest.fixture
def northern(submitted, editor):
    """北海道・青森 (tests.filing_factories), submitted after the 瀬戸内 test region."""
    return submitted_region(valid_filing(), "hokkaido-aomori", editor)


# ---------------------------------------------------------------- the queue


def test_the_queue_holds_submitted_revisions_oldest_submission_first(submitted, northern):
    age(submitted.declaration_revision, 10)
    age(northern.vision_revision, 8)
    age(submitted.vision_revision, 5)
    age(northern.declaration_revision, 2)

    rows = review_queue()

    assert keys(rows) == [
        ("setouchi", "declaration"),
        ("hokkaido-aomori", "vision"),
        ("setouchi", "vision"),
        ("hokkaido-aomori", "declaration"),
    ]
    assert [row.days_waiting for row in rows] == [10, 8, 5, 2]
    assert [row.region_name for row in rows] == [SETOUCHI, NORTHERN, SETOUCHI, NORTHERN]
    assert rows[0].prefectures == frozenset({"33", "34", "37"})
    assert rows[0].prefecture_names == ("岡山県", "広島県", "香川県")
    assert rows[1].prefecture_names == ("北海道", "青森県")  # a vision: its declaration's area
    assert (rows[0].errors, rows[0].warnings) == (None, None)  # counted by with_findings


def test_drafts_are_never_in_the_queue_whatever_the_filters(imported, editor):
    other = submitted_region(valid_filing(), "hokkaido-aomori", editor)

    assert keys(review_queue(status="")) == [
        ("hokkaido-aomori", "declaration"),
        ("hokkaido-aomori", "vision"),
    ]
    assert review_queue(status=Status.DRAFT) == []
    assert review_queue(status="", query="瀬戸内") == []
    assert review_queue(status="", prefecture="34") == []
    assert {row.revision.pk for row in review_queue(status="", document="declaration")} == {
        other.declaration_revision.pk
    }


def test_the_status_filter_defaults_to_submitted_and_empty_means_every_status(submitted, reviewer):
    revision_return(revision=submitted.vision_revision, actor=reviewer, comment="見直しを")

    assert keys(review_queue()) == [("setouchi", "declaration")]
    assert keys(review_queue(status=Status.RETURNED)) == [("setouchi", "vision")]
    assert sorted(keys(review_queue(status=""))) == [
        ("setouchi", "declaration"),
        ("setouchi", "vision"),
    ]
    returned = review_queue(status=Status.RETURNED)[0]
    assert returned.days_waiting is None  # only a submitted revision is waiting


def test_the_document_filter_keeps_one_document(submitted, northern):
    assert {row.document for row in review_queue(document="vision")} == {"vision"}
    assert len(review_queue(document="vision")) == 2
    assert len(review_queue(document="declaration")) == 2


def test_the_prefecture_filter_reads_the_area_of_the_declaration(submitted, northern):
    assert sorted(keys(review_queue(prefecture="34"))) == [
        ("setouchi", "declaration"),
        ("setouchi", "vision"),
    ]
    assert {slug for slug, _ in keys(review_queue(prefecture="02"))} == {"hokkaido-aomori"}
    assert review_queue(prefecture="47") == []


def test_the_field_filter_applies_to_the_vision_through_its_declaration(submitted, northern):
    # Only the 瀬戸内 declaration has 交通 (transport); both have 産業 (industry).
    assert sorted(keys(review_queue(field_code="transport"))) == [
        ("setouchi", "declaration"),
        ("setouchi", "vision"),
    ]
    assert len(review_queue(field_code="industry")) == 4


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("瀬戸内広域", {("setouchi", "declaration"), ("setouchi", "vision")}),
        ("hokkaido", {("hokkaido-aomori", "declaration"), ("hokkaido-aomori", "vision")}),
        ("瀬戸内工科大学", {("setouchi", "declaration"), ("setouchi", "vision")}),  # a member
        ("北方大学", {("hokkaido-aomori", "declaration"), ("hokkaido-aomori", "vision")}),
        ("MaaS推進", {("setouchi", "vision")}),  # a project: the vision only
        ("どこにもない名前", set()),
    ],
)
def test_search_finds_the_region_name_slug_member_or_project(submitted, northern, query, expected):
    rows = review_queue(query=query)
    assert set(keys(rows)) == expected
    assert len(rows) == len(expected)  # a name matching twice lists the revision once


def test_with_findings_counts_each_rows_errors_and_warnings(submitted, editor):
    broken = filing_import(
        with_declaration(valid_filing(), region_name="", aspiration=""), slug="broken"
    )
    submit(broken.declaration_revision, editor)

    rows = with_findings(review_queue(document="declaration"))

    for row in rows:
        found = revision_findings(row.revision)
        errors = sum(1 for f in found if f.is_error)
        assert (row.errors, row.warnings) == (errors, len(found) - errors)
    counts = {row.revision.region.slug: row.errors for row in rows}
    assert counts["setouchi"] == 0 and counts["broken"] >= 2


# ---------------------------------------------------------------- findings in bulk


@pytest.fixture
def mixed(submitted, editor):
    """Valid, broken and overdue revisions among the submitted ones."""
    broken = with_vision(
        with_declaration(valid_filing(), region_name="", aspiration=""), roadmap=""
    )
    submitted_region(broken, "broken", editor)
    today = timezone.localdate()
    submitted_region(
        with_vision(valid_filing(), verified_on=today - datetime.timedelta(days=800)),
        "overdue",
        editor,
    )
    return submitted


def test_findings_of_gives_the_same_findings_as_revision_findings(mixed):
    revisions = [*declaration_revisions(), *vision_revisions()]
    assert len(revisions) == 6

    found = findings_of(revisions)

    assert set(found) == {(r.document, r.pk) for r in revisions}
    for revision in revisions:
        expected = revision_findings(revision)
        assert found[(revision.document, revision.pk)] == expected
        assert all(f.document == revision.document for f in expected)
    assert any(found.values()), "some revision should have findings"


def test_findings_of_counts_from_the_given_day(mixed):
    visions = list(vision_revisions().filter(vision__region__slug="setouchi"))
    far = timezone.localdate() + datetime.timedelta(days=365 * 5)

    def verification(today):
        found = findings_of(visions, today=today)[("vision", visions[0].pk)]
        return [f.code for f in found if f.code == "vision.verification"]

    assert verification(None) == []
    assert verification(far) == ["vision.verification"]


def test_findings_of_costs_the_same_queries_for_few_or_many_revisions(submitted, editor):
    def count():
        revisions = [*declaration_revisions(), *vision_revisions()]
        with CaptureQueriesContext(connection) as queries:
            found = findings_of(revisions, master=master)
        assert len(found) == len(revisions)
        return len(queries.captured_queries)

    master = master_data()
    count()
    two = count()
    for index in range(3):
        submitted_region(valid_filing(), f"more-{index}", editor)
    eight = count()

    assert eight == two


# ---------------------------------------------------------------- the checklist


def test_the_checklist_of_a_declaration_lists_its_rules_in_order_with_their_findings():
    error = Finding("declaration.aspiration", "第3(2)", Severity.ERROR, "空です", "x")
    warning = Finding("members.economic_coverage", "第3(3)", Severity.WARNING, "注意", "y")
    elsewhere = Finding("vision.roadmap", "第4", Severity.ERROR, "ビジョンの指摘", "z")

    rows = checklist("declaration", [error, warning, elsewhere])

    assert [row.code for row in rows] == [
        rule.code for rule in all_rules() if rule.document == "declaration"
    ]
    assert "members.in_project" not in {row.code for row in rows}
    by_code = {row.code: row for row in rows}
    assert by_code["declaration.aspiration"].findings == (error,)
    assert (by_code["declaration.aspiration"].errors, by_code["declaration.aspiration"].passed) == (
        1,
        False,
    )
    assert by_code["members.economic_coverage"].warnings == 1
    assert by_code["declaration.region_name"].passed
    clause = {rule.code: rule.clause for rule in all_rules()}
    assert all(row.clause == clause[row.code] and row.description for row in rows)


def test_the_checklist_of_a_vision_has_its_rules_and_the_two_it_shares():
    rows = checklist("vision", [])

    assert [row.code for row in rows] == [
        rule.code
        for rule in all_rules()
        if rule.document == "vision" or rule.code == "change.consultation"
    ]
    codes = {row.code for row in rows}
    assert {"members.in_project", "change.consultation", "vision.verification"} <= codes
    assert "declaration.aspiration" not in codes
    assert all(row.passed for row in rows)


# ---------------------------------------------------------------- the audit trail


@pytest.fixture
def history(submitted, reviewer, editor):
    """Two imported drafts (their creation rows), two submissions, a comment and a reply, a
    resolution, a return, an acceptance and publication: 12 entries. Another region adds its
    two creations and two submissions."""
    declaration, vision = submitted.declaration_revision, submitted.vision_revision
    root = comment_post(
        revision=declaration, author=reviewer, body="区域を確認しました。", anchor="region",
        by_reviewer=True, valid_anchors=["region"],
    )  # fmt: skip
    comment_post(
        revision=declaration,
        author=editor,
        body="承知しました。",
        parent=root,
        by_reviewer=False,
    )
    thread_resolve(comment=root, actor=reviewer)
    revision_return(revision=vision, actor=reviewer, comment="期間を見直してください。")
    revision_accept(revision=declaration, actor=reviewer)
    submitted_region(valid_filing(), "hokkaido-aomori", editor)
    return submitted


def test_the_audit_trail_is_every_event_newest_first(history):
    entries, total = audit_trail()

    assert total == 16
    assert len(entries) == 16
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    kinds = [e.kind for e in entries]
    assert (kinds.count("status"), kinds.count("comment")) == (11, 2)
    created = [e for e in entries if e.kind == "status" and "取り込みました" in e.detail]
    assert len(created) == 4  # both documents of both regions
    assert (kinds.count("resolve"), kinds.count("review")) == (1, 2)
    returned = next(e for e in entries if e.kind == "review" and "期間" in e.detail)
    assert returned.revision.pk == history.vision_revision.pk
    assert returned.revision_label and returned.region.slug == "setouchi"
    reply = next(e for e in entries if e.kind == "comment" and e.detail == "承知しました。")
    assert reply.what == "返信（リージョンの担当者）"


def test_the_audit_trail_pages_with_limit_and_offset(history):
    everything, _ = audit_trail()
    pages = [audit_trail(limit=5, offset=offset) for offset in (0, 5, 10, 15)]

    assert [len(page) for page, _ in pages] == [5, 5, 5, 1]
    assert {total for _, total in pages} == {16}
    ids = [(e.kind, e.at) for page, _ in pages for e in page]
    assert ids == [(e.kind, e.at) for e in everything]


def test_the_audit_trail_filters_by_region_and_kind(history):
    setouchi, total = audit_trail(region_id=history.region.pk)
    assert total == 12 and {e.region.slug for e in setouchi} == {"setouchi"}

    reviews, total = audit_trail(kind="review")
    assert total == 2 and {e.kind for e in reviews} == {"review"}

    resolutions, total = audit_trail(kind="resolve", region_id=history.region.pk)
    assert total == 1 and resolutions[0].what == "スレッドを解決済みにした"

    status, total = audit_trail(kind="status", region_id=history.region.pk + 1000)
    assert (status, total) == ([], 0)


# ---------------------------------------------------------------- the overview


def test_status_counts_lists_every_status_for_both_documents(submitted, reviewer, editor):
    revision_return(revision=submitted.vision_revision, actor=reviewer, comment="見直しを")
    filing_import(valid_filing(), slug="draft-only")

    counts = status_counts()

    assert [row["status"] for row in counts] == list(Status)
    table = {row["status"]: (row["declaration"], row["vision"]) for row in counts}
    assert table == {
        Status.DRAFT: (1, 1),
        Status.SUBMITTED: (1, 0),
        Status.RETURNED: (0, 1),
        Status.ACCEPTED: (0, 0),
        Status.PUBLISHED: (0, 0),
    }


def test_coverage_names_published_and_submitted_regions_per_prefecture(submitted, editor):
    revision_accept(revision=submitted.declaration_revision, actor=None)
    submitted_region(valid_filing(), "hokkaido-aomori", editor)
    filing_import(  # a draft covers nothing
        with_declaration(valid_filing(), region_name="下書きのリージョン"), slug="draft"
    )

    coverage = {row.prefecture.code: row for row in prefecture_coverage()}

    assert len(coverage) == 47
    assert [coverage[code].published for code in ("33", "34", "37")] == [(SETOUCHI,)] * 3
    assert coverage["34"].under_review == ()
    assert (coverage["02"].published, coverage["02"].under_review) == ((), (NORTHERN,))
    assert (coverage["47"].published, coverage["47"].under_review) == ((), ())


def test_coverage_reads_each_regions_latest_published_declaration(editor):
    first = published_region(valid_filing(), "northern", editor)
    hokkaido_only = with_declaration(
        replace(
            valid_filing(),
            members=tuple(m for m in valid_filing().members if m.key != "aomori"),
            vision=None,
        ),
        region_name="北海道だけのリージョン",
    )
    change = filing_import(hokkaido_only, region=first.region).declaration_revision
    assert change.number == 2
    coverage = {row.prefecture.code: row for row in prefecture_coverage()}
    assert coverage["02"].published == (NORTHERN,)  # a draft changes nothing yet

    submit(change, editor)
    revision_accept(revision=change, actor=None)

    coverage = {row.prefecture.code: row for row in prefecture_coverage()}
    assert coverage["01"].published == ("北海道だけのリージョン",)
    assert coverage["02"].published == ()


@pytest.fixture
def two_published(submitted, editor):
    """瀬戸内 (verified 2026-10-01) and 北海道・青森 (verified 2026-03-01), published.

    Projects: 北海道・青森 two ending 2028-03-31; 瀬戸内 [0] and [2] ending 2029-03-31,
    [1] ending 2031-03-31."""
    for revision in (submitted.declaration_revision, submitted.vision_revision):
        revision_accept(revision=revision, actor=None)
    return submitted, published_region(valid_filing(), "northern", editor)


def test_overdue_verifications_are_the_visions_the_rule_reports_by_region_name(two_published):
    setouchi, northern = two_published
    visions = current_published_visions()

    assert overdue_verifications(visions, today=datetime.date(2027, 3, 1)) == []  # due that day

    (item,) = overdue_verifications(visions, today=datetime.date(2027, 3, 2))
    assert item.revision.pk == northern.vision_revision.pk
    assert item.region_name == NORTHERN
    assert item.finding.code == "vision.verification"

    both = overdue_verifications(visions, today=datetime.date(2027, 10, 2))
    assert [i.region_name for i in both] == sorted([NORTHERN, SETOUCHI])
    assert {i.revision.pk for i in both} == {
        setouchi.vision_revision.pk,
        northern.vision_revision.pk,
    }


def test_current_published_visions_are_each_regions_latest_published(two_published, editor):
    setouchi, northern = two_published
    change = filing_import(valid_filing(), region=northern.region)
    submit(change.declaration_revision, editor)
    submit(change.vision_revision, editor)

    visions = current_published_visions()
    assert sorted(v.pk for v in visions) == sorted(
        [setouchi.vision_revision.pk, northern.vision_revision.pk]
    )  # a change under review is not published

    revision_accept(revision=change.declaration_revision, actor=None)
    revision_accept(revision=change.vision_revision, actor=None)

    visions = current_published_visions()
    assert sorted(v.pk for v in visions) == sorted(
        [setouchi.vision_revision.pk, change.vision_revision.pk]
    )


def ending(visions, today):
    return [
        (item.region_name, item.project_index, item.project.end)
        for item in projects_ending_soon(visions, today=today)
    ]


def test_projects_ending_soon_end_between_today_and_a_year_from_today_soonest_first(
    two_published,
):
    visions = current_published_visions()
    northern_ends = datetime.date(2028, 3, 31)
    setouchi_ends = datetime.date(2029, 3, 31)

    assert ending(visions, datetime.date(2027, 3, 30)) == []  # a day too early
    assert sorted(ending(visions, datetime.date(2027, 3, 31))) == [  # ends on the horizon
        (NORTHERN, 0, northern_ends),
        (NORTHERN, 1, northern_ends),
    ]
    today_and_horizon = ending(visions, datetime.date(2028, 3, 31))
    assert [end for _, _, end in today_and_horizon] == [northern_ends] * 2 + [setouchi_ends] * 2
    assert sorted(today_and_horizon[2:]) == [
        (SETOUCHI, 0, setouchi_ends),
        (SETOUCHI, 2, setouchi_ends),
    ]
    assert sorted(ending(visions, datetime.date(2028, 4, 1))) == [  # the northern ones ended
        (SETOUCHI, 0, setouchi_ends),
        (SETOUCHI, 2, setouchi_ends),
    ]


def test_projects_ending_soon_on_the_same_day_are_ordered_by_name(two_published):
    items = projects_ending_soon(current_published_visions(), today=datetime.date(2028, 3, 31))
    northern = [item.project.name for item in items[:2]]
    assert northern == sorted(northern) and len(set(northern)) == 2


def test_projects_ending_soon_from_29_february_look_to_28_february(two_published):
    items = projects_ending_soon(current_published_visions(), today=datetime.date(2028, 2, 29))
    assert [(i.region_name, i.project.end) for i in items] == [
        (NORTHERN, datetime.date(2028, 3, 31)),
        (NORTHERN, datetime.date(2028, 3, 31)),
    ]
