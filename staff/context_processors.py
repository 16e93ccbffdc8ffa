"""The region's name for every staff page (the breadcrumb and the title)."""

from functools import cache

from declarations.models import DeclarationRevision


def staff_region(request) -> dict:
    """``region_title``: the name in the region's latest declaration revision, looked up only
    when a template reads it (a view that passes its own ``region_title`` wins, and pages
    outside a region get nothing)."""
    region = getattr(request, "staff_region", None)
    if region is None:
        return {}

    @cache  # the title and the breadcrumb read it: one query
    def region_title() -> str:
        return (
            DeclarationRevision.objects.filter(declaration__region=region)
            .order_by("-number")
            .values_list("region_name", flat=True)
            .first()
            or ""
        )

    return {"region_title": region_title}
