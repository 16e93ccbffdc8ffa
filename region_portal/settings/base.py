"""Settings shared by every mode. Differences between machines come from the
environment only (region_portal/env.py)."""

from datetime import timedelta

from django.utils.csp import CSP

from filing.data import DEFAULT_VERIFICATION_INTERVAL_MONTHS
from region_portal.env import (
    BASE_DIR,
    caches_from_env,
    database_url,
    default_storage_from_env,
    env,
    mailer_from_url,
    portal_base_url,
)

SECRET_KEY = env.str(
    "SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789"
)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    # Django's admin with the portal's site (a second factor for every admin user: ADR 0082).
    "ministry.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # The task queue in the database, and its worker `manage.py db_worker` (ADR 0081).
    "django_tasks_db",
    # Log-in throttling and the second factor (ADR 0082).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The domain (models, services, selectors), lowest first: ADR 0080.
    "outbox",
    "declarations",
    "visions",
    "projects",
    # Files attached to a revision or a project (ADR 0118).
    "attachments",
    "accounts",
    "reviews",
    # The catalogue of national support measures, their matches and requests (要綱 第5, ADR 0114).
    "support",
    # Reports about a published vision: 検証 records and their reminders (ADR 0106).
    "reports",
    # The verbs across documents, the model ⇄ Filing adapter, the bundle commands.
    "workflow",
    # The clients.
    "documents",
    "staff",
    "ministry",
    "public",
    # The project's own system checks (region_portal.checks: the object storage, ADR 0103).
    "region_portal.apps.RegionPortalConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages and API answers this process already sent, again from its memory while
    # their publication stamp holds (visitors without cookies; ADR 0106).
    "public.middleware.KeptAnswersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Outside the public pages: the language chosen with set_language (web.language, ADR 0124).
    "web.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: turns a locked-out log-in into the 429 page.
    "axes.middleware.AxesMiddleware",
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
                "web.language.languages",
                "staff.context_processors.staff_region",
            ],
        },
    },
]

