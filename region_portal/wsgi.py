"""WSGI entry point for gunicorn: ``gunicorn region_portal.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "region_portal.settings.dev")
application = get_wsgi_application()
