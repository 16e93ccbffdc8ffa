"""Write use cases of the projects app: adding and deleting a vision draft's projects.

Saving a project's items and rows is ``workflow.drafts.project_save`` (the rows'
writer, ``workflow.rows``, is in the workflow layer); the change and abolition of a
vision, whose copy includes its projects, are ``workflow.revisions``."""

from django.db import transaction
from django.db.models import Max

from declarations.services import draft_claim
from filing.bundle.limits import PROJECTS
from projects.models import PROJECT_CHILDREN, Project
from visions.models import VisionRevision

MAX_PROJECTS = PROJECTS.most  # the region bundle's limit (filing.bundle.limits)


class ProjectLimitReached(Exception):
    def __init__(self):
        super().__init__(PROJECTS.message())


@transaction.atomic
def project_add(*, revision: VisionRevision, version, actor=None) -> Project:
    """A new, empty project at the end of the vision draft opened at ``version``."""
    draft_claim(revision, version)
    if revision.projects.count() >= MAX_PROJECTS:
        raise ProjectLimitReached
    last = revision.projects.aggregate(last=Max("position"))["last"]
    return Project.objects.create(revision=revision, position=0 if last is None else last + 1)


@transaction.atomic
def project_delete(*, project: Project, version, actor=None) -> None:
    """The project's own rows only: callers delete a project through
    ``workflow.drafts.project_delete``, which removes its attachments first (ADR 0119)."""
    draft_claim(project.revision, version)
    project.delete()


def projects_loaded(revision: VisionRevision):
    """The revision's projects with every child row (six queries, whatever the count)."""
    return list(revision.projects.prefetch_related(*PROJECT_CHILDREN))
