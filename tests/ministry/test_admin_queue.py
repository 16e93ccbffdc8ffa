"""The review queue: submitted declarations and visions together, oldest first, with kind,
days waiting and the counts of errors and warnings; filters and search; a query count that
does not grow with the rows; bad filter input never answers 500."""

import datetime
import re
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from declarations.lifecycle import Status
from declarations.services import revision_transition
from tests.filing_factories import valid_filing, with_declaration
from tests.review_helpers import signed_in, submit
from workflow.adapter import filing_import
from workflow.verbs import revision_findings

pytestmark = pytest.mark.django_db

QUEUE = "/admin/reviews/review/queue/"


def rows(response) -> list[str]:
    """The text of each body row of the queue table, tags stripped."""
    html = response.content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]


@pytest.fixture
def hokkaido(editor):
    """A second region (北海道・青森), submitted after the test region."""
    result = filing_import(valid_filing(), slug="hokkaido-aomori")
    submit(result.declaration_revision, editor)
    submit(result.vision_revision, editor)
    return result


def _age(revision, days: int):
    type(revision).objects.filter(pk=revision.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_the_queue_lists_submitted_declarations_and_visions_oldest_first(
    reviewer_client, submitted, hokkaido
):
    _age(submitted.declaration_revision, 10)
    _age(submitted.vision_revision, 9)
    _age(hokkaido.declaration_revision, 3)
    _age(hokkaido.vision_revision, 2)
    listed = rows(reviewer_client.get(QUEUE))
    assert len(listed) == 4
    assert re.match(
        r"瀬戸内広域リージョン 連携宣言書 第1版・第1回送付（受付番号 R\d+-\d{6}） 策定", listed[0]
    )
    assert re.match(
        r"瀬戸内広域リージョン 連携ビジョン 第1版・第1回送付（受付番号 R\d+-\d{6}） 策定", listed[1]
    )
    assert listed[2].startswith("北海道・青森リージョン 連携宣言書")
    assert listed[3].startswith("北海道・青森リージョン 連携ビジョン")
    assert "10 日" in listed[0] and "2 日" in listed[3]
    assert "岡山県、広島県、香川県" in listed[0]
    assert "北海道、青森県" in listed[3]


def test_the_queue_shows_changes_and_abolitions_by_their_kind(reviewer_client, imported, editor):
    revision = imported.declaration_revision
    revision.kind, revision.consulted_on = "abolished", datetime.date(2026, 5, 1)
    revision.save()
    submit(revision, editor)
    listed = rows(reviewer_client.get(QUEUE))
    assert re.search(r"連携宣言書 第1版・第1回送付（受付番号 R\d+-\d{6}） 廃止", listed[0])


def test_error_and_warning_counts_match_the_submit_service(reviewer_client, submitted, editor):
    broken = filing_import(
        with_declaration(valid_filing(), region_name="", aspiration=""), slug="broken"
    )
    revision_transition(revision=broken.declaration_revision, new=Status.SUBMITTED, actor=editor)
    response = reviewer_client.get(QUEUE + "?document=declaration")
    for row in response.context["rows"]:
        findings = revision_findings(row.revision)
        errors = sum(1 for f in findings if f.is_error)
        assert (row.errors, row.warnings) == (errors, len(findings) - errors)
    broken_row = next(r for r in response.context["rows"] if r.revision.region.slug == "broken")
    assert broken_row.errors >= 2


def test_the_query_count_does_not_grow_with_the_rows(reviewer_client, submitted, editor):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert reviewer_client.get(QUEUE).status_code == 200
        return len(queries)

    count()  # the master data is read once per process; count the pages after that
    one_region = count()
    for index in range(4):
        result = filing_import(valid_filing(), slug=f"more-{index}")
        submit(result.declaration_revision, editor)
        submit(result.vision_revision, editor)
    five_regions = count()
    assert len(reviewer_client.get(QUEUE).context["rows"]) == 10
    assert five_regions == one_region
    assert one_region <= 30


def test_filters_by_status_and_document(reviewer_client, submitted, editor, reviewer):
    from workflow.verbs import revision_return

    revision_return(revision=submitted.vision_revision, actor=reviewer, comment="見直してください")
    assert len(rows(reviewer_client.get(QUEUE))) == 1
    returned = rows(reviewer_client.get(QUEUE + "?status=returned"))
    assert len(returned) == 1 and "連携ビジョン" in returned[0]
    assert len(rows(reviewer_client.get(QUEUE + "?status="))) == 2
    assert len(rows(reviewer_client.get(QUEUE + "?status=&document=vision"))) == 1


def test_filters_by_prefecture_and_field(reviewer_client, submitted, hokkaido):
    assert all("瀬戸内" in row for row in rows(reviewer_client.get(QUEUE + "?prefecture=34")))
    assert len(rows(reviewer_client.get(QUEUE + "?prefecture=34"))) == 2
    aomori = rows(reviewer_client.get(QUEUE + "?prefecture=02"))
    assert len(aomori) == 2 and all("北海道・青森" in row for row in aomori)
    assert rows(reviewer_client.get(QUEUE + "?prefecture=47")) == []
    transport = rows(reviewer_client.get(QUEUE + "?field=transport"))
    assert len(transport) == 2 and all("瀬戸内" in row for row in transport)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("瀬戸内", {"setouchi"}),
        ("hokkaido-aomori", {"hokkaido-aomori"}),  # the region's slug
        ("瀬戸内工科大学", {"setouchi"}),  # a member
        ("北方大学", {"hokkaido-aomori"}),  # a member of the other region
        ("MaaS推進", {"setouchi"}),  # a project (vision only)
        ("どこにもない名前", set()),
    ],
)
def test_search_by_region_member_or_project_name(
    reviewer_client, submitted, hokkaido, query, expected
):
    response = reviewer_client.get(QUEUE, {"q": query})
    assert {row.revision.region.slug for row in response.context["rows"]} == expected


