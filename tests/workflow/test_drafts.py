"""The draft saves whose rows ``workflow.rows`` writes: member keys and organizations of the
declaration form, an abolition's draft, the project form."""

import pytest

from declarations.models import Member, Organization
from declarations.services import declaration_create
from filing.bundle import read_bundle_file
from filing.data import ImplementerData, MemberData, MemberKind, MilestoneData, PlanRef
from tests.factories import DeclarationRevisionFactory, RegionFactory, UserFactory
from tests.staff_helpers import BUNDLES
from workflow.adapter import filing_import
from workflow.drafts import DeclarationDraft, declaration_draft_save, project_save
from workflow.revisions import revision_start_abolition
from workflow.rows import ProjectRow
from workflow.verbs import revision_accept, revision_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return UserFactory(username="actor")


@pytest.fixture
def draft(actor):
    return declaration_create(region=RegionFactory(slug="r"), actor=actor)


def lg(name, code, kind="municipality", key=""):
    return MemberData(kind=MemberKind(kind), name=name, lg_code=code, key=key)


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
        draft=DeclarationDraft(
            members=(MemberData(key="", kind=MemberKind.UNIVERSITY, name="新しい大学"),)
        ),
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
    entry = MemberData(
        key="",
        kind=MemberKind.UNIVERSITY,
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


def test_an_abolition_draft_saves_only_its_reason_and_date(actor):
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="s")
    revision_submit(revision=imported.declaration_revision, actor=actor)
    revision_accept(revision=imported.declaration_revision, actor=actor)
    abolition = revision_start_abolition(
        document="declaration", region=imported.region, actor=actor, reason="理由"
    )

    declaration_draft_save(
        revision=abolition,
        version=1,
        draft=DeclarationDraft(region_name="書き換え", reason="新しい理由", members=()),
    )

    abolition.refresh_from_db()
    assert (abolition.reason, abolition.region_name) == ("新しい理由", "瀬戸内広域リージョン")
    assert abolition.members.count() == imported.declaration_revision.members.count()


def test_a_project_save_keeps_what_was_typed_and_bumps_the_vision_version(actor):
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="s")
    vision = imported.vision_revision
    project = vision.projects.first()
    row = ProjectRow(
        name="新しい名前",
        implementers=(ImplementerData(member="okayama"), ImplementerData(name="外部の団体")),
        plan_references=(PlanRef(plan="計画", section="第1章"),),
        has_budget=False,
        budget_total=5,  # lenient: typed while 予算措置 is off, kept
        budget_lines=((2026, 5),),
        milestones=(MilestoneData(date=None, target="目標"),),
        joint_body_of=(),
    )

    project_save(project=project, version=vision.version, draft=row)

    project.refresh_from_db()
    vision.refresh_from_db()
    assert (project.name, project.budget_total, project.joint_body_of, vision.version) == (
        "新しい名前",
        5,
        None,
        2,
    )
    assert [(i.member_key, i.name) for i in project.implementers.all()] == [
        ("okayama", ""),
        ("", "外部の団体"),
    ]
    assert [(b.fiscal_year, b.amount) for b in project.budget_lines.all()] == [(2026, 5)]
    assert [(m.target) for m in project.milestones.all()] == ["目標"]
