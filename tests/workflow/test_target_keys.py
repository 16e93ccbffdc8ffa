"""A target keeps its key across the vision's revisions (workflow.rows.TargetKeys, ADR 0108):
the key a form carries is only a hint; a bundle's targets (no keys) find theirs by name."""

import dataclasses

import pytest

from projects.models import ProjectTarget
from tests.reports.helpers import editor, published, region  # noqa: F401 (fixtures)
from workflow.revisions import revision_start_change
from workflow.rows import project_row, write_project

pytestmark = pytest.mark.django_db


def first_project(revision):
    return revision.projects.order_by("position").first()


def test_a_renamed_target_keeps_its_key_and_a_forged_key_is_replaced(published, editor):
    change = revision_start_change(region=published.region, document="vision", actor=editor)
    project = first_project(change)
    row = project_row(project)
    key = row.targets[0].key
    renamed = dataclasses.replace(row.targets[0], name="名前を変えた指標")
    write_project(project, dataclasses.replace(row, targets=(renamed,)))
    assert list(project.targets.values_list("key", "name")) == [(key, "名前を変えた指標")]

    forged = dataclasses.replace(row.targets[0], key="t-forged", name="別の指標")
    write_project(project, dataclasses.replace(row, targets=(forged,)))
    stored = project.targets.get()
    assert stored.key not in {"t-forged", key} and stored.key.startswith("t")


def test_a_target_without_key_finds_its_key_by_name(published, editor):
    change = revision_start_change(region=published.region, document="vision", actor=editor)
    project = first_project(change)
    row = project_row(project)
    key = row.targets[0].key
    unkeyed = dataclasses.replace(row.targets[0], key="")
    write_project(project, dataclasses.replace(row, targets=(unkeyed,)))
    assert project.targets.get().key == key
    # two targets of one revision never share a key
    write_project(project, dataclasses.replace(row, targets=(unkeyed, unkeyed)))
    keys = list(ProjectTarget.objects.filter(project=project).values_list("key", flat=True))
    assert len(set(keys)) == 2 and key in keys
