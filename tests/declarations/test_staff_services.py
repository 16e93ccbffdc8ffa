"""The draft services behind the staff forms: the version check, the audit row of a new
revision, when a change or an abolition may start, member keys and organizations, and the
copy a change starts from."""

import pytest

from declarations.lifecycle import FrozenRevisionError, Kind, Status
from declarations.models import DeclarationRevision, Member, Organization, StatusChange
from declarations.services import (
    DeclarationDraft,
    DraftConflict,
    MemberEntry,
    RevisionNotStarted,
    declaration_create,
    declaration_draft_save,
    declaration_start_abolition,
    declaration_start_change,
    draft_claim,
    organization_for,
    successor_base,
)
from filing.bundle import read_bundle_file
from projects.services import MAX_PROJECTS, ProjectLimitReached, project_add, vision_start_change
from tests.factories import DeclarationRevisionFactory, RegionFactory, UserFactory
from tests.staff_helpers import BUNDLES
from visions.services import VisionDraft, vision_create, vision_draft_save
from workflow.adapter import filing_import
from workflow.verbs import revision_accept, revision_return, revision_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return UserFactory(username="actor")


@pytest.fixture
def draft(actor):
    return declaration_create(region=RegionFactory(slug="r"), actor=actor)


def lg(name, code, kind="municipality", key=""):
    return MemberEntry(kind=kind, name=name, lg_code=code, key=key)


def test_a_claim_bumps_the_version_and_writes_the_fields_in_one_update(draft):
    draft_claim(draft, 1, region_name="名前")

    stored = DeclarationRevision.objects.get(pk=draft.pk)
    assert (stored.version, stored.region_name, draft.version) == (2, "名前", 2)


@pytest.mark.parametrize("version", [0, 2, None, "x", "1.0"])
def test_a_claim_with_another_version_is_a_conflict_and_writes_nothing(draft, version):
    with pytest.raises(DraftConflict):
        draft_claim(draft, version, region_name="名前")

    assert DeclarationRevision.objects.get(pk=draft.pk).region_name == ""


def test_a_claim_on_a_revision_that_left_draft_is_refused_as_frozen(actor):
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="s")
    revision = imported.declaration_revision
    revision_submit(revision=revision, actor=actor)

    with pytest.raises(FrozenRevisionError):
        draft_claim(revision, revision.version, region_name="凍結")


def test_creating_a_declaration_writes_an_audit_row_and_cannot_be_repeated(draft, actor):
    change = StatusChange.objects.get()
    assert (change.old, change.new, change.actor, change.object_id) == (
        "",
        Status.DRAFT,
        actor,
        draft.pk,
    )
    with pytest.raises(RevisionNotStarted):
        declaration_create(region=draft.region, actor=actor)


def test_new_member_keys_are_never_one_used_before_in_the_declaration(actor):
    revision = DeclarationRevisionFactory()
    old = DeclarationRevisionFactory(declaration=revision.declaration)
    Member.objects.create(
        revision=old,
        organization=Organization.objects.create(name="旧", kind="university"),
        key="univ1",
        name="旧",
        kind="university",
    )

    declaration_draft_save(
        revision=revision,
        version=1,
        draft=DeclarationDraft(members=(MemberEntry(kind="university", name="新しい大学"),)),
    )

    assert list(revision.members.values_list("key", flat=True)) == ["univ2"]


def test_a_member_keeps_its_key_and_organization_while_it_is_the_same(draft):
    declaration_draft_save(
        revision=draft, version=1, draft=DeclarationDraft(members=(lg("弘前市", "022021"),))
    )
    member = draft.members.get()

    declaration_draft_save(
        revision=draft,
        version=2,
        draft=DeclarationDraft(members=(lg("弘前市", "022021", key=member.key),)),
    )

    again = draft.members.get()
    assert (again.key, again.organization_id) == (member.key, member.organization_id)


def test_kind_specific_values_are_kept_only_for_their_kind(draft):
    entry = MemberEntry(
        kind="university",
        name="大学",
        lg_code="022021",
        activity_prefectures=("02",),
        area_prefectures=("03",),
        multi_industry=True,
    )

    declaration_draft_save(revision=draft, version=1, draft=DeclarationDraft(members=(entry,)))

    member = draft.members.get()
    assert (
        member.lg_code,
        member.activity_prefectures,
        member.area_prefectures,
        member.multi_industry,
    ) == (
        "",
        [],
        [],
        False,
    )


