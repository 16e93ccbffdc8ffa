from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionPortalConfig(AppConfig):
    name = "region_portal"
    verbose_name = _("広域リージョン連携ポータル")
