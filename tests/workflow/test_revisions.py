"""When a new revision may start (``may_start``, the one check), and the change and abolition
that start as a copy of the published revision."""

import pytest

from declarations.lifecycle import Kind
from declarations.services import RevisionNotStarted
from filing.bundle import read_bundle_file
from tests.factories import UserFactory
from tests.staff_helpers import BUNDLES
from workflow.adapter import filing_import
from workflow.revisions import (
    may_start,
    revision_start_abolition,
    revision_start_change,
    successor_base,
)
from workflow.verbs import revision_accept, revision_return, revision_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return UserFactory(username="actor")


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
        revision_start_change(document="declaration", region=imported.region, actor=actor)


def test_no_change_after_an_abolition_was_published(actor):
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="s")
    revision_submit(revision=imported.declaration_revision, actor=actor)
    revision_accept(revision=imported.declaration_revision, actor=actor)
    abolition = revision_start_abolition(
        document="declaration",
        region=imported.region,
        actor=actor,
        reason="目的達成",
        consulted_on=None,
    )
    abolition.consulted_on = abolition.created_at.date()
    abolition.save()
    revision_submit(revision=abolition, actor=actor)
    revision_accept(revision=abolition, actor=actor)

    with pytest.raises(RevisionNotStarted, match="廃止されています"):
        successor_base(imported.region, "declaration")


def test_a_vision_change_copies_every_project_row(actor):
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="s")
    for revision in (imported.declaration_revision, imported.vision_revision):
        revision_submit(revision=revision, actor=actor)
        revision_accept(revision=revision, actor=actor)

    change = revision_start_change(document="vision", region=imported.region, actor=actor)

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


def test_a_change_copies_members_with_their_organizations(actor):
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="s")
    revision_submit(revision=imported.declaration_revision, actor=actor)
    revision_accept(revision=imported.declaration_revision, actor=actor)

    change = revision_start_change(document="declaration", region=imported.region, actor=actor)

    def rows(revision):
        members = [
            (m.key, m.name, m.kind, m.lg_code, m.organization_id) for m in revision.members.all()
        ]
        return members, [(f.code, f.text) for f in revision.fields.all()]

    assert rows(change) == rows(imported.declaration_revision)


def test_a_region_without_a_revision_may_start_its_first(actor):
    imported = filing_import(read_bundle_file(BUNDLES / "declaration_only.json"), slug="s")

    assert may_start(imported.region, "vision") is None
    with pytest.raises(RevisionNotStarted, match="作成中です"):
        may_start(imported.region, "declaration")
