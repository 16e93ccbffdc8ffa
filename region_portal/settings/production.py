"""Production mode: DJANGO_SETTINGS_MODULE=region_portal.settings.production.

SECRET_KEY, ALLOWED_HOSTS, PORTAL_BASE_URL and DATABASE_URL must be given; a missing or malformed
one stops start-up with one line naming it. ``manage.py check --deploy`` passes
without warnings. TLS ends at the reverse proxy, which sets X-Forwarded-Proto.
"""

from region_portal.env import (
    BASE_DIR,
    database_url,
    default_storage_from_env,
    env,
    mailer_from_url,
    portal_base_url,
    require_list,
    require_secret_key,
)

from .base import *  # noqa: F403

SECRET_KEY = require_secret_key()
ALLOWED_HOSTS = require_list("ALLOWED_HOSTS")
PORTAL_BASE_URL = portal_base_url()
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=[f"https://{h}" for h in ALLOWED_HOSTS]
)
DATABASES = {"default": database_url()}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEBUG = env.bool("DEBUG", default=False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

STORAGES = {
    # The frozen PDFs: MEDIA_ROOT, or the bucket of S3_BUCKET (ADR 0103). Static files stay
    # on each app server (collectstatic, served by WhiteNoise).
    "default": default_storage_from_env(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
WHITENOISE_USE_FINDERS = False
MAILERS = {"default": mailer_from_url(env.str("EMAIL_URL", default="smtp://localhost:25"))}
