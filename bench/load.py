"""Throughput: gunicorn with two sync workers (production settings) under wrk on loopback.

The signed-in session travels as a Cookie header from a Lua script, with X-Forwarded-Proto so the
HTTPS redirect sees what a TLS proxy would send. The script counts every answer that is not a
200 as an error (wrk itself only counts sockets and 4xx/5xx, not a redirect to the login page).
"""

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

LUA = Path(__file__).with_name("session.lua")
WORKERS = 2
CONNECTIONS = 8
THREADS = 2
DURATION = 15


@dataclass
class LoadResult:
    name: str
    url: str
    requests_per_second: float
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float


def ensure_wrk() -> str:
    """wrk's path; installed from Debian (``apt-get install wrk``) when missing and we are root."""
    path = shutil.which("wrk")
    if path:
        return path
    apt = shutil.which("apt-get") or "/usr/bin/apt-get"
    subprocess.run([apt, "update", "-qq"], check=True)  # noqa: S603
    subprocess.run([apt, "install", "-y", "-qq", "wrk"], check=True)  # noqa: S603
    path = shutil.which("wrk")
    if not path:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.port = _free_port()
        self.process: subprocess.Popen | None = None  # type: ignore[type-arg]

    def __enter__(self) -> "Gunicorn":
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(command, env=self.env)  # noqa: S603
        deadline = time.monotonic() + 120  # Django starts slowly on a busy machine
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.base}/healthz/", timeout=1)  # noqa: S310
                return self
            except OSError:
                time.sleep(0.3)
        self.process.terminate()  # never leave a half-started server behind
        self.process.wait(timeout=30)
        raise RuntimeError("gunicorn did not start")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)


def run_wrk(wrk: str, base: str, name: str, url: str, cookie: str) -> LoadResult:
    env = {"BENCH_COOKIE": cookie, "PATH": "/usr/bin:/bin"}
    command = [
        wrk,
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{DURATION}s",
        "--latency",
        "-s",
        str(LUA),
        base + url,
    ]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(x for x in out.splitlines() if x.startswith("BENCH_JSON "))
    data = json.loads(line.removeprefix("BENCH_JSON "))
    return LoadResult(
        name=name,
        url=url,
        requests_per_second=data["requests"] / data["seconds"],
        requests=data["requests"],
        errors=data["errors"],
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
    )
