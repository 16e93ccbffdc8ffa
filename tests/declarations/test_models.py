"""A revision that has left draft is frozen in the model layer, not only in forms."""

import pytest
from django.db import IntegrityError

from declarations.lifecycle import FrozenRevisionError, Status
from declarations.models import (
    AppendOnlyError,
    DeclarationField,
    DeclarationRevision,
    Member,
    Organization,
    StatusChange,
)
from declarations.services import revision_transition
from projects.models import BudgetLine, Implementer, Milestone, Project
from tests.factories import (
    BudgetLineFactory,
    DeclarationFieldFactory,
    DeclarationRevisionFactory,
    ImplementerFactory,
    MemberFactory,
    MilestoneFactory,
    OrganizationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def submitted(revision):
    revision_transition(revision=revision, new=Status.SUBMITTED)
    revision.refresh_from_db()
    return revision


def test_draft_revision_can_be_edited():
    revision = DeclarationRevisionFactory()
    revision.aspiration = "新しい姿"
    revision.save()
    revision.refresh_from_db()
    assert revision.aspiration == "新しい姿"


def test_submitted_revision_refuses_save():
    revision = submitted(DeclarationRevisionFactory())
    revision.aspiration = "書き換え"
    with pytest.raises(FrozenRevisionError):
        revision.save()
    assert DeclarationRevision.objects.get(pk=revision.pk).aspiration == "瀬戸内の産業と観光を結ぶ"


def test_stale_in_memory_draft_cannot_overwrite_a_submitted_revision():
    revision = DeclarationRevisionFactory()
    stale = DeclarationRevision.objects.get(pk=revision.pk)
    submitted(revision)
    stale.aspiration = "古い画面からの保存"
    with pytest.raises(FrozenRevisionError):
        stale.save()


def test_submitted_revision_refuses_queryset_update_and_delete():
    revision = submitted(DeclarationRevisionFactory())
    with pytest.raises(FrozenRevisionError):
        DeclarationRevision.objects.filter(pk=revision.pk).update(aspiration="一括書き換え")
    with pytest.raises(FrozenRevisionError):
        DeclarationRevision.objects.filter(pk=revision.pk).delete()
    with pytest.raises(FrozenRevisionError):
        revision.delete()
    assert DeclarationRevision.objects.filter(
        pk=revision.pk, aspiration="瀬戸内の産業と観光を結ぶ"
    ).exists()


def test_members_and_fields_of_a_submitted_revision_are_frozen():
    revision = DeclarationRevisionFactory()
    member = MemberFactory(revision=revision)
    field = DeclarationFieldFactory(revision=revision)
    submitted(revision)
    member.name = "別の名前"
    with pytest.raises(FrozenRevisionError):
        member.save()
    with pytest.raises(FrozenRevisionError):
        member.delete()
    with pytest.raises(FrozenRevisionError):
        Member.objects.filter(pk=member.pk).update(name="一括")
    with pytest.raises(FrozenRevisionError):
        DeclarationField.objects.filter(pk=field.pk).delete()
    with pytest.raises(FrozenRevisionError):
        MemberFactory(revision=revision)
    with pytest.raises(FrozenRevisionError):
        Member.objects.bulk_create(
            [Member(revision=revision, organization=OrganizationFactory(), key="x", name="x")]
        )
    assert Member.objects.get(pk=member.pk).name != "別の名前"


def test_a_member_cannot_be_moved_out_of_a_frozen_revision():
    frozen = DeclarationRevisionFactory()
    member = MemberFactory(revision=frozen)
    submitted(frozen)
    draft = DeclarationRevisionFactory()
    member.revision = draft
    with pytest.raises(FrozenRevisionError):
        member.save()


def test_projects_and_their_rows_of_a_submitted_vision_are_frozen():
    project = ProjectFactory()
    implementer = ImplementerFactory(project=project)
    line = BudgetLineFactory(project=project)
    milestone = MilestoneFactory(project=project)
    submitted(project.revision)
    for obj in (project, implementer, line, milestone):
        with pytest.raises(FrozenRevisionError):
            obj.save()
    for model in (Project, Implementer, BudgetLine, Milestone):
        with pytest.raises(FrozenRevisionError):
            model.objects.all().delete()
    with pytest.raises(FrozenRevisionError):
        BudgetLine.objects.filter(pk=line.pk).update(amount=1)
    assert BudgetLine.objects.get(pk=line.pk).amount == 1_000_000


def test_status_moves_are_allowed_on_a_frozen_revision_through_the_service():
    revision = submitted(DeclarationRevisionFactory())
    revision_transition(revision=revision, new=Status.ACCEPTED)
    revision.refresh_from_db()
    assert revision.status == Status.ACCEPTED and revision.accepted_at is not None


def test_negative_budget_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        BudgetLineFactory(amount=-1)


def test_member_keys_are_unique_within_a_revision():
    revision = DeclarationRevisionFactory()
    MemberFactory(revision=revision, key="same")
    with pytest.raises(IntegrityError):
        MemberFactory(revision=revision, key="same")


def test_an_organization_links_to_master_data_by_code():
    city = Organization.objects.create(name="札幌市", kind="municipality", lg_code="011002")
    assert city.municipality.name == "札幌市"
    pref = Organization.objects.create(name="北海道", kind="prefecture", lg_code="010006")
    assert pref.prefecture.name == "北海道"
    ward = Organization.objects.create(name="札幌市中央区", kind="municipality", lg_code="011011")
    assert ward.municipality is None


def test_an_organization_may_be_a_member_of_several_regions():
    organization = OrganizationFactory()
    first = MemberFactory(organization=organization)
    second = MemberFactory(organization=organization)
    assert first.revision.declaration.region != second.revision.declaration.region
    assert organization.memberships.count() == 2


def test_status_changes_cannot_be_edited_or_deleted():
    revision = DeclarationRevisionFactory()
    change = revision_transition(revision=revision, new=Status.SUBMITTED)
    change.comment = "改ざん"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        StatusChange.objects.filter(pk=change.pk).update(comment="一括改ざん")
    with pytest.raises(AppendOnlyError):
        StatusChange.objects.all().delete()
    assert StatusChange.objects.get(pk=change.pk).comment == ""
