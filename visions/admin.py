from django.contrib import admin

from declarations.admin import FrozenAfterDraftMixin
from visions.models import VisionRevision


@admin.register(VisionRevision)
class VisionRevisionAdmin(FrozenAfterDraftMixin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "verified_on", "submitted_at", "published_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [
        "status",
        "version",
        "submitted_at",
        "accepted_at",
        "published_at",
        "publish_on",
    ]
