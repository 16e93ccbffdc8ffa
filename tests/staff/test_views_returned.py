# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""A returned revision reopened as a draft: the page leads with the reviewer's reason and
the open comments, and each anchored comment is shown beside the item it targets (issue 13,
ADR 0099)."""

import re

import pytest
from django.contrib.auth.models import Group

from accounts.models import REVIEWER_GROUP
from declarations.models import Member
from reviews.services import comment_post
from tests.factories import UserFactory
from tests.review_helpers import submit
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    editor,
    editor_client,
    form_values,
    imported,
    region,
    single,
)
from workflow.verbs import revision_reopen, revision_return

pytestmark = pytest.mark.django_db

URL = "/staff/setouchi/declaration/1/"
VISION_URL = "/staff/setouchi/vision/1/"


@pytest.fixture
def reviewer():
    user = UserFactory(
        username="shinsa", email="shinsa@soumu.example.jp", last_name="審査", first_name="花子"
    )
    user.groups.add(Group.objects.get_or_create(name=REVIEWER_GROUP)[0])
    return user


def comment(revision, reviewer, anchor, body):
    return comment_post(
        revision=revision,
        author=reviewer,
        body=body,
        anchor=anchor,
        by_reviewer=True,
        valid_anchors=[anchor],
    )


def returned(revision, editor, reviewer, *comments, reason="区域と構成団体を確認してください。"):
    """Submit ``revision``, let the reviewer comment (``(anchor, body)`` pairs) and return it,
    and reopen it as a draft, as the staff do."""
    submit(revision, editor)
    posted = [comment(revision, reviewer, anchor, body) for anchor, body in comments]
    revision_return(revision=revision, actor=reviewer, comment=reason)
    revision_reopen(revision=revision, actor=editor)
    return posted


def box(html: str) -> str:
    match = re.search(r'<section class="returned-box[^"]*".*?</section>', html, re.S)
    assert match, "no returned box on the page"
    return match.group(0)


def test_a_reopened_revision_leads_with_the_reason_and_the_open_comments(
    editor_client, imported, editor, reviewer
):
    revision = imported.declaration_revision
    (first, second) = returned(
        revision,
        editor,
        reviewer,
        ("members[7]", "活動範囲を確認してください。"),
        ("declaration.fields", "分野の「その他」を具体的に。"),
    )

    html = editor_client.get(URL).content.decode()

    found = box(html)
    assert html.index('class="returned-box') < html.index('id="declaration-form"')
    assert "差し戻されました（令和" in found
    assert "審査担当: 総務省自治行政局地域政策課 広域連携推進室" in found
    assert "区域と構成団体を確認してください。" in found
    assert "未解決のコメント（2 件）" in found
    assert f'href="#mark-{first.pk}"' in found and f'href="#mark-{second.pk}"' in found
    assert "審査 花子" not in html  # reviewers appear by role only


def test_the_box_is_gone_once_the_revision_is_resubmitted(
    editor_client, imported, editor, reviewer
):
    revision = imported.declaration_revision
    returned(revision, editor, reviewer)
    submit(revision, editor)

    assert 'class="returned-box' not in editor_client.get(URL).content.decode()


def test_a_revision_never_returned_has_no_box(editor_client, imported):
    assert 'class="returned-box' not in editor_client.get(URL).content.decode()


def test_a_comment_is_shown_beside_the_member_row_it_targets(
    editor_client, imported, editor, reviewer
):
    revision = imported.declaration_revision
    (posted,) = returned(revision, editor, reviewer, ("members[7]", "活動範囲を確認してください。"))
    key = list(revision.members.values_list("key", flat=True))[7]

    html = editor_client.get(URL).content.decode()

    row = re.search(rf'<fieldset[^>]*id="member-{key}".*?</fieldset>', html, re.S).group(0)
    assert "瀬戸内経済連合会" in row
    assert f'id="mark-{posted.pk}"' in row
    assert "活動範囲を確認してください。" in row
    assert f'href="#thread-{posted.pk}"' in row
    assert "未解決" in row  # the state in words, not colour only
    # only there: no other member row carries it
    assert html.count(f'id="mark-{posted.pk}"') == 1


def test_a_comment_on_the_fields_is_shown_in_the_fields_section(
    editor_client, imported, editor, reviewer
):
    revision = imported.declaration_revision
    (posted,) = returned(revision, editor, reviewer, ("declaration.fields", "分野を具体的に。"))

    html = editor_client.get(URL).content.decode()

    section = re.search(r'<section class="form-section" id="fields".*?</section>', html, re.S)
    assert f'id="mark-{posted.pk}"' in section.group(0)


def test_the_read_only_page_shows_the_comment_beside_the_member(client, imported, editor, reviewer):
    revision = imported.declaration_revision
    submit(revision, editor)
    posted = comment(revision, reviewer, "members[2]", "香川県の区域を確認。")
    revision_return(revision=revision, actor=reviewer, comment="確認してください。")
    key = list(revision.members.values_list("key", flat=True))[2]
    client.force_login(editor)

    html = client.get(URL).content.decode()  # returned, not yet reopened: read-only

    row = re.search(rf'<tr id="member-{key}".*?</tr>', html, re.S).group(0)
    assert f'id="mark-{posted.pk}"' in row
    assert "差し戻されました" in box(html)


def test_a_comment_whose_member_was_removed_is_listed_as_not_found(
    editor_client, imported, editor, reviewer
):
    revision = imported.declaration_revision
    count = revision.members.count()
    (posted,) = returned(
        revision, editor, reviewer, (f"members[{count - 1}]", "この団体の参画内容は？")
    )
    last = revision.members.order_by("position").last()
    data = form_values(editor_client.get(URL), "declaration-form")
    prefix = next(
        name.removesuffix("-key")
        for name, values in data.items()
        if name.endswith("-key") and values == [last.key]
    )
    response = editor_client.post(URL, single(data, save="1", **{f"{prefix}-DELETE": "on"}))
    assert response.status_code == 302
    assert not Member.objects.filter(revision=revision, key=last.key).exists()

    html = editor_client.get(URL).content.decode()

    found = box(html)
    assert "対象の項目が見つからないコメント" in found
    assert "この団体の参画内容は？" in found
    assert f'href="#thread-{posted.pk}"' in found
    assert f'id="mark-{posted.pk}"' not in html  # not placed beside another row


def test_a_comment_on_a_project_is_shown_in_its_row_of_the_vision_page(
    editor_client, imported, editor, reviewer
):
    revision = imported.vision_revision
    submit(imported.declaration_revision, editor)
    (posted,) = returned(revision, editor, reviewer, ("vision.projects[1]", "周遊の範囲は？"))

    html = editor_client.get(VISION_URL).content.decode()

    assert "差し戻されました" in box(html)
    row = re.search(r"<tr>(?:(?!</tr>).)*周遊観光プロジェクト.*?</tr>", html, re.S).group(0)
    assert f'id="mark-{posted.pk}"' in row


def test_the_comments_are_read_in_one_query(editor_client, imported, editor, reviewer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    revision = imported.declaration_revision
    returned(
        revision,
        editor,
        reviewer,
        *[(f"members[{i}]", f"コメント{i}") for i in range(6)],
    )
    with CaptureQueriesContext(connection) as queries:
        editor_client.get(URL)
    comment_reads = [q for q in queries if 'FROM "reviews_comment"' in q["sql"]]
    # one for the page's markers and top box, one for the thread list below
    assert len(comment_reads) <= 2


def test_the_project_page_shows_the_comments_about_it_with_a_link_to_the_thread(
    editor_client, imported, editor, reviewer
):
    revision = imported.vision_revision
    submit(imported.declaration_revision, editor)
    (posted,) = returned(revision, editor, reviewer, ("vision.projects[1]", "周遊の範囲は？"))
    other, second = list(revision.projects.all())[:2]

    html = editor_client.get(f"{VISION_URL}projects/{second.pk}/").content.decode()

    assert f'id="mark-{posted.pk}"' in html
    assert f'href="{VISION_URL}#thread-{posted.pk}"' in html
    assert "周遊の範囲は？" in html
    other_page = editor_client.get(f"{VISION_URL}projects/{other.pk}/").content.decode()
    assert f'id="mark-{posted.pk}"' not in other_page
