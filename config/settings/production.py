"""Production: refuses to start without its secrets; HTTPS, secure cookies and SMTP."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

for _name in ("DJANGO_SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"):
    if not env(_name, default=""):
        raise ImproperlyConfigured(f"Production needs the environment variable {_name}.")

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
ALLOW_SYNTHETIC_IDS = False

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The container health check speaks plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"

# A cache per process (no REDIS_URL) cannot tell the other workers that a membership changed or
# a session ended: then both are read from the database on every page.
MEMBERSHIP_CACHE = bool(env("REDIS_URL", default=""))
if not MEMBERSHIP_CACHE:
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # WhiteNoise's compressed manifest storage, each URL looked up once (core/staticfiles.py)
    "staticfiles": {"BACKEND": "core.staticfiles.ManifestStorage"},
}

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env("SMTP_HOST", default="localhost"),
            "port": env.int("SMTP_PORT", default=587),
            "username": env("SMTP_USER", default=""),
            "password": env("SMTP_PASSWORD", default=""),
            "use_tls": env.bool("SMTP_USE_TLS", default=True),
            "timeout": 20,
        },
    }
}
