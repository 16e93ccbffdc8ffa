from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from declarations.lifecycle import EDITABLE_STATUSES
from ministry.admin.declarations import FrozenAfterDraftMixin, FrozenErrorAsForbidden
from ministry.admin.drafts import ClaimsVisionDraft
from ministry.admin.sent import SentOnlyForReviewers
from projects.models import BudgetLine, Implementer, Milestone, PlanReference, Project


class ImplementerInline(FrozenAfterDraftMixin, admin.TabularInline):
    model = Implementer
    extra = 0


class PlanReferenceInline(FrozenAfterDraftMixin, admin.TabularInline):
    model = PlanReference
    extra = 0


class BudgetLineInline(FrozenAfterDraftMixin, admin.TabularInline):
    model = BudgetLine
    extra = 0


class MilestoneInline(FrozenAfterDraftMixin, admin.TabularInline):
    model = Milestone
    extra = 0


class DraftProjectsOnly(FrozenErrorAsForbidden):
    """Projects live in vision revisions; only a draft revision's projects may be deleted."""

    def delete_queryset(self, request, queryset):
        if queryset.exclude(revision__status__in=EDITABLE_STATUSES).exists():
            raise PermissionDenied(_("送付した版のプロジェクトは削除できません。"))
        admin.ModelAdmin.delete_queryset(self, request, queryset)


@admin.register(Project)
class ProjectAdmin(
    SentOnlyForReviewers,
    ClaimsVisionDraft,
    DraftProjectsOnly,
    FrozenAfterDraftMixin,
    admin.ModelAdmin,
):
    revision_lookup = "revision"
    list_display = ["name", "revision", "start", "end", "budget_total"]
    list_select_related = ["revision__vision__region", "revision__declaration_revision"]
    search_fields = ["name"]
    inlines = [ImplementerInline, PlanReferenceInline, BudgetLineInline, MilestoneInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A project can be added to, or moved into, a draft revision only.
        if db_field.name == "revision":
            kwargs["queryset"] = db_field.related_model.objects.filter(
                status__in=EDITABLE_STATUSES
            ).select_related("vision")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
