"""Settings of the app servers that tests/region_portal/test_two_app_servers.py starts with
gunicorn: production settings (every variable from the environment: PostgreSQL, Redis, the
bucket), except two things that are each server's own and not what is tested there:

- static files from the finders, as in development (production collects them with
  ``collectstatic`` into STATIC_ROOT on each app server: seconds the test need not spend);
- the test suite's fast password hasher (the users are made by the test process).
"""

from region_portal.settings.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
