"""A real `celery worker` process for the tests, on the test database and the test's Redis
namespace (or another broker), with its output kept for assertions and failure messages."""

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings

from tests_support import subprocess_database_url

ROOT = Path(__file__).resolve().parent.parent.parent
START_SECONDS = 180  # Django and Celery's start-up on a loaded 2-core box (load 17 was seen)


class WorkerProcess:
    def __init__(self, *, queues: list[str], include: str = "", extra_env: dict | None = None):
        self.queues = queues
        self.include = include
        self.extra_env = extra_env or {}
        self.name = f"test-{uuid.uuid4().hex[:8]}@%h"
        self.process: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="worker-", suffix=".log", delete=False)  # noqa: SIM115

    def start(self) -> "WorkerProcess":
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "atomic_habits_tracker.settings.ci",
            "TEST_REDIS_NAMESPACE": settings.REDIS_NAMESPACE,
            "DATABASE_URL": subprocess_database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }
        command = [
            sys.executable, "-m", "celery", "-A", "atomic_habits_tracker", "worker",
            "--queues", ",".join(self.queues), "--concurrency", "1", "--pool", "prefork",
            "--hostname", self.name, "--without-mingle", "--without-gossip", "--loglevel", "INFO",
        ]  # fmt: skip
        if self.include:
            command += ["--include", self.include]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        self.wait_for_output("ready.", timeout=START_SECONDS)
        return self

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def wait_for_output(self, text: str, *, timeout: float, count: int = 1) -> None:
        deadline = time.monotonic() + timeout
        while self.output().count(text) < count:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"the worker exited ({self.process.returncode}):\n{self.output()}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"no {count}× {text!r} within {timeout}s:\n{self.output()}")
            time.sleep(0.2)

    def terminate(self, *, timeout: float = 60) -> int:
        """SIGTERM, as a container runtime or honcho sends it; answers the exit status."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the worker ignored SIGTERM:\n{self.output()}") from None

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)
