from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("プロジェクト")
    # The 審査担当 group's permissions on this app's models (accounts.reviewer_group, ADR 0125).
    reviewer_permissions = (
        "view_project",
        "view_implementer",
        "view_planreference",
        "view_budgetline",
        "view_milestone",
    )
