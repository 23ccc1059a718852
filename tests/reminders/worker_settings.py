"""Settings for the Celery worker that the delivery test starts as a subprocess.

The test settings, plus what the environment says: the test's PostgreSQL database and private
Redis (DATABASE_URL and REDIS_URL, read by base.py), the test's SMTP server, and a short claim
lease so lost tasks are recovered within seconds instead of ten minutes.
"""

from config.settings.base import env
from config.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
MAILERS = {
    "default": {
        "BACKEND": "tests.reminders.smtp.SlowCrashingSMTPBackend",
        "OPTIONS": {
            "host": env("REMINDERS_SMTP_HOST", default="127.0.0.1"),
            "port": env.int("REMINDERS_SMTP_PORT", default=25),
            "use_tls": False,
            "timeout": 10,
        },
    }
}
REMINDERS_CLAIM_LEASE = env.float("REMINDERS_CLAIM_LEASE", default=600)
