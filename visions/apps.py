from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisionsConfig(AppConfig):
    name = "visions"
    verbose_name = _("連携ビジョン")
    # The 審査担当 group's permissions on this app's models (accounts.reviewer_group, ADR 0125).
    reviewer_permissions = (
        "view_vision",
        "view_visionrevision",
    )
