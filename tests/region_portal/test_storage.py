"""Where the frozen PDFs are kept, from the environment (issue 14, ADR 0103): MEDIA_ROOT by
default, the bucket of ``S3_BUCKET`` otherwise; a malformed variable stops start-up with one
line, and ``manage.py check`` refuses an S3 set-up that could lose or expose a PDF."""

import pytest
from django.core import checks

from region_portal.checks import object_storage_deployment, object_storage_settings
from region_portal.env import FILE_SYSTEM_STORAGE, OBJECT_STORAGE, default_storage_from_env
from tests.region_portal.test_settings import production_env, run_manage

S3_NAMES = (
    "S3_BUCKET",
    "S3_ENDPOINT_URL",
    "S3_REGION",
    "S3_PREFIX",
    "S3_ADDRESSING_STYLE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
)
SHOW = (
    "from django.conf import settings; s = settings.STORAGES['default'];"
    " print(s['BACKEND'], sorted(s.get('OPTIONS', {}).items()))"
)


@pytest.fixture
def no_s3(monkeypatch):
    for name in S3_NAMES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_without_a_bucket_the_pdfs_stay_in_media_root(no_s3):
    assert default_storage_from_env() == {"BACKEND": FILE_SYSTEM_STORAGE}


def test_a_bucket_selects_private_object_storage_that_never_overwrites(no_s3):
    no_s3.setenv("S3_BUCKET", "region-portal-documents")
    no_s3.setenv("S3_ENDPOINT_URL", "https://s3.isk01.sakurastorage.jp/")
    no_s3.setenv("S3_REGION", "jp-north-1")
    no_s3.setenv("S3_PREFIX", "/production/")
    no_s3.setenv("S3_ADDRESSING_STYLE", "path")

    storage = default_storage_from_env()

    assert storage["BACKEND"] == OBJECT_STORAGE
    assert storage["OPTIONS"] == {
        "bucket_name": "region-portal-documents",
        "endpoint_url": "https://s3.isk01.sakurastorage.jp",
        "region_name": "jp-north-1",
        "location": "production",
        "addressing_style": "path",
        "default_acl": None,
        "querystring_auth": False,
        "file_overwrite": False,
        "signature_version": "s3v4",
    }


def test_aws_itself_needs_only_the_bucket(no_s3):
    no_s3.setenv("S3_BUCKET", "portal.example.jp")

    options = default_storage_from_env()["OPTIONS"]

    assert options["bucket_name"] == "portal.example.jp"
    assert "endpoint_url" not in options and "location" not in options


def test_the_key_is_left_to_boto3(no_s3):
    """The settings never hold the secret: boto3 reads it from the environment itself."""
    no_s3.setenv("S3_BUCKET", "documents")
    no_s3.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
    no_s3.setenv("AWS_SECRET_ACCESS_KEY", "very-secret")

    options = default_storage_from_env()["OPTIONS"]

    assert "very-secret" not in repr(options)


def test_production_reads_the_bucket_from_the_environment():
    s3 = run_manage(
        "shell",
        "-c",
        SHOW,
        **production_env(S3_BUCKET="documents", S3_ENDPOINT_URL="https://r2.example.com"),
    )
    local = run_manage("shell", "-c", SHOW, **production_env(S3_BUCKET=""))

    assert s3.stdout.strip().splitlines()[-1].startswith(OBJECT_STORAGE), s3.stderr
    assert "('bucket_name', 'documents')" in s3.stdout
    assert local.stdout.strip().splitlines()[-1].startswith(FILE_SYSTEM_STORAGE), local.stderr


