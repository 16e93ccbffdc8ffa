"""Admin of the declarations app: master data and the audit trail read-only; revisions
editable only while they are drafts (and then only by someone with the change permission:
reviewers have none). Reviewers read a revision on its review page
(``ministry.admin``), linked from each revision here, and see here only the revisions sent
to them (``SentOnlyForReviewers``, ADR 0133).

A frozen revision is refused twice: the permissions below (403 on a crafted POST) and the
model layer (``FrozenRevisionError``). Should the model layer refuse first (the revision
was submitted while the form was open), ``FrozenErrorAsForbidden`` turns the error into a
403 page, never a 500; nothing is caught to hide it.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import FrozenRevisionError
from declarations.models import (
    DeclarationField,
    DeclarationRevision,
    Member,
    Municipality,
    Organization,
    Prefecture,
    Region,
    StatusChange,
)
from ministry.admin.drafts import ClaimsRevisionDraft, CleansText
from ministry.admin.sent import SentOnlyForReviewers, sees_drafts
from ministry.selectors import reviewer_readable


class ReadOnlyAdmin(admin.ModelAdmin):
    """Visible to whoever may view it; no one adds, changes or deletes through the admin."""

    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FrozenAfterDraftMixin(CleansText):
    """No change or delete once the revision (or the revision a row belongs to) has left draft.
    Used by every draft admin and inline, so their text goes through the one cleaner too."""

    def _editable(self, obj):
        if obj is None:
            return True
        revision = obj if hasattr(obj, "is_editable") else obj.owning_revision
        return revision.is_editable

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(obj)


class FrozenErrorAsForbidden:
    """A write the model layer refuses as frozen answers 403 (the page says why)."""

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except FrozenRevisionError as error:
            raise PermissionDenied(str(error)) from error

    def delete_view(self, request, *args, **kwargs):
        try:
            return super().delete_view(request, *args, **kwargs)
        except FrozenRevisionError as error:
            raise PermissionDenied(str(error)) from error

    def changelist_view(self, request, *args, **kwargs):
        try:
            return super().changelist_view(request, *args, **kwargs)
        except FrozenRevisionError as error:
            raise PermissionDenied(str(error)) from error

    def delete_queryset(self, request, queryset):
        if queryset.exclude(status="draft").exists():
            raise PermissionDenied(_("送付した版は削除できません。"))
        super().delete_queryset(request, queryset)


def review_link(revision):
    """A link to the reviewers' page of a revision that has been submitted, else a dash."""
    if revision is None or revision.pk is None or not revision.is_sent:
        return "—"
    url = reverse("admin:reviews_revision", args=[revision.document, revision.pk])
    return format_html('<a href="{}">{}</a>', url, _("審査の画面を開く"))


@admin.register(Prefecture)
class PrefectureAdmin(ReadOnlyAdmin):
    list_display = ["code", "lg_code", "name", "kana", "name_en", "block_name"]
    list_filter = ["block_name"]
    search_fields = ["name", "kana", "name_en", "lg_code"]


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ["lg_code", "name", "kana", "prefecture"]
    list_filter = ["prefecture"]
    list_select_related = ["prefecture"]
    search_fields = ["name", "kana", "lg_code"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["slug", "created_at"]
    search_fields = ["slug", "declaration__revisions__region_name"]

    def get_search_fields(self, request):
        # A reviewer finds a region by the names its sent revisions declare, not a draft's.
        return self.search_fields if sees_drafts(request, DeclarationRevision) else ["slug"]

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term and not sees_drafts(request, DeclarationRevision):
            named = DeclarationRevision.objects.filter(region_name__icontains=search_term)
            regions = reviewer_readable(named).values("declaration__region")
            found = found | queryset.filter(pk__in=regions)
        return found, duplicates


@admin.register(Organization)
class OrganizationAdmin(SentOnlyForReviewers, admin.ModelAdmin):
    # An organization a draft adds is the draft's until it is sent.
    revision_lookup = "memberships__revision"
    list_display = ["name", "kind", "lg_code"]
    list_filter = ["kind"]
    search_fields = ["name", "lg_code"]
    readonly_fields = ["prefecture", "municipality"]


class DeclarationFieldInline(FrozenAfterDraftMixin, admin.TabularInline):
    model = DeclarationField
    extra = 0


class MemberInline(FrozenAfterDraftMixin, admin.TabularInline):
    model = Member
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(DeclarationRevision)
class DeclarationRevisionAdmin(
    SentOnlyForReviewers,
    ClaimsRevisionDraft,
    FrozenErrorAsForbidden,
    FrozenAfterDraftMixin,
    admin.ModelAdmin,
):
    # get_absolute_url is the region staff's page, which reviewers cannot open.
    view_on_site = False
    list_display = ["__str__", "kind", "status", "submitted_at", "published_at", "review"]
    list_filter = ["status", "kind"]
    list_select_related = ["declaration__region"]
    search_fields = ["region_name", "declaration__region__slug", "members__name"]
    readonly_fields = [
        "review",
        "status",
        "version",
        "submitted_at",
        "accepted_at",
        "published_at",
        "publish_on",
    ]
    inlines = [DeclarationFieldInline, MemberInline]

    @admin.display(description=_("審査"))
    def review(self, obj):
        return review_link(obj)


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "region", "content_type", "object_id", "old", "new", "actor"]
    list_filter = ["new", "content_type"]
    list_select_related = ["region", "content_type", "actor"]
    search_fields = ["region__slug", "comment"]
