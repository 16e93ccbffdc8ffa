"""Minimal admin registrations. The reviewer admin (queue, actions) is its own piece of work;
here, master data and the audit trail are read-only, and a revision that has left draft
cannot be changed or deleted from the admin (the model layer would refuse it anyway)."""

from django.contrib import admin

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


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FrozenAfterDraftMixin:
    """No change or delete once the revision (or the revision a row belongs to) has left draft."""

    def _editable(self, obj):
        if obj is None:
            return True
        revision = obj if hasattr(obj, "is_editable") else obj.owning_revision
        return revision.is_editable

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(obj)


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


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
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
class DeclarationRevisionAdmin(FrozenAfterDraftMixin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "submitted_at", "published_at"]
    list_filter = ["status", "kind"]
    search_fields = ["region_name", "members__name"]
    readonly_fields = [
        "status",
        "version",
        "submitted_at",
        "accepted_at",
        "published_at",
        "publish_on",
    ]
    inlines = [DeclarationFieldInline, MemberInline]


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "region", "content_type", "object_id", "old", "new", "actor"]
    list_filter = ["new", "content_type"]
