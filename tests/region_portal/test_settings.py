"""Production mode: required variables, one-line errors, and a clean check --deploy."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = secrets.token_urlsafe(60)
# Variables of the test process that a production start must not inherit.
SCRUBBED = {
    "DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "PORTAL_BASE_URL",
}


def run_manage(*args, **variables):
    environment = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    environment.update(DJANGO_SETTINGS_MODULE="region_portal.settings.production", **variables)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def production_env(**overrides):
    values = {
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": "portal.example.jp",
        "DATABASE_URL": "sqlite:////tmp/rp-prod-check.db",
        "PORTAL_BASE_URL": "https://portal.example.jp",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def test_project_wide_defaults_are_japanese():
    assert settings.LANGUAGE_CODE == "ja"
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert settings.USE_TZ is True


def test_check_deploy_prints_no_warning_in_production_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "variable"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 60}, "SECRET_KEY"),
        ({"DATABASE_URL": None}, "DATABASE_URL"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://user@host:notaport/db"}, "DATABASE_URL"),
        ({"DATABASE_URL": "mysql://user@host/db"}, "DATABASE_URL"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
    ],
)
def test_bad_production_variable_stops_with_one_line_naming_it(overrides, variable):
    result = run_manage("check", **production_env(**overrides))
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


# What a start in production and in development mode reads from the environment, one child per
# mode and environment (each start costs about a second of CPU): the settings are printed as
# JSON on the last line, and the tests below read the values they check.
SHOWN = ("DEBUG", "DEMO_USERS", "PORTAL_BASE_URL", "CACHE_BACKEND")
SHOW = (
    "import json; from django.conf import settings; "
    "print(json.dumps({'DEBUG': settings.DEBUG, "
    "'DEMO_USERS': getattr(settings, 'DEMO_USERS', False), "
    "'PORTAL_BASE_URL': settings.PORTAL_BASE_URL, "
    "'CACHE_BACKEND': settings.CACHES['default']['BACKEND']}))"
)


def shown(result) -> dict:
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(values) == set(SHOWN)
    return values


@pytest.fixture(scope="module")
def production():
    """Production mode without a shared cache (REDIS_URL and CACHE_URL empty) and with a
    PORTAL_BASE_URL that ends in a slash."""
    return shown(
        run_manage(
            "shell",
            "-c",
            SHOW,
            **production_env(
                PORTAL_BASE_URL="https://portal.example.jp/", REDIS_URL="", CACHE_URL=""
            ),
        )
    )


@pytest.fixture(scope="module")
def production_with_redis():
    return shown(
        run_manage("shell", "-c", SHOW, **production_env(REDIS_URL="redis://127.0.0.1:6379/9"))
    )


@pytest.fixture(scope="module")
def development():
    """The development settings, with DEBUG not set in the environment."""
    environment = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    return shown(
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SHOW],
            cwd=ROOT,
            env={**environment, "DJANGO_SETTINGS_MODULE": "region_portal.settings.dev"},
            capture_output=True,
            text=True,
            timeout=60,
        )
    )


def test_debug_is_off_unless_set(production, development):
    assert production["DEBUG"] is False
    assert development["DEBUG"] is False


def test_database_url_selects_postgresql():
    from region_portal.env import env

    config = env.db_url_config("postgres://postgres@127.0.0.1:5432/region_portal")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "region_portal"


def test_mail_url_builds_a_mailer():
    from region_portal.env import mailer_from_url

    smtp = mailer_from_url("smtp+tls://user:p%40ss@mail.example.jp:587")
    assert smtp["OPTIONS"] == {
        "host": "mail.example.jp",
        "port": 587,
        "timeout": 10,  # seconds; EMAIL_TIMEOUT (ADR 0081)
        "username": "user",
        "password": "p@ss",
        "use_tls": True,
    }
    assert mailer_from_url("consolemail://") == {
        "BACKEND": "django.core.mail.backends.console.EmailBackend"
    }


def test_the_smtp_timeout_comes_from_the_environment(monkeypatch):
    from region_portal.env import mailer_from_url

    monkeypatch.setenv("EMAIL_TIMEOUT", "3")
    assert mailer_from_url("smtp://mail.example.jp")["OPTIONS"]["timeout"] == 3


def test_portal_base_url_is_required_in_production():
    result = run_manage("check", **production_env(PORTAL_BASE_URL=None))
    assert result.returncode == 3
    (line,) = result.stderr.strip().splitlines()
    assert "PORTAL_BASE_URL" in line and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "value", ["portal.example.jp", "ftp://portal.example.jp", "https://", "https://x/?a=1"]
)
def test_a_malformed_portal_base_url_stops_with_one_line(value):
    result = run_manage("check", **production_env(PORTAL_BASE_URL=value))
    assert result.returncode == 3
    (line,) = result.stderr.strip().splitlines()
    assert "PORTAL_BASE_URL" in line


def test_portal_base_url_comes_from_the_environment_without_a_trailing_slash(production):
    assert production["PORTAL_BASE_URL"] == "https://portal.example.jp"


def test_portal_base_url_defaults_to_the_development_server_outside_production():
    assert settings.PORTAL_BASE_URL == "http://127.0.0.1:8000"


def test_demo_users_are_allowed_in_the_development_settings_only(production, development):
    assert production["DEMO_USERS"] is False
    assert development["DEMO_USERS"] is True
    assert getattr(settings, "DEMO_USERS", False) is False  # the test settings


# ---------------------------------------------------------------- the cache (issue 14, ADR 0100)

REDIS_BACKEND = "region_portal.redis_cache.RedisCache"
LOCMEM_BACKEND = "django.core.cache.backends.locmem.LocMemCache"


def test_redis_url_selects_the_shared_redis_cache(monkeypatch):
    from region_portal.env import caches_from_env

    monkeypatch.delenv("CACHE_URL", raising=False)
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/2")

    caches = caches_from_env()

    assert caches["default"]["BACKEND"] == REDIS_BACKEND
    assert caches["default"]["LOCATION"] == "redis://cache.internal:6379/2"
    # The rate-limit counts are shared too, under a prefix of their own.
    assert caches["ratelimit"]["BACKEND"] == REDIS_BACKEND
    assert caches["ratelimit"]["KEY_PREFIX"] != caches["default"]["KEY_PREFIX"]


def test_cache_url_is_read_when_redis_url_is_not_set(monkeypatch):
    from region_portal.env import caches_from_env

    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("CACHE_URL", "rediss://:secret@cache.example.jp:6380/0")

    caches = caches_from_env()

    assert caches["default"]["BACKEND"] == REDIS_BACKEND
    assert caches["default"]["LOCATION"] == "rediss://:secret@cache.example.jp:6380/0"


def test_without_a_cache_url_each_process_keeps_its_cache_in_local_memory(monkeypatch):
    from region_portal.env import caches_from_env

    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("CACHE_URL", raising=False)

    caches = caches_from_env()

    assert caches["default"]["BACKEND"] == LOCMEM_BACKEND
    assert caches["ratelimit"]["BACKEND"] == LOCMEM_BACKEND
    assert caches["default"].get("LOCATION") != caches["ratelimit"]["LOCATION"]


def test_production_reads_redis_url_from_the_environment(production, production_with_redis):
    assert production_with_redis["CACHE_BACKEND"] == REDIS_BACKEND
    assert production["CACHE_BACKEND"] == LOCMEM_BACKEND


@pytest.mark.parametrize("value", ["memcached://127.0.0.1:11211", "redis//nohost", "redis://"])
def test_a_cache_url_of_another_kind_stops_with_one_line(value):
    result = run_manage("check", **production_env(REDIS_URL=value))
    assert result.returncode == 3, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "REDIS_URL" in line and "Traceback" not in result.stderr
