"""法人番号 on the declaration form (ADR 0123): typed as people write it, kept in the draft even
when its check digit is wrong, and then an error naming the member that stops the submission."""

import pytest

from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from tests import staff_helpers
from tests.staff_helpers import form_values, single

# the fixtures of tests/staff_helpers.py, by name (pytest injects them)
region = staff_helpers.region
editor = staff_helpers.editor
editor_client = staff_helpers.editor_client
imported = staff_helpers.imported

pytestmark = pytest.mark.django_db

URL = "/staff/setouchi/declaration/1/"
NTA = "7000012050002"  # 国税庁's own 法人番号


@pytest.fixture
def draft(editor_client):
    editor_client.post("/staff/setouchi/declaration/new/")
    return DeclarationRevision.objects.get(declaration__region__slug="setouchi", number=1)


def with_body_row(client):
    data = form_values(client.get(URL), "declaration-form")
    return form_values(client.post(URL, single(data, add="body")), "declaration-form")


def test_a_corporate_number_typed_in_full_width_with_hyphens_is_saved_as_digits(
    editor_client, draft
):
    data = with_body_row(editor_client)
    assert "body-0-corporate_number" in data
    data = single(
        data,
        body__0__name="株式会社瀬戸内",
        body__0__kind="company",
        body__0__corporate_number="７０００－０１２０－５０００２",
        save="1",
    )

    editor_client.post(URL, data)

    assert draft.members.get().corporate_number == NTA


def test_a_wrong_check_digit_is_kept_in_the_draft_and_named_in_the_checklist(editor_client, draft):
    data = single(
        with_body_row(editor_client),
        body__0__name="株式会社瀬戸内",
        body__0__kind="company",
        body__0__corporate_number="1000012050002",
        save="1",
    )

    editor_client.post(URL, data)

    assert draft.members.get().corporate_number == "1000012050002"
    page = editor_client.get(URL)
    errors = [
        item.finding
        for group in page.context["checklist"].groups
        for item in group.items
        if item.finding.code == "members.corporate_number"
    ]
    assert len(errors) == 1 and "株式会社瀬戸内" in errors[0].message


def test_a_number_longer_than_thirteen_digits_is_refused_beside_the_field(editor_client, draft):
    data = single(
        with_body_row(editor_client),
        body__0__name="株式会社瀬戸内",
        body__0__kind="company",
        body__0__corporate_number="70000120500021",
        save="1",
    )

    response = editor_client.post(URL, data)

    assert "法人番号は13桁です（14桁あります）" in response.content.decode()
    assert not draft.members.exists()


def test_local_government_rows_have_no_corporate_number_field(editor_client, draft):
    data = form_values(editor_client.get(URL), "declaration-form")
    data = form_values(editor_client.post(URL, single(data, add="lg")), "declaration-form")
    assert "lg-0-corporate_number" not in data


def test_submission_is_refused_with_the_member_named(editor_client, imported):
    revision = imported.declaration_revision
    member = revision.members.get(key="kaiun")
    member.corporate_number = "1000012050002"
    member.save()

    response = editor_client.post(URL + "submit/", {"version": str(revision.version)}, follow=True)

    revision.refresh_from_db()
    assert revision.status == Status.DRAFT
    html = response.content.decode()
    assert "送付できません" in html
    assert member.name in html and "1000012050002" in html
