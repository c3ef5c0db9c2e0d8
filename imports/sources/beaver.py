"""Beaver Habit Tracker's JSON export (beaverhabits, "Export" on its settings page):

  {"habits": [{"id": "ab12", "name": "Read", "star": false, "status": "active",
               "weekly_goal": 3, "period": {"period_type": "W", "period_count": 1,
               "target_count": 3},
               "records": [{"day": "2026-01-31", "done": true, "text": "chapter 4"}]}],
   "order": ["ab12"]}

`status` is "active", "archive" or "soft_delete" (Beaver's bin: not imported). A record with
done false is a tick taken back, not a miss: Beaver records only what was done, so nothing is
imported for it. `period` (newer versions) or `weekly_goal` (older ones) give the frequency;
neither means every day.
"""

from datetime import date

from habit_instances.models import InstanceStatus
from habits.services import COPY_PRIVATE_REWARD_TEXT
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

_PERIOD_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}


def looks_like_beaver(document) -> bool:
    habits = document.get("habits") if isinstance(document, dict) else None
    return (
        isinstance(habits, list)
        and bool(habits)
        and all(isinstance(h, dict) and "records" in h and "name" in h for h in habits)
    )


def _frequency(habit: dict, *, where: str) -> tuple[int, int]:
    period = habit.get("period")
    if isinstance(period, dict):
        try:
            days = _PERIOD_DAYS[period["period_type"]] * int(period["period_count"])
            return int(period["target_count"]), days
        except (KeyError, TypeError, ValueError) as error:
            raise ImportFileInvalid(f"{where}: the period is not readable.") from error
    goal = habit.get("weekly_goal") or 0
    if not isinstance(goal, int) or goal < 0:
        raise ImportFileInvalid(f"{where}: weekly_goal must be a whole number.")
    return (goal, 7) if goal else (1, 1)


def _days(records, *, where: str) -> list[PlannedDay]:
    if not isinstance(records, list):
        raise ImportFileInvalid(f"{where}: records must be a list.")
    done: dict[date, str] = {}
    for record in records:
        if not isinstance(record, dict):
            raise ImportFileInvalid(f"{where}: a record is not an object.")
        try:
            day = date.fromisoformat(record["day"])
        except (KeyError, TypeError, ValueError) as error:
            raise ImportFileInvalid(f"{where}: a record has no valid day.") from error
        if record.get("done") is True:
            done[day] = str(record.get("text") or "")[:1000]
    return [
        PlannedDay(date=day, status=InstanceStatus.COMPLETED, note=note)
        for day, note in sorted(done.items())
    ]


def beaver_plan(document) -> ImportPlan:
    if not looks_like_beaver(document):
        raise ImportFileInvalid("This JSON is not a Beaver Habit Tracker export.")
    plan = ImportPlan()
    for index, habit in enumerate(document["habits"], start=1):
        name = str(habit.get("name") or "").strip()[:150]
        where = f"habit {index} ({name or 'no name'})"
        if not name:
            raise ImportFileInvalid(f"{where}: the habit has no name.")
        if habit.get("status") == "soft_delete":
            plan.skip(name, "In Beaver's bin (deleted there).")
            continue
        times, days = _frequency(habit, where=where)
        schedule, exact = schedule_for_frequency(times=times, days=days)
        if not exact:
            plan.adjusted.append(
                {
                    "habit": name,
                    "from": f"{times} times in {days} days",
                    "to": schedule_described(schedule),
                }
            )
        history = _days(habit.get("records"), where=where)
        start = history[0].date if history else None
        plan.habits.append(
            PlannedHabit(
                data={
                    "name": name,
                    "action": name[:255],
                    "place": IMPORTED_PLACE,
                    "time_of_day": IMPORTED_TIME.isoformat(),
                    "reward_text": COPY_PRIVATE_REWARD_TEXT,
                    **({"start_date": start.isoformat()} if start else {}),
                    **schedule,
                },
                days=history,
                is_archived=habit.get("status") == "archive",
            )
        )
    return plan
