from django.contrib import admin

from declarations.admin import FrozenAfterDraftMixin
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


@admin.register(Project)
class ProjectAdmin(FrozenAfterDraftMixin, admin.ModelAdmin):
    list_display = ["name", "revision", "start", "end", "budget_total"]
    list_select_related = ["revision__vision"]
    search_fields = ["name"]
    inlines = [ImplementerInline, PlanReferenceInline, BudgetLineInline, MilestoneInline]
