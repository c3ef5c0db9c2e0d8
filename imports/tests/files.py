"""Real files written by the suite in the formats the programs write (docs/import-export.md)."""

import csv
import io
import json
import zipfile

LOOP_HABITS_HEADER = [
    "Position",
    "Name",
    "Type",
    "Question",
    "Description",
    "FrequencyNumerator",
    "FrequencyDenominator",
    "Color",
    "Unit",
    "Target Type",
    "Target Value",
    "Archived?",
]


def _csv(rows: list[list]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def loop_zip(habits: list[dict], *, legacy: bool = False) -> bytes:
    """A Loop Habit Tracker CSV export: Habits.csv, then per habit "NNN Name/Checkmarks.csv" and
    Scores.csv, and the all-habits Checkmarks.csv and Scores.csv at the root, as Loop writes
    them. `habits`: {"name", "question", "description", "times", "days", "type", "archived",
    "checks": [(date, value, notes)]}; `legacy` writes Loop 1's columns and numeric values."""
    legacy_values = {"YES_MANUAL": "2", "YES_AUTO": "1", "NO": "0", "SKIP": "3", "UNKNOWN": "-1"}
    if legacy:
        header = ["Position", "Name", "Question", "Description", "NumRepetitions", "Interval"]
        rows = [
            [
                f"{i:03d}",
                h["name"],
                h.get("question", ""),
                h.get("description", ""),
                h["times"],
                h["days"],
            ]
            + ["#FF8F00"]
            for i, h in enumerate(habits, start=1)
        ]
        header.append("Color")
    else:
        header = LOOP_HABITS_HEADER
        rows = [
            [f"{i:03d}", h["name"], h.get("type", "YES_NO"), h.get("question", ""),
             h.get("description", ""), h["times"], h["days"], "#FF8F00", "", "AT_LEAST", "0",
             "true" if h.get("archived") else "false"]
            for i, h in enumerate(habits, start=1)
        ]  # fmt: skip
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Habits.csv", _csv([header, *rows]))
        for index, habit in enumerate(habits, start=1):
            folder = f"{index:03d} {habit['name']}/"
            scores = [["Date", "Score"], ["2026-01-05", "0.1000"]]
            archive.writestr(f"{folder}Scores.csv", _csv(scores))
            if legacy:
                checks = [["Date", "Value"]] + [
                    [day, legacy_values[value]] for day, value, _ in habit["checks"]
                ]
            else:
                checks = [["Date", "Value", "Notes"]] + [list(c) for c in habit["checks"]]
            archive.writestr(f"{folder}Checkmarks.csv", _csv(checks))
        archive.writestr("Checkmarks.csv", "Date,\n")
        archive.writestr("Scores.csv", "Date,\n")
    return output.getvalue()


LOOP_FIXTURE = [
    {
        "name": "Meditate",
        "question": "Did you meditate today?",
        "description": "Ten minutes",
        "times": 1,
        "days": 1,
        "checks": [
            # Loop writes the newest day first
            ("2026-01-05", "UNKNOWN", ""),
            ("2026-01-04", "YES_MANUAL", "calm"),
            ("2026-01-03", "SKIP", ""),
            ("2026-01-02", "NO", ""),
            ("2026-01-01", "YES_MANUAL", ""),
        ],
    },
    {
        "name": "Gym",
        "question": "Did you go to the gym?",
        "times": 3,
        "days": 7,
        "checks": [
            ("2026-01-07", "YES_MANUAL", ""),
            ("2026-01-06", "YES_AUTO", ""),
            ("2026-01-05", "YES_MANUAL", ""),
        ],
    },
    {
        "name": "Call mom",
        "times": 1,
        "days": 4,
        "archived": True,
        "checks": [("2026-01-02", "YES_MANUAL", "")],
    },
    {
        "name": "Water glasses",
        "type": "NUMERICAL",
        "times": 1,
        "days": 1,
        "checks": [("2026-01-02", "8", "")],
    },
]


def beaver_json(habits: list[dict]) -> bytes:
    return json.dumps({"habits": habits, "order": [h["id"] for h in habits]}).encode()


BEAVER_FIXTURE = [
    {
        "id": "a1b2c3",
        "name": "Read",
        "star": True,
        "status": "active",
        "weekly_goal": 0,
        "records": [
            {"day": "2026-02-01", "done": True},
            {"day": "2026-02-02", "done": True, "text": "chapter 4"},
            {"day": "2026-02-03", "done": False},
        ],
    },
    {
        "id": "d4e5f6",
        "name": "Run",
        "status": "archive",
        "period": {"period_type": "W", "period_count": 1, "target_count": 2},
        "records": [{"day": "2026-02-04", "done": True}],
    },
    {
        "id": "0a0b0c",
        "name": "Stretch",
        "status": "active",
        "period": {"period_type": "M", "period_count": 1, "target_count": 4},
        "records": [],
    },
    {"id": "ffffff", "name": "Old habit", "status": "soft_delete", "records": []},
]
