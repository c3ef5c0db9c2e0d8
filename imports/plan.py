"""What a file asks to create, read by a source module (imports.sources) before anything is
written: the writer (imports.services.writer) turns one plan into rows in one transaction."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from habits.models import MAX_TIMES_PER_WEEK, PERIODICITY_CHOICES, Schedule

PERIODICITIES = [value for value, _ in PERIODICITY_CHOICES]

# Loop and Beaver keep no place, time or reward: an imported habit gets these, which the user
# edits afterwards (the habit rules need all three).
IMPORTED_PLACE = "Anywhere"
IMPORTED_TIME = time(9, 0)


@dataclass
class PlannedDay:
    date: date
    status: str  # an InstanceStatus value
    completed_at: datetime | None = None  # done days without one: the day's scheduled time
    note: str = ""
    recorded_late: bool = False


@dataclass
class PlannedHabit:
    data: dict  # the habit in the API's shape (habits.serializers.HabitInputSerializer)
    days: list[PlannedDay] = field(default_factory=list)
    source_id: object = None  # its id in the file, which related_source_id of others names
    related_source_id: object = None
    is_archived: bool = False
    paused_from: date | None = None
    paused_until: date | None = None
    formed_at: datetime | None = None


@dataclass
class PlannedJournalEntry:
    date: date
    time: time
    mood: int
    energy: int | None
    note: str
    tags: list[str]


@dataclass
class ImportPlan:
    habits: list[PlannedHabit] = field(default_factory=list)
    journal_tags: list[str] = field(default_factory=list)
    journal_entries: list[PlannedJournalEntry] = field(default_factory=list)
    # what the file holds that is not imported, each {"item": ..., "reason": ...}
    skipped: list[dict] = field(default_factory=list)
    # schedules changed to the nearest one the product has: {"habit", "from", "to"}
    adjusted: list[dict] = field(default_factory=list)

    def skip(self, item: str, reason: str) -> None:
        self.skipped.append({"item": item, "reason": reason})


def schedule_for_frequency(*, times: int, days: int) -> tuple[dict, bool]:
    """`times` repetitions every `days` days (Loop's "3 times in 7 days", Beaver's goals) as the
    habit's schedule fields, and whether that is exact. What the product cannot say (every 4
    days, 2 in 30) becomes every N days with N in PERIODICITY_CHOICES nearest to days / times,
    the more frequent one on a tie."""
    if times <= 0 or days <= 0:
        return {"schedule": Schedule.EVERY_N_DAYS, "periodicity_days": 1}, False
    if times >= days:
        return {"schedule": Schedule.EVERY_N_DAYS, "periodicity_days": 1}, times == days
    if times == 1 and days in PERIODICITIES:
        return {"schedule": Schedule.EVERY_N_DAYS, "periodicity_days": days}, True
    if days == 7 and times <= MAX_TIMES_PER_WEEK:
        return {"schedule": Schedule.TIMES_PER_WEEK, "times_per_week": times}, True
    interval = days / times
    nearest = min(PERIODICITIES, key=lambda n: (abs(n - interval), n))
    return {"schedule": Schedule.EVERY_N_DAYS, "periodicity_days": nearest}, False


def schedule_described(fields: dict) -> str:
    if fields["schedule"] == Schedule.TIMES_PER_WEEK:
        return f"{fields['times_per_week']} times a week"
    days = fields["periodicity_days"]
    return "every day" if days == 1 else f"every {days} days"
