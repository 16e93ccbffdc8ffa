from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    label = "support"
    verbose_name = _("国の支援措置")
    # The 審査担当 group's permissions on this app's models (accounts.reviewer_group, ADR 0125).
    reviewer_permissions = (
        "view_supportmeasure",
        "add_supportmeasure",
        "change_supportmeasure",
        "delete_supportmeasure",
        "view_supportmatchdecision",
        "change_supportmatchdecision",
        "view_supportmatchevent",
        "view_supportrequest",
        "publish_supportrequest",
        "view_supportrequestevent",
        "view_requestforwarding",
        "add_requestforwarding",
        "change_requestforwarding",
    )
