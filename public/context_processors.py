from django.conf import settings

from public.licence import data_licence


def portal(request):
    """Facts every page shows: the portal's name and the data licence."""
    return {"PORTAL_NAME": settings.PORTAL_NAME, "DATA_LICENCE": data_licence()}