DATABASES = {"default": database_url(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out account or address before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Log-in throttling (django-axes, ADR 0082): after AXES_FAILURE_LIMIT failed log-ins for one
# user name, or from one client address, within the cool-off, both log-in pages answer 429
# with templates/accounts/lockout.html (accounts.throttling) until the cool-off has passed since the last failure
# or an operator unlocks (admin「ログインの失敗の集計」, manage.py axes_reset_username / axes_reset_ip).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
# The one client-address rule of the portal (the /verify/ rate limit uses it too: ADR 0098).
AXES_CLIENT_IP_CALLABLE = "web.ratelimit.client_address"
AXES_USERNAME_CALLABLE = "accounts.throttling.attempted_username"
# The number of reverse proxies in front of gunicorn that append to X-Forwarded-For (nginx's
# $proxy_add_x_forwarded_for). 0: the client is REMOTE_ADDR (no proxy, or a proxy that
# rewrites REMOTE_ADDR). Never more than the proxies really there: the rest is the client's.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# The second factor (django-otp, ADR 0082): TOTP apps and one-time recovery codes.
OTP_TOTP_ISSUER = "広域リージョン連携ポータル"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Japanese is the default and the language of record; English is a translation (ADR 0124).
# The public pages are under i18n_patterns without a prefix for Japanese (/, /en/…); the
# staff pages and the admin follow the visitor's choice (CHOSEN_LANGUAGE_PATHS); the API, the
# CSVs, the feeds, the PDFs and the mails stay Japanese.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The pages (outside i18n_patterns) shown in the language the visitor chose with the switch in
# the header (Django's set_language, its cookie LANGUAGE_COOKIE_NAME): the staff UI, the
# admin, log-in and the account pages. Everything else outside i18n_patterns is Japanese.
CHOSEN_LANGUAGE_PATHS = ("/staff/", "/admin/", "/accounts/")
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
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
# The frozen PDFs (ADR 0051): under MEDIA_ROOT, or in the bucket of an S3-compatible object
# store when S3_BUCKET is set, shared by every app server (ADR 0103, docs/object-storage.md).
STORAGES = {
    "default": default_storage_from_env(),
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

# Mail goes through the outbox (ADR 0081): a row written with the move it tells about,
# delivered by the worker (`manage.py db_worker`) from the task queue in the database.
# A failed delivery is tried again after OUTBOX_RETRY_DELAY seconds, doubled each time up
# to OUTBOX_RETRY_MAX_DELAY; after OUTBOX_MAX_ATTEMPTS it is failed (admin「送信メール」).
# The SMTP timeout (EMAIL_TIMEOUT, seconds) is in the MAILERS entry (region_portal/env.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
OUTBOX_RETRY_DELAY = env.int("OUTBOX_RETRY_DELAY", default=60)
OUTBOX_RETRY_MAX_DELAY = env.int("OUTBOX_RETRY_MAX_DELAY", default=6 * 60 * 60)
# The PDFs of a 送付 are made by the same worker (ADR 0102): a failure is tried again after
# DOCUMENTS_RETRY_DELAY seconds, doubled each time up to DOCUMENTS_RETRY_MAX_DELAY; after
# DOCUMENTS_MAX_ATTEMPTS it is failed (admin「PDF の作成」).
DOCUMENTS_MAX_ATTEMPTS = env.int("DOCUMENTS_MAX_ATTEMPTS", default=6)
DOCUMENTS_RETRY_DELAY = env.int("DOCUMENTS_RETRY_DELAY", default=30)
DOCUMENTS_RETRY_MAX_DELAY = env.int("DOCUMENTS_RETRY_MAX_DELAY", default=60 * 60)

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
# 第4(3): the editors are mailed this many days before a verification falls due, and once
# when it is overdue (manage.py remind_verifications, ADR 0106).
VERIFICATION_REMINDER_DAYS = env.int("VERIFICATION_REMINDER_DAYS", default=30)
# The yearly results (実績, ADR 0108): a 年度's missing results are reminded this many days
# after its 3月31日, and an attached evidence file is at most this many bytes.
RESULT_REMINDER_DAYS = env.int("RESULT_REMINDER_DAYS", default=60)
RESULT_EVIDENCE_MAX_BYTES = env.int("RESULT_EVIDENCE_MAX_BYTES", default=5 * 1024 * 1024)
# Attachments of a revision or a project (ADR 0118): at most this many bytes a file, and all
# the files of one revision (its projects' included) together.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
ATTACHMENT_MAX_REVISION_BYTES = env.int("ATTACHMENT_MAX_REVISION_BYTES", default=100 * 1024 * 1024)

# Portal-wide facts shown in the layout and documents.
PORTAL_NAME = "広域リージョン連携ポータル"
# The start of every link that leaves a request (mails, command output): web.links.absolute_url.
# Required in production; here the development server (scripts/setup.sh sets it to its PORT).
PORTAL_BASE_URL = portal_base_url(default="http://127.0.0.1:8000")
# The licence of the published data (public.licence reads it, ADR 0123): by default the
# 公共データ利用規約 第1.0版 (PDL 1.0, デジタル庁 2024), which is compatible with CC BY 4.0.
DATA_LICENCE = {
    "name": env.str("DATA_LICENCE_NAME", default="公共データ利用規約 第1.0版（PDL1.0）"),
    "url": env.str(
        "DATA_LICENCE_URL",
        default="https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
    ),
    "note": env.str(
        "DATA_LICENCE_NOTE",
        default="公共データ利用規約 第1.0版はクリエイティブ・コモンズ 表示 4.0 国際"
        "（CC BY 4.0）と互換性があり、CC BY 4.0 の条件でも利用できます",
    ),
}

# Who runs the portal and how to reach them (the page /about/, linked from every footer).
# PORTAL_CONTACT_EMAIL and PORTAL_CONTACT_PHONE may be left empty; the page then says so.
PORTAL_OPERATOR = env.str("PORTAL_OPERATOR", default="広域リージョン連携ポータル運営事務局")
PORTAL_CONTACT_EMAIL = env.str("PORTAL_CONTACT_EMAIL", default="")
PORTAL_CONTACT_PHONE = env.str("PORTAL_CONTACT_PHONE", default="")

# 送付書 (the cover letter of every submitted document, 要綱 第3(6)): the ministry office it is
# addressed to, with its honorific. Set MINISTRY_OFFICE in the environment when it differs.
MINISTRY_OFFICE = env.str(
    "MINISTRY_OFFICE", default="総務省自治行政局地域政策課 広域連携推進室 御中"
)

# A declaration form sends about five fields per member; DESIGN.md allows 500 members.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Caches: the public pages, their fragments and publication stamps (ADR 0065, 0100) and, in a
# cache of their own, the counts of the per-client rate limits (web.ratelimit, ADR 0083).
# REDIS_URL (or CACHE_URL) shares both between every worker and machine; without it, each
# process keeps them in its local memory.
CACHES = caches_from_env()
RATE_LIMIT_CACHE = "ratelimit"
# /verify/: uploads per minute per client address (then 429). It only hashes the file, but
# each upload is up to 20 MB of the client's bandwidth and ours.
VERIFY_RATE_LIMIT = env.int("VERIFY_RATE_LIMIT", default=10)
