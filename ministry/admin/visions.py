from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ministry.admin.declarations import FrozenAfterDraftMixin, FrozenErrorAsForbidden, review_link
from ministry.admin.drafts import ClaimsRevisionDraft
from ministry.admin.sent import SentOnlyForReviewers
from visions.models import VisionRevision


@admin.register(VisionRevision)
class VisionRevisionAdmin(
    SentOnlyForReviewers,
    ClaimsRevisionDraft,
    FrozenErrorAsForbidden,
    FrozenAfterDraftMixin,
    admin.ModelAdmin,
):
    # get_absolute_url is the region staff's page, which reviewers cannot open.
    view_on_site = False
    list_display = [
        "__str__",
        "kind",
        "status",
        "verified_on",
        "submitted_at",
        "published_at",
        "review",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["vision__region", "declaration_revision"]
    search_fields = ["vision__region__slug", "projects__name"]
    readonly_fields = [
        "review",
        "status",
        "version",
        "submitted_at",
        "accepted_at",
        "published_at",
        "publish_on",
    ]

    @admin.display(description=_("審査"))
    def review(self, obj):
        return review_link(obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "declaration_revision":
            kwargs["queryset"] = db_field.related_model.objects.select_related("declaration")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
