"""The reviewers' 事前相談 (ADR 0116), apart from the submissions queue: the read-only list
of the questions (audit rows), and under its URLs the reviewers' own queue and the answer
page (``ministry.admin.advice_views``)."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ministry.admin import advice_views
from ministry.admin.reviews import AuditRowAdmin
from reviews.models import AdviceRequest


@admin.register(AdviceRequest)
class AdviceRequestAdmin(AuditRowAdmin):
    list_display = ["asked_at", "region", "revision_link", "anchor", "asked_by", "answer_link"]
    list_filter = ["region"]
    list_select_related = ["region", "asked_by"]
    search_fields = ["question"]
    fields = ["region", "revision_link", "anchor", "question", "asked_by", "asked_at"]
    readonly_fields = fields

    @admin.display(description=_("版"))
    def revision_link(self, obj):
        # A draft has no review page (reviewers read it through the question): its label.
        revision = obj.revision
        if revision is None:
            return "—"
        if not revision.is_sent:
            return revision.label
        return super().revision_link(obj)

    @admin.display(description=_("回答"))
    def answer_link(self, obj):
        url = reverse("admin:reviews_advice_answer", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("回答の画面を開く"))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("queue/", wrap(advice_views.advice_queue_page), name="reviews_advice_queue"),
            path(
                "<int:pk>/answer/",
                wrap(advice_views.advice_answer_page),
                name="reviews_advice_answer",
            ),
            path(
                "<int:pk>/answer/post/",
                wrap(advice_views.advice_answer),
                name="reviews_advice_answer_post",
            ),
            *super().get_urls(),
        ]
