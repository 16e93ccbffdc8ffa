from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("審査")
    # The 審査担当 group's permissions on this app's models (accounts.reviewer_group, ADR 0125).
    reviewer_permissions = (
        "view_comment",
        "add_comment",
        "resolve_comment",
        "view_review",
        "return_revision",
        "accept_revision",
        "view_advicerequest",
    )
