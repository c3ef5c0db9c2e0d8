"""The schedule rules: on which local days a habit is due, when each instance's windows close, and
which instances the generation may still create.

Pure functions of a habit, a day, a zone and `now`. The generation (services/generation.py and its
SQL twin in habit_instances/sql.py) and the stats cache's freshness rule (stats/freshness.py) both
ask these, so they cannot disagree. Where SQL needs the same rule, its fragment sits here, beside
the Python it mirrors; tests/test_twin_paths.py checks the two agree.

Adding a schedule kind is one entry in SCHEDULE_KINDS (the Python predicate and its SQL fragment),
plus how a habit names its kind (`schedule_kind_of` and its SQL twin SCHEDULE_KIND_SQL).

DST: a local time that does not exist (the spring-forward gap) moves forward by the gap, and an
ambiguous one (the autumn fold) takes its first occurrence. Both are what `fold=0` means in
PEP 495, so a plain `datetime.combine(..., tzinfo=zone)` followed by a conversion to UTC does it.
(PostgreSQL's AT TIME ZONE takes the second occurrence of an ambiguous time, which is why the SQL
path receives each scheduled_at computed here rather than computing it itself.)
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from habits.models import Habit


def local_moment(*, day: date, at: time, zone: ZoneInfo) -> datetime:
    """The aware UTC datetime of wall-clock `at` on `day` in `zone` (DST rules above)."""
    return datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class ScheduleKind:
    """One way a habit recurs.

    `sql_is_due` is the same predicate as a SQL template over the habit row's fields by name
    (`{start_date}`, `{periodicity_days}`, ...) and the candidate local date `{day}`;
    habit_instances.sql fills in the columns from Habit._meta.
    """

    is_due: Callable[[Habit, date], bool]
    sql_is_due: str


def _due_every_n_days(habit: Habit, day: date) -> bool:
    offset = (day - habit.start_date).days
    return offset >= 0 and offset % habit.periodicity_days == 0


EVERY_N_DAYS = "every_n_days"

SCHEDULE_KINDS: dict[str, ScheduleKind] = {
    # Due on start_date and every periodicity_days after it.
    EVERY_N_DAYS: ScheduleKind(
        is_due=_due_every_n_days,
        sql_is_due="{day} >= {start_date} AND mod({day} - {start_date}, {periodicity_days}) = 0",
    ),
}


def schedule_kind_of(habit: Habit) -> str:
    """Every habit recurs every N days until habits store a kind of their own."""
    return EVERY_N_DAYS


# The SQL twin of `schedule_kind_of`: an expression over the habit row naming its kind.
SCHEDULE_KIND_SQL = f"'{EVERY_N_DAYS}'"


def is_due_on(*, habit: Habit, day: date) -> bool:
    return SCHEDULE_KINDS[schedule_kind_of(habit)].is_due(habit, day)


@dataclass(frozen=True)
class Deadlines:
    scheduled_at: datetime
    grace_deadline: datetime
    fix_deadline: datetime


def deadlines_for(*, habit: Habit, day: date, zone: ZoneInfo) -> Deadlines:
    scheduled_at = local_moment(day=day, at=habit.time_of_day, zone=zone)
    grace_deadline = scheduled_at + timedelta(minutes=habit.grace_minutes)
    return Deadlines(
        scheduled_at=scheduled_at,
        grace_deadline=grace_deadline,
        fix_deadline=grace_deadline + timedelta(minutes=habit.fix_minutes),
    )


# The SQL twins of `deadlines_for`, over the habit row's fields and a `{scheduled_at}` expression
# (computed by `local_moment`, see the DST note above).
GRACE_DEADLINE_SQL = "{scheduled_at} + make_interval(mins => {grace_minutes})"
FIX_DEADLINE_SQL = "{scheduled_at} + make_interval(mins => {grace_minutes} + {fix_minutes})"


def generation_days(*, zone: ZoneInfo, now: datetime) -> set[date]:
    """The local days the generation creates instances for at `now`: the zone's today, plus
    tomorrow shortly before midnight, so a habit at 00:00 has its instance before its time comes,
    not up to one beat interval later."""
    lookahead = timedelta(minutes=settings.HABIT_GENERATION_LOOKAHEAD_MINUTES)
    return {now.astimezone(zone).date(), (now + lookahead).astimezone(zone).date()}


def habit_instance_may_be_generated(
    *, habit: Habit, day: date, zone: ZoneInfo, now: datetime
) -> bool:
    """Whether generation at `now` creates the habit's instance for `day` when it is missing.

    Only while its fix deadline is still ahead: a window that closed before anyone could act on
    it (the habit did not exist yet, or the servers were down) records nothing, instead of an
    instant `fix_expired` that would break a streak nobody could have kept.
    """
    return (
        habit.is_active
        and is_due_on(habit=habit, day=day)
        and deadlines_for(habit=habit, day=day, zone=zone).fix_deadline > now
    )
