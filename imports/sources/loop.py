"""Loop Habit Tracker's CSV export: a zip with Habits.csv and, per habit, a folder
"NNN Name/" holding Checkmarks.csv (and Scores.csv, which is derived and not read).

Loop 2 writes Habits.csv as
  Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,
  Target Type,Target Value,Archived?
and Checkmarks.csv as Date,Value,Notes with Value one of YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN.
Loop 1 wrote Position,Name,Question,Description,NumRepetitions,Interval,Color and Date,Value with
the numbers 2 (YES_MANUAL), 1 (YES_AUTO), 0 (NO), 3 (SKIP), -1 (UNKNOWN). Both are read.
"""

import csv
import io
import re
import zipfile
from datetime import date

from habit_instances.models import InstanceStatus
from habits.services import COPY_PRIVATE_REWARD_TEXT
from imports.archive import zip_open, zip_text
from imports.errors import ImportFileInvalid
from imports.plan import (
    IMPORTED_PLACE,
    IMPORTED_TIME,
    ImportPlan,
    PlannedDay,
    PlannedHabit,
    schedule_described,
    schedule_for_frequency,
)

_VALUE_NAMES = {"2": "YES_MANUAL", "1": "YES_AUTO", "0": "NO", "3": "SKIP", "-1": "UNKNOWN"}
_STATUS_OF_VALUE = {
    "YES_MANUAL": InstanceStatus.COMPLETED,
    "NO": InstanceStatus.MISSED,
    "SKIP": InstanceStatus.SKIPPED,
}
# YES_AUTO is Loop filling the days a non-daily habit's frequency covers after a real check:
# not a completion of its own, so it is no day of ours either (and UNKNOWN is no record at all).
_NOT_A_DAY = {"YES_AUTO", "UNKNOWN"}
_FOLDER = re.compile(r"^(\d+) ([^/]*)/Checkmarks\.csv$")


def looks_like_loop(archive: zipfile.ZipFile) -> bool:
    return "Habits.csv" in archive.namelist()


def _rows(archive: zipfile.ZipFile, name: str, required: set[str]) -> list[dict]:
    reader = csv.DictReader(io.StringIO(zip_text(archive, name)))
    header = {column.strip() for column in reader.fieldnames or []}
    missing = required - header
    if missing:
        raise ImportFileInvalid(f"{name}: missing the column(s) {', '.join(sorted(missing))}.")
    try:
        return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]
    except csv.Error as error:
        raise ImportFileInvalid(f"{name}: {error}.") from error


def _int(value: str, *, where: str) -> int:
    try:
        return int(value)
    except ValueError as error:
        raise ImportFileInvalid(f"{where}: {value!r} is not a whole number.") from error


def _frequency(row: dict, *, where: str) -> tuple[int, int]:
    if "FrequencyNumerator" in row:
        times, days = row["FrequencyNumerator"], row["FrequencyDenominator"]
    else:
        times, days = row.get("NumRepetitions", ""), row.get("Interval", "")
    return _int(times, where=where), _int(days, where=where)


def _checkmarks(archive: zipfile.ZipFile, name: str) -> list[PlannedDay]:
    days: list[PlannedDay] = []
    for number, row in enumerate(_rows(archive, name, {"Date", "Value"}), start=2):
        where = f"{name} line {number}"
        try:
            day = date.fromisoformat(row["Date"])
        except ValueError as error:
            raise ImportFileInvalid(f"{where}: {row['Date']!r} is not a date.") from error
        value = _VALUE_NAMES.get(row["Value"], row["Value"].upper())
        if value in _NOT_A_DAY:
            continue
        status = _STATUS_OF_VALUE.get(value)
        if status is None:
            raise ImportFileInvalid(f"{where}: unknown check value {row['Value']!r}.")
        days.append(PlannedDay(date=day, status=status, note=row.get("Notes", "")[:1000]))
    if len({day.date for day in days}) != len(days):
        raise ImportFileInvalid(f"{name}: a date appears twice.")
    return days


def loop_plan(data: bytes) -> ImportPlan:
    archive = zip_open(data)
    if not looks_like_loop(archive):
        raise ImportFileInvalid("Habits.csv is missing: this is not a Loop Habit Tracker export.")
    folders = {}
    for member in archive.namelist():
        match = _FOLDER.match(member)
        if match:
            folders[int(match.group(1))] = member
    plan = ImportPlan()
    for number, row in enumerate(_rows(archive, "Habits.csv", {"Position", "Name"}), start=2):
        where = f"Habits.csv line {number}"
        name = row["Name"][:150]
        if not name:
            raise ImportFileInvalid(f"{where}: the habit has no name.")
        if row.get("Type", "YES_NO").upper() in ("NUMERICAL", "1"):
            plan.skip(name, "Measurable (numeric) habits have no counterpart here.")
            continue
        times, days = _frequency(row, where=where)
        schedule, exact = schedule_for_frequency(times=times, days=days)
        if not exact:
            plan.adjusted.append(
                {
                    "habit": name,
                    "from": f"{times} times in {days} days",
                    "to": schedule_described(schedule),
                }
            )
        member = folders.get(_int(row["Position"], where=where))
        history = _checkmarks(archive, member) if member else []
        start = min((d.date for d in history), default=None)
        plan.habits.append(
            PlannedHabit(
                data={
                    "name": name,
                    "description": row.get("Description", "")[:2000],
                    "action": (row.get("Question") or name)[:255],
                    "place": IMPORTED_PLACE,
                    "time_of_day": IMPORTED_TIME.isoformat(),
                    "reward_text": COPY_PRIVATE_REWARD_TEXT,
                    **({"start_date": start.isoformat()} if start else {}),
                    **schedule,
                },
                days=history,
                is_archived=row.get("Archived?", "").lower() == "true",
            )
        )
    return plan
