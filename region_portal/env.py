"""The one environment reader of the project (STYLE.md §9).

Every setting that differs between machines is read here through django-environ.
In production mode a missing or malformed required variable stops start-up with
one line naming the variable (see ``require_*``), never a traceback.
"""

import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

# Exit status used when the configuration is unusable. Gunicorn treats 3 as
# "worker failed to boot" and stops instead of restarting workers forever.
CONFIG_ERROR_EXIT = 3

SUPPORTED_DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "psql", "sqlite"}


def stop(variable: str, problem: str) -> None:
    """Print one line naming the variable and end the process."""
    sys.stderr.write(f"設定エラー: 環境変数 {variable} {problem}\n")
    raise SystemExit(CONFIG_ERROR_EXIT)


def database_url(default: str | None = None) -> dict:
    """Parse ``DATABASE_URL``; without ``default`` the variable is required."""
    raw = env.str("DATABASE_URL", default="") or default
    if not raw:
        stop(
            "DATABASE_URL",
            "が設定されていません（例: postgres://user@127.0.0.1:5432/region_portal）。",
        )
    scheme = urlsplit(raw).scheme
    if scheme not in SUPPORTED_DATABASE_SCHEMES:
        stop(
            "DATABASE_URL",
            f"の形式が正しくありません（postgres:// または sqlite:/// で始まる URL を指定してください。受け取った方式: {scheme or 'なし'}）。",
        )
    try:
        config = environ.Env.db_url_config(raw)
    except Exception as exc:  # django-environ raises several types for bad URLs
        stop("DATABASE_URL", f"を解釈できません（{exc.__class__.__name__}）。")
    if scheme != "sqlite" and not config.get("NAME"):
        stop("DATABASE_URL", "にデータベース名がありません。")
    return config


def require_secret_key() -> str:
    """A production secret: at least 50 characters, 5 distinct, not Django's insecure prefix."""
    value = env.str("SECRET_KEY", default="")
    if not value:
        stop("SECRET_KEY", "が設定されていません。")
    if len(value) < 50 or len(set(value)) < 5 or value.startswith("django-insecure-"):
        stop(
            "SECRET_KEY",
            "が短すぎるか推測しやすい値です（50文字以上のランダムな文字列を指定してください）。",
        )
    return value


def require_list(name: str) -> list[str]:
    values = [item.strip() for item in env.str(name, default="").split(",") if item.strip()]
    if not values:
        stop(name, "が設定されていません（カンマ区切りで指定してください）。")
    return values


def portal_base_url(default: str | None = None) -> str:
    """``PORTAL_BASE_URL``: the portal's address as people reach it (``https://portal.example.jp``),
    the start of every link that leaves a request (mails, commands). Without ``default`` the
    variable is required. Returned without a trailing slash."""
    raw = env.str("PORTAL_BASE_URL", default="") or default
    if not raw:
        stop("PORTAL_BASE_URL", "が設定されていません（例: https://portal.example.jp）。")
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        stop(
            "PORTAL_BASE_URL",
            "の形式が正しくありません（http:// または https:// で始まり、ホスト名のある URL を指定してください）。",
        )
    if parts.query or parts.fragment:
        stop("PORTAL_BASE_URL", "に ? や # は付けられません（例: https://portal.example.jp）。")
    return raw.rstrip("/")


MAIL_BACKENDS = {
    "consolemail": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+ssl": "django.core.mail.backends.smtp.EmailBackend",
    "memorymail": "django.core.mail.backends.locmem.EmailBackend",
    "dummymail": "django.core.mail.backends.dummy.EmailBackend",
}


def mailer_from_url(url: str) -> dict:
    """One entry of Django 6.1's MAILERS from a URL such as smtp+tls://user:pw@host:587."""
    parts = urlsplit(url)
    backend = MAIL_BACKENDS.get(parts.scheme)
    if backend is None:
        stop(
            "EMAIL_URL",
            f"の方式 {parts.scheme or 'なし'} には対応していません（{', '.join(MAIL_BACKENDS)}）。",
        )
    if not parts.scheme.startswith("smtp"):
        return {"BACKEND": backend}
    options = {
        "host": parts.hostname or "localhost",
        "port": parts.port or 25,
        # Seconds any SMTP step may wait (ADR 0081): a hung server costs the worker this, once.
        "timeout": env.int("EMAIL_TIMEOUT", default=10),
    }
    if parts.username:
        options["username"] = unquote(parts.username)
        options["password"] = unquote(parts.password or "")
    if parts.scheme == "smtp+tls":
        options["use_tls"] = True
    if parts.scheme == "smtp+ssl":
        options["use_ssl"] = True
    return {"BACKEND": backend, "OPTIONS": options}


CACHE_SCHEMES = {"redis", "rediss"}
REDIS_BACKEND = "region_portal.redis_cache.RedisCache"  # Django's, one client per pool (ADR 0106)
LOCMEM_BACKEND = "django.core.cache.backends.locmem.LocMemCache"


