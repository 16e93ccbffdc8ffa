"""Tests (pytest selects this module): fast hashing, mail kept in memory."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Deliveries run as soon as they are queued (on commit), so locmem receives the mail; the
# reliability tests (tests/security/test_mail_delivery.py) use the database backend and worker.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DEBUG = False
