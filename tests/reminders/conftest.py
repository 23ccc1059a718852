"""Fixtures for reminder tests: Oslo time, a sweep as the beat would run it, and a private Redis."""

import datetime
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from reminders import tasks
from tests.conftest import require

OSLO = ZoneInfo("Europe/Oslo")


def oslo(*args: int) -> datetime.datetime:
    """A wall-clock time in Europe/Oslo."""
    return datetime.datetime(*args, tzinfo=OSLO)  # type: ignore[misc]


def travel(moment: datetime.datetime) -> time_machine.travel:
    return time_machine.travel(moment, tick=False)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def sweep(django_capture_on_commit_callbacks) -> Callable[[], int]:  # type: ignore[no-untyped-def]
    """Run the periodic send task once, in this process, with its on-commit enqueues executed
    (tasks run eagerly in the test settings). Returns the number of e-mails in the outbox."""

    def run() -> int:
        with django_capture_on_commit_callbacks(execute=True):
            tasks.send_due_reminders()
        return len(mail.outbox)

    return run


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RedisServer:
    """A redis-server of our own, so a test may restart it (never the shared one)."""

    port: int
    workdir: Path
    process: subprocess.Popen | None = None  # type: ignore[type-arg]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        log = (self.workdir / "redis.log").open("ab")
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory-policy",
                "noeviction",
                "--dir",
                str(self.workdir),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def restart(self) -> None:
        """Stop and start again on the same port: every queued message is gone (no persistence)."""
        self.stop()
        self.start()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    require(
        shutil.which("redis-server") is not None or Path("/usr/bin/redis-server").exists(),
        "redis-server is not installed",
    )
    server = RedisServer(free_port(), tmp_path)
    server.start()
    yield server
    server.stop()
