"""/metrics under several gunicorn workers: every scrape, whichever worker answers it, counts the
requests all workers served (prometheus_client's multiprocess mode, files under METRICS_DIR)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings

from core.tests.deployment import REPO
from core.tests.prometheus_text import sample
from tests_support import subprocess_database_url

pytestmark = [pytest.mark.slow]
TOKEN = "gunicorn-scrape-token"
REQUESTS = 40


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, token: str = "") -> tuple[int, str]:
    request = urllib.request.Request(
        url, headers={"Authorization": f"Bearer {token}"} if token else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "atomic_habits_tracker.settings.ci",
        "TEST_REDIS_NAMESPACE": settings.REDIS_NAMESPACE,
        "DATABASE_URL": subprocess_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "METRICS_TOKEN": TOKEN,
        "METRICS_DIR": str(tmp_path / "metrics"),
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "atomic_habits_tracker.wsgi",
         "--bind", f"127.0.0.1:{port}", "--workers", "3"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # three workers booting Django on a loaded 2-core box
    while True:
        try:
            if get(f"{base}/healthz")[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise AssertionError((tmp_path / "gunicorn.log").read_text())
        time.sleep(0.3)
    yield base, tmp_path / "metrics"
    process.terminate()
    process.wait(timeout=40)
    log.close()


def test_every_scrape_counts_the_requests_of_all_workers(gunicorn):
    base, metrics_dir = gunicorn
    # concurrently, so that every worker serves some
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: get(f"{base}/healthz")[0], range(REQUESTS)))
    assert statuses == [200] * REQUESTS
    assert get(f"{base}/metrics")[0] == 401

    totals = set()
    for _ in range(6):  # several scrapes land on several workers
        status, text = get(f"{base}/metrics", TOKEN)
        assert status == 200
        totals.add(sample(text, "aht_http_requests_total", view="healthz", status="200"))
    # the readiness wait's requests came before these: at least REQUESTS, the same in every scrape
    assert len(totals) == 1 and totals.pop() >= REQUESTS + 1
    # the counts came from more than one process
    assert len({path.name for path in metrics_dir.glob("counter_*.db")}) >= 2
