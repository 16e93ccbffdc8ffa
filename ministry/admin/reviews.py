"""The reviewers' admin: read-only comments and decisions, and the review pages.

The review pages (queue, revision, overview, audit trail) hang under the ``Review``
admin's URLs (``/admin/reviews/review/queue/`` …), so they go through the admin's log-in
and each checks its own permission (``ministry.admin.views``). Comments and decisions are
part of the audit trail: no one adds, changes or deletes them through the admin.
"""

from django.contrib import admin
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from declarations.models import DeclarationRevision
from ministry.admin import views
from reviews.models import Comment, Review
from visions.models import VisionRevision

admin.site.site_header = _("広域リージョン連携ポータル 管理画面")
admin.site.site_title = _("広域リージョン連携ポータル 管理画面")
admin.site.index_title = _("管理画面のトップ")


class AuditRowAdmin(admin.ModelAdmin):
    """Part of the audit trail: visible to those who may view it, never added, changed or deleted."""

    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # The revision of each row in two queries, not one per row.
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                GenericPrefetch(
                    "revision",
                    [
                        DeclarationRevision.objects.select_related("declaration__region"),
                        VisionRevision.objects.select_related(
                            "vision__region", "declaration_revision"
                        ),
                    ],
                )
            )
        )

    @admin.display(description=_("版"))
    def revision_link(self, obj):
        revision = obj.revision
        if revision is None:
            return "—"
        url = reverse("admin:reviews_revision", args=[revision.document, revision.pk])
        return format_html('<a href="{}">{}</a>', url, revision.label)


@admin.register(Comment)
class CommentAdmin(AuditRowAdmin):
    list_display = [
        "created_at",
        "region",
        "revision_link",
        "anchor",
        "author",
        "by_reviewer",
        "resolved_at",
    ]
    list_filter = ["by_reviewer", "region"]
    list_select_related = ["region", "author"]
    search_fields = ["body"]
    fields = [
        "region",
        "revision_link",
        "parent",
        "anchor",
        "author",
        "by_reviewer",
        "body",
        "created_at",
        "resolved_at",
        "resolved_by",
    ]
    readonly_fields = fields


@admin.register(Review)
class ReviewAdmin(AuditRowAdmin):
    list_display = ["at", "region", "revision_link", "decision", "reviewer", "publish_on"]
    list_filter = ["decision", "region"]
    list_select_related = ["region", "reviewer"]
    fields = ["region", "revision_link", "decision", "comment", "reviewer", "publish_on", "at"]
    readonly_fields = fields

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("queue/", wrap(views.queue), name="reviews_queue"),
            path("overview/", wrap(views.overview), name="reviews_overview"),
            path("audit/", wrap(views.audit), name="reviews_audit"),
            path(
                "revisions/<str:document>/<int:pk>/",
                wrap(views.revision_page),
                name="reviews_revision",
            ),
            path(
                "revisions/<str:document>/<int:pk>/comment/",
                wrap(views.revision_comment),
                name="reviews_revision_comment",
            ),
            path(
                "revisions/<str:document>/<int:pk>/return/",
                wrap(views.revision_return_view),
                name="reviews_revision_return",
            ),
            path(
                "revisions/<str:document>/<int:pk>/accept/",
                wrap(views.revision_accept_view),
                name="reviews_revision_accept",
            ),
            path(
                "comments/<int:pk>/resolve/",
                wrap(views.comment_resolve),
                name="reviews_comment_resolve",
            ),
            *super().get_urls(),
        ]
