"""Who may see and change which region's filings.

Every staff view goes through ``staff_region``: an anonymous user is sent to the
log-in page (by ``login_required``), a user who is not staff of the region gets 404
(the region's existence is not revealed), a viewer asking to edit gets 404 too.
"""

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