def test_a_project_name_finds_only_the_vision(reviewer_client, submitted):
    response = reviewer_client.get(QUEUE, {"q": "MaaS推進"})
    assert [row.document for row in response.context["rows"]] == ["vision"]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "nonsense"},
        {"document": "<script>alert(1)</script>"},
        {"prefecture": "99"},
        {"field": "x" * 500},
        {"q": "x" * 5000},
        {"q": "瀬戸内\x00\x01"},
        {"p": "-3"},
        {"p": "abc"},
        {"p": "99999"},
    ],
)
def test_bad_filter_input_never_answers_500(reviewer_client, submitted, params):
    response = reviewer_client.get(QUEUE, params)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_the_queue_needs_a_reviewer(client, submitted, editor):
    assert client.get(QUEUE).status_code == 302  # anonymous: to the admin log-in
    assert "/admin/login/" in client.get(QUEUE)["Location"]
    assert signed_in(editor).get(QUEUE).status_code == 302  # region staff are not admin staff
    from tests.factories import UserFactory

    staff_without_group = UserFactory(username="clerk", is_staff=True)
    assert signed_in(staff_without_group).get(QUEUE).status_code == 403


def test_draft_revisions_are_not_in_the_queue(reviewer_client, imported):
    response = reviewer_client.get(QUEUE + "?status=")
    assert response.context["rows"] == []


def test_a_region_whose_name_changed_is_found_by_the_new_name(reviewer_client, submitted, editor):
    revision = replace(valid_filing())
    result = filing_import(
        with_declaration(revision, region_name="新しい名前のリージョン"), slug="renamed"
    )
    submit(result.declaration_revision, editor)
    response = reviewer_client.get(QUEUE, {"q": "新しい名前"})
    assert [row.revision.region.slug for row in response.context["rows"]] == ["renamed"]
