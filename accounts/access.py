"""Who may see and change which region's filings.

Every staff view goes through ``staff_region``: an anonymous user is sent to the
log-in page (by ``login_required``), a user who is not staff of the region gets 404
(the region's existence is not revealed), a viewer asking to edit gets 404 too.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import RegionRole
from declarations.models import Region


def role_in(user, region) -> RegionRole | None:
    if not user.is_authenticated:
        return None
    return RegionRole.objects.filter(user=user, region=region).first()


def staff_region(request, slug: str, *, edit: bool = False) -> tuple[Region, RegionRole]:
    """The region ``slug`` and the user's role in it, or 404."""
    region = get_object_or_404(Region, slug=slug)
    role = role_in(request.user, region)
    if role is None or (edit and not role.can_edit):
        raise Http404
    return region, role


def staff_regions(user):
    """The regions the user is staff of."""
    if not user.is_authenticated:
        return Region.objects.none()
    return Region.objects.filter(staff_roles__user=user).distinct()


def region_editors(region):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        region_roles__region=region, region_roles__role=RegionRole.Role.EDITOR, is_active=True
    )


# --- Decorators for staff views ------------------------------------------------------------
#
# Every view under /staff/<slug>/ is wrapped in exactly one of these. The permission walk
# (tests/test_staff_url_permissions.py) enumerates every /staff/ URL pattern, reads the
# ``staff_access`` marker they leave on the view, and fails for a view that has none.
#
#   @staff_required   read page: any staff role of the region may GET it; any other method
#                     (POST, PUT, PATCH, DELETE) needs the editor role, as if @editor_required.
#   @editor_required  edit endpoint: every method needs the editor role (a viewer gets 404).
#
# The view keeps its signature (it still receives ``slug``); the decorator has already
# checked it and leaves the region and the role on the request:
#
#     @staff_required
#     def declaration_detail(request, slug):
#         region = request.staff_region           # the Region, already checked
#         role = request.staff_role               # the user's RegionRole (.can_edit)
#
# Anonymous users are sent to the log-in page; users who are not staff of the region, and
# viewers on edit endpoints, get 404 (the region's existence is not revealed).

STAFF_ACCESS_READ = "read"
STAFF_ACCESS_EDIT = "edit"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _staff_view(view, *, always_edit: bool):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        slug = kwargs.get("slug")
        if slug is None:
            raise ImproperlyConfigured(
                f"{view.__qualname__}: a staff view needs a <slug:slug> URL parameter"
            )
        edit = always_edit or request.method not in SAFE_METHODS
        region, role = staff_region(request, slug, edit=edit)
        request.staff_region = region
        request.staff_role = role
        return view(request, *args, **kwargs)

    guarded = login_required(wrapped)
    guarded.staff_access = STAFF_ACCESS_EDIT if always_edit else STAFF_ACCESS_READ
    return guarded


def staff_required(view):
    """A read page of one region: any staff role may GET; other methods need an editor."""
    return _staff_view(view, always_edit=False)


def editor_required(view):
    """An edit endpoint of one region: every method needs the editor role."""
    return _staff_view(view, always_edit=True)


def staff_access(view) -> str | None:
    """The marker left by ``staff_required``/``editor_required`` (None when undecorated)."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return getattr(view_class, "staff_access", None) or getattr(view, "staff_access", None)
    return getattr(view, "staff_access", None)
