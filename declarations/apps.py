from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class DeclarationsConfig(AppConfig):
    name = "declarations"
    verbose_name = _("連携宣言")
    # The 審査担当 group's permissions on this app's models (accounts.reviewer_group, ADR 0125).
    reviewer_permissions = (
        "view_region",
        "view_organization",
        "view_declaration",
        "view_declarationrevision",
        "view_declarationfield",
        "view_member",
        "view_statuschange",
        "view_prefecture",
        "view_municipality",
    )

    def ready(self):
        # The master data is cached per process (declarations.selectors.master_data);
        # a write to it, by load_master_data or a test, makes the next read go to the database.
        from declarations.models import Municipality, Prefecture
        from declarations.selectors import master_data_clear

        def forget(**kwargs):
            master_data_clear()

        for model in (Prefecture, Municipality):
            post_save.connect(
                forget, sender=model, weak=False, dispatch_uid=f"master-{model.__name__}"
            )
            post_delete.connect(
                forget, sender=model, weak=False, dispatch_uid=f"master-del-{model.__name__}"
            )
