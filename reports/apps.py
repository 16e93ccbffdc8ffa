from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("検証・報告")
    # The 審査担当 group's permissions on this app's models (accounts.reviewer_group, ADR 0125).
    reviewer_permissions = (
        "view_verification",
        "view_assessment",
        "return_verification",
        "accept_verification",
        "view_verificationreminder",
        "view_targetresult",
        "return_targetresult",
        "accept_targetresult",
        "view_resultreminder",
    )
