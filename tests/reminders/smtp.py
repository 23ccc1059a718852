"""A real SMTP backend for the delivery test's worker, with the latency of a real mail server
and, once, a crash at the worst moment: after the server accepted a message, before the commit.

Configured from the environment (the worker is a subprocess):
REMINDERS_SMTP_DELAY    seconds to wait before each message (a remote server's round trip);
REMINDERS_CRASH_AFTER   a Message-ID: after the server accepts it, the process kills itself;
REMINDERS_CRASH_MARKER  a file created first, so the crash happens only once.
"""

import os
import signal
import time
from pathlib import Path

from django.core.mail.backends.smtp import EmailBackend


class SlowCrashingSMTPBackend(EmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        time.sleep(float(os.environ.get("REMINDERS_SMTP_DELAY", "0")))
        sent = super().send_messages(email_messages)
        crash_after = os.environ.get("REMINDERS_CRASH_AFTER")
        marker = os.environ.get("REMINDERS_CRASH_MARKER")
        if crash_after and marker:
            ids = {m.extra_headers.get("Message-ID") for m in email_messages}
            if crash_after in ids and not Path(marker).exists():
                Path(marker).write_text(crash_after)
                os.kill(os.getpid(), signal.SIGKILL)
        return sent
