"""Settings shared by every environment; read from the environment, never from code."""

from pathlib import Path
from typing import Any

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "django_countries",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "pgtrigger",
    "pghistory",
    "core",
    "programs",
    "candidates",
    "placements",
    "mentors",
    "reports",
    "reminders",
    "history",
    "stewardship",
    "calendars",
    "matching",
    "workday",
    "portal",
    "hostportal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The change history's context (user id and URL path) for writes, on PostgreSQL.
    "history.middleware.HistoryMiddleware",
    # django-otp's OTPMiddleware, re-checking the session's device once a minute, not per page.
    "core.mfa.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.ActiveOperatorMiddleware",
    # The user's own language, else the operator's default (overrides LocaleMiddleware's guess).
    "core.middleware.PreferredLanguageMiddleware",
    "core.security.SessionTimeoutMiddleware",
    "core.security.LoginThrottleMiddleware",
    "core.middleware.PrivateCacheMiddleware",
    # Last: needs the active membership; its redirects get the private cache headers above.
    "core.mfa.MFARequiredMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # A {% url %} that keeps each URL name's shape and a |date that reads each format
            # once (core/templatetags/fasturl.py, fastdate.py).
            "builtins": ["core.templatetags.fasturl", "core.templatetags.fastdate"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.operator",
                "core.context_processors.session_timeout",
                "workday.navigation.navigation",
            ],
        },
    },
]

# --- Database: PostgreSQL when DATABASE_URL is set, otherwise a SQLite file under var/.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'springbrett.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: the pages run short indexed queries, and a plan whose estimate passes
    # the JIT threshold (a worklist count over a large operator) spent 190 ms compiling it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Plain reads as prepared statements, planned once per connection (core/dbcursor.py).
    DATABASES["default"]["PREPARED_READS"] = env.bool("DATABASE_PREPARED_READS", default=True)
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workday:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Argon2 first (OWASP); older hashes still verify and are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time: bokmål first, then nynorsk and English.
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [env.path("DJANGO_LOCALE_DIR", default=BASE_DIR / "locale")]
# Named date formats per language (config/formats/<lang>/formats.py): templates print
# |date:"DATE_FORMAT" and friends, never a hard-coded pattern, so English pages read 2 March 2027.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static files, served by whitenoise; nothing from a CDN.
STATIC_URL = "/static/"
STATIC_ROOT: Path | None = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Cache and tasks: Redis and a Celery worker when REDIS_URL is set, in-process otherwise.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        # Django's Redis cache with one client per connection pool (core/cache.py)
        "default": {"BACKEND": "core.cache.RedisCache", "LOCATION": REDIS_URL}
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
# The signed-in user's memberships are read from the cache (core/membership_cache.py).
MEMBERSHIP_CACHE = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- E-mail (Django 6.1 mailers). The console in development; SMTP in production.
# Where links in e-mails sent outside a request (tasks, invitations from the shell) point.
SITE_DOMAIN = env("SITE_DOMAIN", default="127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Springbrett <noreply@springbrett.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAILERS: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}

# --- Forms.
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security defaults shared by all environments.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sessions are read from the cache and written to both (a page reads its session without a query).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10  # absolute lifetime: a working day
SESSION_IDLE_TIMEOUT = 60 * 30  # core.security.SessionTimeoutMiddleware: 30 minutes idle
SESSION_IDLE_WARNING = 60  # the warning dialog (static/js/idle-timeout.js) shows this long before
CSRF_COOKIE_HTTPONLY = True
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# Two-step verification (core.mfa): these roles must use an authenticator app; anyone may.
MFA_REQUIRED_ROLES: tuple[str, ...] = tuple(
    role for role in env.list("MFA_REQUIRED_ROLES", default=["lead", "coordinator"]) if role
)

# Synthetic national ids (Tenor test numbers, month + 80) are for demo and tests only.
ALLOW_SYNTHETIC_IDS = env.bool("ALLOW_SYNTHETIC_IDS", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # At DEBUG, failed template lookups log the whole context, personal data included.
        "django.template": {"level": "INFO"},
        # WeasyPrint reports each render step at INFO; only problems matter in our logs.
        "weasyprint": {"level": "ERROR"},
        "weasyprint.progress": {"level": "WARNING"},
        # fontTools logs every font subset WeasyPrint makes at INFO (a hundred lines per seed).
        "fontTools": {"level": "WARNING"},
    },
}
