from django.conf import settings


def portal(request):
    """Facts every page shows: the portal's name and the data licence."""
    return {"PORTAL_NAME": settings.PORTAL_NAME, "DATA_LICENCE": settings.DATA_LICENCE}
