"""What a reviewer reads of the revisions in the admin's model pages: only what was sent
(ADR 0133), as on the review pages (``ministry.selectors.reviewer_readable``).

A draft the region has never sent is the region's, so the admins of the revisions and of the
rows of a revision (projects; members and fields are their revision's inlines) show a user
who may not change those rows only the rows of a sent revision. The list, its search, the
counts of its filters, the change, history and delete pages and the autocomplete all start
from ``get_queryset``; a row outside it answers as an id that does not exist. The portal's
operators, who edit drafts in the admin (they hold the change permission; reviewers hold
view permissions only), see every row.
"""

from django.contrib.auth import get_permission_codename

from ministry.selectors import reviewer_readable


def sees_drafts(request, model) -> bool:
    """Whether the user may change ``model`` in the admin, and so reads its drafts too."""
    opts = model._meta
    return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")


class SentOnlyForReviewers:
    """For a ModelAdmin: without the change permission, only the rows of sent revisions.
    ``revision_lookup`` is the way from a row to its revision ("" for a revision admin)."""

    revision_lookup = ""

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        if sees_drafts(request, self.model):
            return rows
        return reviewer_readable(rows, self.revision_lookup)
