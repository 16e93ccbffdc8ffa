from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class MinistryConfig(AppConfig):
    name = "ministry"
    verbose_name = _("審査（管理画面）")
    # This module also holds PortalAdminConfig; "ministry" in INSTALLED_APPS means this one.
    default = True

    def ready(self):
        # After the admin's autodiscovery (PortalAdminConfig comes first in INSTALLED_APPS):
        # Japanese labels on the pages of django-axes, django-otp and django-tasks-db.
        from django.contrib import admin

        from ministry.third_party_labels import admin_labels_apply, labels_apply

        labels_apply()
        admin_labels_apply(admin.site)


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin whose default site asks every user for a second factor (ADR 0082).

    INSTALLED_APPS names this instead of ``django.contrib.admin``; ``admin.site`` is then a
    ``ministry.admin_site.PortalAdminSite`` and every ``admin.register`` goes to it.
    """

    default_site = "ministry.admin_site.PortalAdminSite"
    # Named in INSTALLED_APPS by its path; never chosen for "ministry" itself.
    default = False
