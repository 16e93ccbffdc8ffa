from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("アカウントと権限")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from accounts import mfa
        from accounts.reviewer_group import sync_reviewer_group

        # Session state, not a business rule: a user with a device owes a code (ADR 0082).
        user_logged_in.connect(mfa.mark_pending_at_login, dispatch_uid="accounts.mfa.pending")
        post_migrate.connect(sync_reviewer_group, dispatch_uid="accounts.reviewer_group")
