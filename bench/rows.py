"""What a row of `make bench` is: a dict with its key, name, result (text), value(s), budget and
met, or `unavailable` with the reason; and the latency summary the rows report. Shared by
bench/scenarios.py, bench/http_rows.py and bench/reminder.py."""

import statistics

from django.apps import apps


def bench_row(key, name, *, result, budget="", met=None, **values) -> dict:
    return {"key": key, "name": name, "result": result, "budget": budget, "met": met, **values}


def unavailable_row(key, name, why, budget="") -> dict:
    return {"key": key, "name": name, "unavailable": why, "budget": budget, "met": None}


def missing_apps(*labels) -> str | None:
    """Why a row cannot run on this branch, or None: rows need apps some branches lack."""
    missing = [label for label in labels if not apps.is_installed(label)]
    return f"app {', '.join(missing)} is not installed on this branch" if missing else None


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def latency_summary(values: list[float]) -> dict:
    """p50 (the median), p95 and max; None for each when nothing was measured."""
    if not values:
        return {"p50": None, "p95": None, "max": None}
    return {"p50": statistics.median(values), "p95": _percentile(values, 0.95), "max": max(values)}
