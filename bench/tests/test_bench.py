"""The bench's own pieces that can be checked without timing anything: the baseline endpoint
exists only when its setting is on, and slices are merged and planned as documented."""

import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

from bench.http_rows import http_row, merge_slices, slice_plan


def _reload_urls():
    import atomic_habits_tracker.urls

    clear_url_caches()
    importlib.reload(atomic_habits_tracker.urls)


@pytest.fixture
def baseline_mounted():
    with override_settings(BENCH_BASELINE_VIEW=True):
        _reload_urls()
        yield
    _reload_urls()


@pytest.mark.django_db
def test_baseline_answers_a_constant_behind_the_jwt_check(baseline_mounted, auth_client):
    assert auth_client.get("/api/bench/baseline/").json() == {"ok": True}


@pytest.mark.django_db
def test_baseline_refuses_a_request_without_a_token(baseline_mounted, api_client):
    assert api_client.get("/api/bench/baseline/").status_code == 401


@pytest.mark.django_db
def test_baseline_is_not_mounted_without_its_setting(auth_client):
    _reload_urls()
    assert auth_client.get("/api/bench/baseline/").status_code == 404


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
