"""Settings of bench/bench_public.py: production settings, plus the bench's own URLconf
(which adds a constant view to compare with). Never used by the site itself.

The bench sets the environment production needs (SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL, STATIC_ROOT; SECURE_SSL_REDIRECT off, since it speaks plain HTTP on the
loopback).
"""

from region_portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
LOGGING = {"version": 1, "disable_existing_loggers": False}
