"""LOG_FORMAT=json: a process logs one JSON object a line, with the `extra` fields of the call."""

import json
import os
import subprocess
import sys

from core.tests.deployment import REPO

SCRIPT = """
import logging
import django
django.setup()
logging.getLogger("aht.test").warning("queue is long", extra={"queue": "default", "length": 42})
"""


def run_logging(log_format: str, tmp_path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "atomic_habits_tracker.settings.ci",
        "LOG_FORMAT": log_format,
        "LOG_DIR": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,  # django.setup() alone took over 60 s at a load average of 17
    )


def test_json_logs_are_one_object_a_line_with_the_extra_fields(tmp_path):
    result = run_logging("json", tmp_path)
    assert result.returncode == 0, result.stderr
    line = [line for line in result.stderr.splitlines() if "queue is long" in line][-1]
    record = json.loads(line)
    assert record["message"] == "queue is long"
    assert (record["level"], record["logger"]) == ("WARNING", "aht.test")
    assert (record["queue"], record["length"]) == ("default", 42)
    assert record["time"] and record["process"] > 0
    # the log file gets the same format
    logged = (tmp_path / "test.log").read_text().strip().splitlines()[-1]
    assert json.loads(logged)["message"] == "queue is long"


def test_an_unknown_log_format_stops_the_process_with_a_clear_message(tmp_path):
    result = run_logging("xml", tmp_path)
    assert result.returncode != 0
    assert "LOG_FORMAT: plain or json, not 'xml'" in result.stderr
