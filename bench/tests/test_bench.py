"""The bench's own pieces that can be checked without timing anything: the baseline endpoint
exists only in the bench's gunicorn, and slices are merged and planned as documented."""

import os
import subprocess
import sys
from datetime import date

import pytest
from django.conf import settings as django_settings

from bench.http_rows import SETTINGS_MODULE, WRK_ROWS, http_row, merge_slices, slice_plan


@pytest.fixture
def baseline_mounted(settings):
    settings.ROOT_URLCONF = "bench.urls"  # what bench.settings sets


@pytest.mark.django_db
def test_baseline_answers_a_constant_behind_the_jwt_check(baseline_mounted, auth_client):
    assert auth_client.get("/api/bench/baseline/").json() == {"ok": True}


@pytest.mark.django_db
def test_the_range_rows_request_is_a_week_the_api_accepts(auth_client):
    _, make_path, _ = WRK_ROWS["http_range"]
    path = make_path()
    answer = auth_client.get(path)
    assert answer.status_code == 200 and answer.json() == []
    query = answer.wsgi_request.GET
    assert (date.fromisoformat(query["date_to"]) - date.fromisoformat(query["date_from"])).days == 6


@pytest.mark.django_db
def test_baseline_refuses_a_request_without_a_token(baseline_mounted, api_client):
    assert api_client.get("/api/bench/baseline/").status_code == 401


@pytest.mark.django_db
def test_the_bench_urls_serve_the_project_as_well(baseline_mounted, auth_client):
    assert auth_client.get("/healthz").status_code == 200  # the bench waits for it
    assert auth_client.get("/api/auth/me/").status_code == 200
    missing = auth_client.get("/api/bench/nothing/")
    assert missing.status_code == 404 and "error" in missing.json()  # the project's JSON 404


@pytest.mark.django_db
def test_baseline_is_not_mounted_in_the_projects_urls(auth_client):
    assert auth_client.get("/api/bench/baseline/").status_code == 404


def test_the_bench_server_runs_production_settings_with_the_bench_urls():
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.urls import reverse; "
        "print(settings.ROOT_URLCONF, settings.DEBUG, reverse('bench-baseline'))"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DJANGO_SECRET_KEY": "bench-test-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["bench.urls", "False", "/api/bench/baseline/"]


def _slice(requests, seconds, p99, *, status_errors=0, load=(1.0, 2.0)):
    return {
        "requests": requests,
        "duration_us": seconds * 1_000_000,
        "errors": {"connect": 0, "read": 0, "write": 0, "status": status_errors, "timeout": 0},
        "latency_us": {"p50": 1000, "p95": 2000, "p99": p99, "max": p99, "mean": 1000.0},
        "load": list(load),
    }


def test_slices_merge_into_one_rate_with_the_worst_latency():
    merged = merge_slices(
        [
            _slice(100, 5, 9000, load=(1.5, 1.6)),
            _slice(300, 5, 4000, status_errors=2, load=(1.7, 2.5)),
        ]
    )
    assert merged["rps"] == 40
    assert merged["latency_us"]["p99"] == 9000
    assert merged["error_count"] == 2
    assert merged["load"] == [1.5, 2.5]
    assert merge_slices([merged, merged])["slices"] == 4


def test_a_row_is_a_fraction_of_its_own_baseline_and_checked_against_its_target():
    baseline = merge_slices([_slice(200, 5, 3000)])
    row = http_row(
        "http_today",
        "today",
        merge_slices([_slice(170, 5, 49_000)]),
        baseline=baseline,
        target={"ratio": 0.8, "p99_ms": 50, "errors": 0},
    )
    assert row["ratio"] == pytest.approx(0.85) and row["met"] is True
    slow = http_row(
        "http_today",
        "today",
        merge_slices([_slice(150, 5, 1000)]),
        baseline=baseline,
        target={"ratio": 0.8},
    )
    assert slow["met"] is False


@pytest.mark.parametrize(
    ("seconds", "plan"),
    [(10, [2] * 5), (60, [2] * 30), (3, [2, 1]), (11, [2, 2, 2, 2, 2, 1]), (1, [1])],
)
def test_a_row_is_cut_into_slices_of_about_two_seconds(seconds, plan):
    assert slice_plan(seconds) == plan
