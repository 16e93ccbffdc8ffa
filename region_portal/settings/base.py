"""Settings shared by every mode. Differences between machines come from the
environment only (region_portal/env.py)."""

from django.utils.csp import CSP

from filing.data import DEFAULT_VERIFICATION_INTERVAL_MONTHS
from region_portal.env import BASE_DIR, database_url, env, mailer_from_url

SECRET_KEY = env.str(
    "SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789"
)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # The domain (models, services, selectors), lowest first: ADR 0080.
    "declarations",
    "visions",
    "projects",
    "accounts",
    "reviews",
    # The verbs across documents, the model ⇄ Filing adapter, the bundle commands.
    "workflow",
    # The clients.
    "documents",
    "staff",
    "ministry",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "region_portal.urls"
WSGI_APPLICATION = "region_portal.wsgi.application"
ASGI_APPLICATION = "region_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "public.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": database_url(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
# Japanese only until an English translation exists (then add ("en", "English") here).
LANGUAGES = [("ja", "日本語")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Development and tests serve static files from the finders (no collectstatic);
# production collects them into STATIC_ROOT.
STATIC_ROOT = None
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The portal serves every asset itself (no CDN): WhiteNoise in every mode.
WHITENOISE_USE_FINDERS = True

# Mail (Django 6.1 MAILERS). EMAIL_URL chooses the backend: consolemail:// (the
# default: printed on the console), smtp://user:pass@host:587 or
# smtp+tls://…, smtp+ssl://…
MAILERS = {"default": mailer_from_url(env.str("EMAIL_URL", default="consolemail://"))}
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="広域リージョン連携ポータル <noreply@region-portal.example.jp>"
)

# Content-Security-Policy (built into Django 6.1): nothing is loaded from another site.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# 第4(3): a vision is verified at least this often (rule vision.verification, staff dashboard).
VISION_VERIFICATION_INTERVAL_MONTHS = env.int(
    "VISION_VERIFICATION_INTERVAL_MONTHS", default=DEFAULT_VERIFICATION_INTERVAL_MONTHS
)

# Portal-wide facts shown in the layout and documents.
PORTAL_NAME = "広域リージョン連携ポータル"
DATA_LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.ja",
}

# 送付書 (the cover letter of every submitted document, 要綱 第3(6)): the ministry office it is
# addressed to, with its honorific. Set MINISTRY_OFFICE in the environment when it differs.
MINISTRY_OFFICE = env.str(
    "MINISTRY_OFFICE", default="総務省自治行政局地域政策課 広域連携推進室 御中"
)

# A declaration form sends about five fields per member; DESIGN.md allows 500 members.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
