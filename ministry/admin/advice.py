"""The reviewers' list 「事前相談」 (ADR 0116), apart from the submissions queue: every
question of the regions' editors on a draft, read-only (an audit row). Answering from the
admin (``reviews.advice.advice_comment``) is still to be built."""

from django.contrib import admin

from ministry.admin.reviews import AuditRowAdmin
from reviews.models import AdviceRequest


@admin.register(AdviceRequest)
class AdviceRequestAdmin(AuditRowAdmin):
    list_display = ["asked_at", "region", "revision_link", "anchor", "asked_by"]
    list_filter = ["region"]
    list_select_related = ["region", "asked_by"]
    search_fields = ["question"]
    fields = ["region", "revision_link", "anchor", "question", "asked_by", "asked_at"]
    readonly_fields = fields
