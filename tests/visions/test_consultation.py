"""The 協議 record of a revision (ADR 0120): the body that agreed beside the date, in the
model, the staff forms (a draft saves it however incomplete) and the bundle of the
revision; and consultation.record judged from the revision's own attachments."""

from datetime import date

import pytest

from attachments.models import AttachmentKind
from attachments.services import attachment_add
from declarations.lifecycle import Kind
from filing.bundle import filing_to_bundle
from ministry.selectors import findings_of
from staff.forms.declarations import AbolitionForm, DeclarationForm
from staff.forms.visions import VisionForm
from tests.attachments.conftest import upload
from tests.factories import UserFactory
from visions.services import VisionDraft, vision_draft_save
from workflow.adapter import filing_from_revisions, filing_import
from workflow.drafts import DeclarationDraft, declaration_draft_save
from workflow.verbs import revision_filing, revision_findings

pytestmark = pytest.mark.django_db

BODY = "中国地域発展推進会議"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor():
    return UserFactory(username="editor")


@pytest.fixture
def imported():
    from filing.bundle import read_bundle_file
    from tests.documents.helpers import BUNDLES_DIR

    return filing_import(read_bundle_file(BUNDLES_DIR / "valid_region.json"), slug="setouchi")


def posted(**typed):
    """A vision form bound to what its empty page posts (every field blank), with ``typed``."""
    fields = VisionForm(kind=Kind.ESTABLISHED).fields
    blank = {n: "" for n, f in fields.items() if f.widget.value_omitted_from_data({}, {}, n)}
    return VisionForm(blank | typed, kind=Kind.ESTABLISHED)


def record_codes(revision):
    return [
        (f.code, f.path) for f in revision_findings(revision) if f.code == "consultation.record"
    ]


def test_the_vision_form_has_the_body_beside_the_date_and_saves_it_alone():
    form = posted(consultation_body=f"  {BODY} ")
    assert "consultation_body" in form.fields
    assert form.is_valid(), form.errors  # nothing else given: a draft saves anyway
    assert form.draft().consultation_body == BODY
    assert form.draft().consulted_on is None


@pytest.mark.parametrize("kind", [Kind.CHANGED, Kind.ABOLISHED])
def test_a_change_or_abolition_of_either_document_has_it(kind):
    assert "consultation_body" in VisionForm(kind=kind).fields
    assert "consultation_body" in DeclarationForm(kind=kind).fields


def test_a_declaration_establishment_has_neither_date_nor_body():
    fields = DeclarationForm(kind=Kind.ESTABLISHED).fields
    assert "consulted_on" not in fields and "consultation_body" not in fields


def test_the_body_is_a_short_text():
    form = posted(consultation_body="会" * 201)
    assert not form.is_valid() and "consultation_body" in form.errors


def test_the_abolition_form_takes_it_optionally():
    form = AbolitionForm({"reason": "統合", "consulted_on": "", "consultation_body": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["consultation_body"] == ""


def test_saving_the_vision_draft_keeps_it_and_the_bundle_carries_it(imported):
    vision = imported.vision_revision
    vision_draft_save(
        revision=vision,
        version=vision.version,
        draft=VisionDraft(consulted_on=date(2026, 3, 18), consultation_body=BODY),
    )
    vision.refresh_from_db()
    assert vision.consultation_body == BODY
    bundle = filing_to_bundle(revision_filing(vision))
    assert bundle["vision"]["revision"]["consultation_body"] == BODY


def test_saving_a_declaration_change_keeps_it(imported, editor):
    from workflow.revisions import revision_successor

    declaration = imported.declaration_revision
    type(declaration).objects.filter(pk=declaration.pk).update(status="published")
    change = revision_successor(
        region=imported.region,
        document="declaration",
        actor=editor,
        kind=Kind.CHANGED,
        consulted_on=date(2026, 9, 1),
        consultation_body="最初の会議",
    )
    assert change.consultation_body == "最初の会議"
    filing = filing_from_revisions(change)
    declaration_draft_save(
        revision=change,
        version=change.version,
        draft=DeclarationDraft(
            region_name=filing.declaration.region_name,
            members=filing.members,
            consulted_on=date(2026, 9, 1),
            consultation_body=BODY,
        ),
    )
    change.refresh_from_db()
    assert change.consultation_body == BODY


def test_a_vision_with_a_date_and_no_record_is_warned_until_one_is_attached(imported, editor):
    vision = imported.vision_revision  # the sample's vision has its 協議 date
    assert record_codes(vision) == [("consultation.record", "vision.attachments")]
    # a reference, or a record on a project, is not the revision's record
    attachment_add(target=vision, upload=upload(), actor=editor, title="地図")
    attachment_add(
        target=vision.projects.first(),
        upload=upload(),
        actor=editor,
        kind=AttachmentKind.CONSULTATION_RECORD,
    )
    assert record_codes(vision) == [("consultation.record", "vision.attachments")]
    attachment_add(
        target=vision, upload=upload(), actor=editor, kind=AttachmentKind.CONSULTATION_RECORD
    )
    assert record_codes(vision) == []


def test_the_reviewers_bulk_findings_say_the_same(imported, editor):
    vision = imported.vision_revision
    declaration = imported.declaration_revision
    key = ("vision", vision.pk)

    def bulk():
        found = findings_of([type(vision).objects.get(pk=vision.pk), declaration])
        return [f.path for f in found[key] if f.code == "consultation.record"]

    assert bulk() == ["vision.attachments"]
    attachment_add(
        target=vision, upload=upload(), actor=editor, kind=AttachmentKind.CONSULTATION_RECORD
    )
    assert bulk() == []


def test_a_record_carried_into_a_change_is_not_the_changes_record(imported, editor):
    from workflow.revisions import revision_successor

    vision = imported.vision_revision
    attachment_add(
        target=vision,
        upload=upload(),
        actor=editor,
        title="策定の協議の議事録",
        kind=AttachmentKind.CONSULTATION_RECORD,
    )
    for revision in (imported.declaration_revision, vision):
        type(revision).objects.filter(pk=revision.pk).update(status="published")
    change = revision_successor(
        region=imported.region,
        document="vision",
        actor=editor,
        kind=Kind.CHANGED,
        consulted_on=date(2027, 5, 1),
    )
    from attachments.selectors import attached_to, consultation_record_titles

    assert attached_to(change).filter(kind=AttachmentKind.CONSULTATION_RECORD).exists()
    assert record_codes(change) == [("consultation.record", "vision.attachments")]
    assert consultation_record_titles(change) == ()
