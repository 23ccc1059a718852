"""Local development and `make demo`: SQLite, in-process tasks and e-mail to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default="local-development-key-not-for-production-use-0123456789"
)
ALLOW_SYNTHETIC_IDS = env.bool("ALLOW_SYNTHETIC_IDS", default=True)
# The demo runs without an authenticator app: no role is made to use two-step verification
# locally (anyone can still turn it on from their account page). To try the real rule, start
# with MFA_REQUIRED_ROLES=lead,coordinator; base, production and test require it for both.
MFA_REQUIRED_ROLES = tuple(role for role in env.list("MFA_REQUIRED_ROLES", default=[]) if role)

# Serve static files straight from static/ without collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
