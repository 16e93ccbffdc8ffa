"""The admin site of reviewers and operators: no page without a verified second factor.

Everyone who may use the admin (``is_staff``) is a reviewer or an operator (ADR 0082), so the
site asks each of them for a verified one-time password (django-otp) on top of the password.
A signed-in admin user who has none yet is sent from the admin's log-in page to enrol
(``mfa_setup``) or to enter a code (``mfa_verify``), and comes back to the page they asked for.

Outside the ``ministry.admin`` package on purpose: that package registers the ModelAdmins on
``admin.site``, which is built from this class, so importing it here would build the site twice.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from accounts import mfa, throttling

# What the reviewers' pages need (ministry.admin.views.READ_PERMISSIONS).
REVIEW_READ_PERMISSIONS = ("declarations.view_declarationrevision", "visions.view_visionrevision")


class PortalAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        """The top page, with how many revisions wait for review (issue 13)."""
        waiting = None
        if request.user.has_perms(REVIEW_READ_PERMISSIONS):
            from declarations.lifecycle import Status
            from ministry.selectors import status_counts

            row = next(r for r in status_counts() if r["status"] == Status.SUBMITTED)
            waiting = {
                "declaration": row["declaration"],
                "vision": row["vision"],
                "total": row["declaration"] + row["vision"],
                "url": f"{reverse('admin:reviews_queue')}?{urlencode({'status': Status.SUBMITTED})}",
            }
        return super().index(request, {"waiting": waiting, **(extra_context or {})})

    def has_permission(self, request):
        return super().has_permission(request) and mfa.is_verified(request.user)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_active and user.is_staff and not mfa.is_verified(user):
            next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
            return redirect(f"{reverse(mfa.next_step(user))}?{urlencode({'next': next_url})}")
        return super().login(request, {**throttling.lockout_facts(), **(extra_context or {})})