def test_organizations_are_found_by_code_created_for_a_known_code_and_by_name_otherwise():
    hirosaki = organization_for(kind="municipality", name="弘前市", lg_code="022021")
    assert hirosaki.municipality_id == "022021"
    assert organization_for(kind="municipality", name="ひろさき", lg_code="022021") == hirosaki
    unknown = organization_for(kind="municipality", name="架空市", lg_code="999999")
    assert unknown.lg_code == "" and unknown.name == "架空市"
    assert organization_for(kind="company", name="株式会社A") == organization_for(
        kind="company", name="株式会社A"
    )


def test_an_abolition_draft_saves_only_its_reason_and_date(actor):
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="s")
    revision_submit(revision=imported.declaration_revision, actor=actor)
    revision_accept(revision=imported.declaration_revision, actor=actor)
    abolition = declaration_start_abolition(region=imported.region, actor=actor, reason="理由")

    declaration_draft_save(
        revision=abolition,
        version=1,
        draft=DeclarationDraft(region_name="書き換え", reason="新しい理由", members=()),
    )

    abolition.refresh_from_db()
    assert (abolition.reason, abolition.region_name) == ("新しい理由", "瀬戸内広域リージョン")
    assert abolition.members.count() == imported.declaration_revision.members.count()


@pytest.mark.parametrize(
    ("moves", "message"),
    [
        ([], "作成中です"),
        (["submit"], "審査中です"),
        (["submit", "return"], "差し戻されています"),
    ],
)
def test_a_change_waits_for_the_latest_revision(actor, moves, message):
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="s")
    revision = imported.declaration_revision
    for move in moves:
        if move == "submit":
            revision_submit(revision=revision, actor=actor)
        else:
            revision_return(revision=revision, actor=actor, comment="直してください")

    with pytest.raises(RevisionNotStarted, match=message):
        declaration_start_change(region=imported.region, actor=actor)


def test_no_change_after_an_abolition_was_published(actor):
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="s")
    revision_submit(revision=imported.declaration_revision, actor=actor)
    revision_accept(revision=imported.declaration_revision, actor=actor)
    abolition = declaration_start_abolition(
        region=imported.region, actor=actor, reason="目的達成", consulted_on=None
    )
    abolition.consulted_on = abolition.created_at.date()
    abolition.save()
    revision_submit(revision=abolition, actor=actor)
    revision_accept(revision=abolition, actor=actor)

    with pytest.raises(RevisionNotStarted, match="廃止されています"):
        successor_base(imported.declaration_revision.declaration.revisions, document="連携宣言書")


def test_a_vision_change_copies_every_project_row(actor):
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="s")
    for revision in (imported.declaration_revision, imported.vision_revision):
        revision_submit(revision=revision, actor=actor)
        revision_accept(revision=revision, actor=actor)

    change = vision_start_change(region=imported.region, actor=actor)

    def rows(revision):
        return [
            (
                p.name,
                p.joint_body_of,
                [(i.member_key, i.name) for i in p.implementers.all()],
                [(r.plan, r.section) for r in p.plan_references.all()],
                [(b.fiscal_year, b.amount) for b in p.budget_lines.all()],
                [(m.date, m.target) for m in p.milestones.all()],
            )
            for p in revision.projects.all()
        ]

    assert (change.number, change.kind, change.declaration_revision_id) == (2, Kind.CHANGED, None)
    assert rows(change) == rows(imported.vision_revision)


def test_a_vision_needs_a_declaration_and_saves_its_consultation_date(actor):
    region = RegionFactory(slug="v")
    with pytest.raises(RevisionNotStarted):
        vision_create(region=region, actor=actor)
    declaration_create(region=region, actor=actor)
    vision = vision_create(region=region, actor=actor)

    vision_draft_save(
        revision=vision, version=1, draft=VisionDraft(consulted_on=vision.created_at.date())
    )

    vision.refresh_from_db()
    assert vision.consulted_on == vision.created_at.date()


def test_a_vision_holds_at_most_200_projects(actor):
    region = RegionFactory(slug="v")
    declaration_create(region=region, actor=actor)
    vision = vision_create(region=region, actor=actor)
    from projects.models import Project

    Project.objects.bulk_create(Project(revision=vision, position=i) for i in range(MAX_PROJECTS))

    with pytest.raises(ProjectLimitReached):
        project_add(revision=vision, version=1)
    vision.refresh_from_db()
    assert vision.projects.count() == MAX_PROJECTS and vision.version == 1