@pytest.mark.parametrize(
    ("overrides", "variable"),
    [
        ({"S3_ENDPOINT_URL": "https://s3.example.jp"}, "S3_BUCKET"),
        ({"S3_PREFIX": "portal"}, "S3_BUCKET"),
        ({"S3_BUCKET": "Documents_2026"}, "S3_BUCKET"),
        ({"S3_BUCKET": "ab"}, "S3_BUCKET"),
        ({"S3_BUCKET": "documents", "S3_ENDPOINT_URL": "s3.example.jp"}, "S3_ENDPOINT_URL"),
        (
            {"S3_BUCKET": "documents", "S3_ENDPOINT_URL": "https://s3.example.jp/documents"},
            "S3_ENDPOINT_URL",
        ),
        ({"S3_BUCKET": "documents", "S3_PREFIX": "a/../b"}, "S3_PREFIX"),
        ({"S3_BUCKET": "documents", "S3_ADDRESSING_STYLE": "dns"}, "S3_ADDRESSING_STYLE"),
        ({"S3_BUCKET": "documents", "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE"}, "AWS_SECRET_ACCESS_KEY"),
        ({"S3_BUCKET": "documents", "AWS_SECRET_ACCESS_KEY": "secret"}, "AWS_ACCESS_KEY_ID"),
    ],
)
def test_a_bad_storage_variable_stops_with_one_line_naming_it(overrides, variable):
    cleared = dict.fromkeys(S3_NAMES, "")
    result = run_manage("check", **production_env(**{**cleared, **overrides}))

    assert result.returncode == 3, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert variable in line and "Traceback" not in result.stderr


def test_check_deploy_is_clean_with_a_complete_s3_set_up():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **production_env(
            S3_BUCKET="documents",
            S3_ENDPOINT_URL="https://s3.example.jp",
            AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
            AWS_SECRET_ACCESS_KEY="secret",
        ),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


# ---------------------------------------------------------------- system checks


def s3(**options):
    return {"BACKEND": OBJECT_STORAGE, "OPTIONS": options}


SAFE = {"bucket_name": "documents", "default_acl": None, "querystring_auth": False}


def ids(settings, default, *, deploy=False):
    """The ids of the storage checks' messages for ``STORAGES["default"] = default``."""
    settings.STORAGES = {**settings.STORAGES, "default": default}
    found = object_storage_settings() + (object_storage_deployment() if deploy else [])
    return {message.id for message in found}


def test_the_storage_checks_run_with_manage_py_check():
    registered = checks.registry.registry.get_checks(include_deployment_checks=False)
    deployment = checks.registry.registry.get_checks(include_deployment_checks=True)

    assert object_storage_settings in registered
    assert object_storage_deployment not in registered
    assert object_storage_deployment in deployment


def test_the_file_system_needs_no_storage_check(settings):
    assert ids(settings, {"BACKEND": FILE_SYSTEM_STORAGE}, deploy=True) == set()


def test_the_reader_s_own_set_up_passes_the_checks(settings, no_s3):
    no_s3.setenv("S3_BUCKET", "documents")
    assert ids(settings, default_storage_from_env()) == set()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({**SAFE, "file_overwrite": False, "bucket_name": ""}, "region_portal.E001"),
        ({**SAFE}, "region_portal.E002"),  # django-storages overwrites unless told not to
        ({**SAFE, "file_overwrite": True}, "region_portal.E002"),
        ({**SAFE, "file_overwrite": False, "default_acl": "public-read"}, "region_portal.E003"),
        ({**SAFE, "file_overwrite": False, "querystring_auth": True}, "region_portal.E004"),
    ],
)
def test_an_s3_set_up_that_could_lose_or_expose_a_pdf_is_an_error(settings, options, expected):
    assert ids(settings, s3(**options)) == {expected}


def test_check_deploy_warns_of_plain_http_and_a_missing_key(settings, no_s3):
    no_s3.setenv("AWS_CONFIG_FILE", "/nonexistent")
    no_s3.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    no_s3.setenv("AWS_EC2_METADATA_DISABLED", "true")
    options = {**SAFE, "file_overwrite": False, "endpoint_url": "http://minio.internal:9000"}

    assert ids(settings, s3(**options)) == set()
    assert ids(settings, s3(**options), deploy=True) == {
        "region_portal.W001",
        "region_portal.W002",
    }
    assert ids(settings, s3(**options, access_key="AKIAEXAMPLE"), deploy=True) == {
        "region_portal.W001"
    }
