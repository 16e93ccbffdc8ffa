"""Tests (pytest selects this module): fast hashing, mail kept in memory, files in a temporary
folder."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

# Every file a test stores (the frozen PDFs …) goes to a folder of this test process, removed
# when it ends, never into the repository's media/ nor a MEDIA_ROOT of the environment (issue 13).
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="region-portal-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
# … and on the file system, even when the environment names a bucket (S3_BUCKET): the object
# storage tests point STORAGES at the S3 server they start themselves (tests/s3_server.py).
STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Deliveries run as soon as they are queued (on commit), so locmem receives the mail; the
# reliability tests (tests/security/test_mail_delivery.py) use the database backend and worker.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DEBUG = False
