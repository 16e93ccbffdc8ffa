from django.apps import AppConfig


class RegionPortalConfig(AppConfig):
    """The project package as an app of its own: no models, only the system checks of the
    settings it composes (``region_portal.checks``)."""

    name = "region_portal"
    verbose_name = "広域リージョン連携ポータル"

    def ready(self):
        from region_portal import checks  # noqa: F401 (registers the checks)