def caches_from_env() -> dict:
    """CACHES: Django's Redis cache when ``REDIS_URL`` (or ``CACHE_URL``) is set, shared by
    every worker and machine (ADR 0100); otherwise each process's local memory, which needs
    no set-up (``make run``). The rate-limit counts (``ratelimit``) live beside the pages,
    under a key prefix of their own."""
    variable, raw = "REDIS_URL", env.str("REDIS_URL", default="")
    if not raw:
        variable, raw = "CACHE_URL", env.str("CACHE_URL", default="")
    prefix = env.str("CACHE_KEY_PREFIX", default="region-portal")
    if not raw:
        return {
            # LocMemCache keeps 300 entries by default: fewer than the pages of 300 regions.
            "default": {"BACKEND": LOCMEM_BACKEND, "OPTIONS": {"MAX_ENTRIES": 5000}},
            "ratelimit": {"BACKEND": LOCMEM_BACKEND, "LOCATION": "ratelimit"},
        }
    parts = urlsplit(raw)
    if parts.scheme not in CACHE_SCHEMES or not parts.hostname:
        stop(
            variable,
            "の形式が正しくありません（redis://ホスト:6379/0 または rediss:// で始まる URL を指定してください）。",
        )
    return {
        "default": {"BACKEND": REDIS_BACKEND, "LOCATION": raw, "KEY_PREFIX": prefix},
        "ratelimit": {
            "BACKEND": REDIS_BACKEND,
            "LOCATION": raw,
            "KEY_PREFIX": f"{prefix}-ratelimit",
        },
    }


FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
OBJECT_STORAGE = "region_portal.storage.ObjectStorage"
# The variables of the object store besides the bucket: set without S3_BUCKET, they are a mistake.
S3_VARIABLES = ("S3_ENDPOINT_URL", "S3_REGION", "S3_PREFIX", "S3_ADDRESSING_STYLE")
S3_ADDRESSING_STYLES = {"auto", "path", "virtual"}
# S3's rule for bucket names: 3–63 lower-case letters, digits, dots and hyphens, starting and
# ending with a letter or digit.
S3_BUCKET_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


def default_storage_from_env() -> dict:
    """``STORAGES["default"]``, where the frozen PDFs are kept (ADR 0103).

    Without ``S3_BUCKET``: the file system under ``MEDIA_ROOT`` (``make run``, one machine).
    With it: the bucket of any S3-compatible service through django-storages, shared by every
    app server. ``S3_ENDPOINT_URL`` (none for AWS itself), ``S3_REGION``, ``S3_PREFIX`` (the
    start of every key) and ``S3_ADDRESSING_STYLE`` (``path`` for most MinIO set-ups) are
    optional; boto3 reads the key from ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` (or
    its other sources: a profile, the role of the machine). Objects are private (no ACL, no
    presigned URLs: the portal streams every download through its own views) and never
    overwritten (a frozen PDF is written once)."""
    bucket = env.str("S3_BUCKET", default="").strip()
    if not bucket:
        given = [name for name in S3_VARIABLES if env.str(name, default="").strip()]
        if given:
            stop(
                "S3_BUCKET",
                f"が設定されていません（{', '.join(given)} を使うにはバケット名が必要です。ファイルを"
                "MEDIA_ROOT に置くときは S3_ で始まる変数をすべて外してください）。",
            )
        return {"BACKEND": FILE_SYSTEM_STORAGE}
    if not S3_BUCKET_NAME.fullmatch(bucket) or ".." in bucket:
        stop(
            "S3_BUCKET",
            "の形式が正しくありません（英小文字・数字・ピリオド・ハイフンの 3〜63 文字のバケット名を指定してください）。",
        )
    options = {
        "bucket_name": bucket,
        "default_acl": None,
        "querystring_auth": False,
        "file_overwrite": False,
        "signature_version": "s3v4",
    }
    endpoint = env.str("S3_ENDPOINT_URL", default="").strip()
    if endpoint:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            stop(
                "S3_ENDPOINT_URL",
                "の形式が正しくありません（https:// で始まるホスト名の URL を指定してください。例: https://s3.ap-northeast-1.amazonaws.com）。",
            )
        if parts.path.strip("/") or parts.query or parts.fragment:
            stop(
                "S3_ENDPOINT_URL",
                "にはパスや ? を付けられません（バケット名は S3_BUCKET、キーの接頭辞は S3_PREFIX に指定してください）。",
            )
        options["endpoint_url"] = endpoint.rstrip("/")
    region = env.str("S3_REGION", default="").strip()
    if region:
        options["region_name"] = region
    prefix = env.str("S3_PREFIX", default="").strip().strip("/")
    if prefix:
        if ".." in prefix.split("/") or "\\" in prefix:
            stop("S3_PREFIX", "に .. や \\ は使えません（例: region-portal/production）。")
        options["location"] = prefix
    style = env.str("S3_ADDRESSING_STYLE", default="").strip()
    if style:
        if style not in S3_ADDRESSING_STYLES:
            stop(
                "S3_ADDRESSING_STYLE",
                f"は {', '.join(sorted(S3_ADDRESSING_STYLES))} のいずれかを指定してください。",
            )
        options["addressing_style"] = style
    key_id = env.str("AWS_ACCESS_KEY_ID", default="")
    secret = env.str("AWS_SECRET_ACCESS_KEY", default="")
    if bool(key_id) != bool(secret):
        missing = "AWS_SECRET_ACCESS_KEY" if key_id else "AWS_ACCESS_KEY_ID"
        stop(missing, "が設定されていません（アクセスキーの ID と秘密鍵は組で指定してください）。")
    return {"BACKEND": OBJECT_STORAGE, "OPTIONS": options}
