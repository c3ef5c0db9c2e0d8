"""The schedule rules: on which local days a habit is due, when each instance's windows close, and
which instances the generation may still create.

Pure functions of a habit, a day, a zone and `now`. The generation (services/generation.py and its
SQL twin in habit_instances/sql.py) and the stats cache's freshness rule (stats/freshness.py) both
ask these, so they cannot disagree. Where SQL needs the same rule, its fragment sits here, beside
the Python it mirrors; tests/test_twin_paths.py checks the two agree.

Adding a schedule kind is one entry in SCHEDULE_KINDS (the Python predicate and its SQL fragment)
and one value of habits.models.Schedule. A pause (`is_paused_on`, PAUSED_SQL) overrides every
kind: no day inside it is due.

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

from habits.models import MAX_WINDOW_MINUTES, Habit, Schedule

# How many local days back an instance can still be open: scheduled on its day (up to 23:59), it
# closes at most a grace and a fix window (each up to a day) later; one day more for DST and zones.
OPEN_DAYS_BACK = 1 + -(-2 * MAX_WINDOW_MINUTES // (24 * 60))


def local_moment(*, day: date, at: time, zone: ZoneInfo) -> datetime:
    """The aware UTC datetime of wall-clock `at` on `day` in `zone` (DST rules above)."""
    return datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class ScheduleKind:
    """One way a habit recurs.

    `is_due(habit, day, done_this_week)`: `done_this_week` is how many of the habit's instances
    dated in the ISO week (Monday to Sunday, local dates) of `day`, before `day`, are done; only
    times_per_week reads it. `sql_is_due` is the same predicate as a SQL template over the habit
    row's fields by name (`{start_date}`, `{weekdays}`, ...), the candidate local date `{day}`
    and `{done_this_week}` (a subquery habit_instances.sql supplies). The SQL path runs on
    PostgreSQL only (services/generation.py).
    """

    is_due: Callable[[Habit, date, int], bool]
    sql_is_due: str


def week_start(day: date) -> date:
    """The Monday of `day`'s ISO week: the week a times_per_week target counts in."""
    return day - timedelta(days=day.weekday())


def done_this_week(done_dates, day: date) -> int:
    """ScheduleKind's `done_this_week` from a habit's done dates (any superset of the week)."""
    return sum(1 for done in done_dates if week_start(done) == week_start(day) and done < day)


def _due_every_n_days(habit: Habit, day: date, done_this_week: int) -> bool:
    offset = (day - habit.start_date).days
    return offset >= 0 and offset % habit.periodicity_days == 0


def _due_on_weekdays(habit: Habit, day: date, done_this_week: int) -> bool:
    return day >= habit.start_date and bool(habit.weekdays >> day.weekday() & 1)


def _due_until_week_target_met(habit: Habit, day: date, done_this_week: int) -> bool:
    return day >= habit.start_date and done_this_week < habit.times_per_week


EVERY_N_DAYS = Schedule.EVERY_N_DAYS.value
WEEKDAYS = Schedule.WEEKDAYS.value
TIMES_PER_WEEK = Schedule.TIMES_PER_WEEK.value

SCHEDULE_KINDS: dict[str, ScheduleKind] = {
    # Due on start_date and every periodicity_days after it.
    EVERY_N_DAYS: ScheduleKind(
        is_due=_due_every_n_days,
        sql_is_due="{day} >= {start_date} AND mod({day} - {start_date}, {periodicity_days}) = 0",
    ),
    # Due on the chosen weekdays (bit d of the mask: weekday d, Monday = 0) from start_date on.
    WEEKDAYS: ScheduleKind(
        is_due=_due_on_weekdays,
        sql_is_due=(
            "{day} >= {start_date}"
            " AND ({weekdays} >> (CAST(extract(isodow FROM {day}) AS integer) - 1)) & 1 = 1"
        ),
    ),
    # Due every day from start_date on until the week's target of done instances is met.
    TIMES_PER_WEEK: ScheduleKind(
        is_due=_due_until_week_target_met,
        sql_is_due="{day} >= {start_date} AND {done_this_week} < {times_per_week}",
    ),
}


def schedule_kind_of(habit: Habit) -> str:
    return habit.schedule


# The SQL twin of `schedule_kind_of`: an expression over the habit row naming its kind.
SCHEDULE_KIND_SQL = "{schedule}"


def habit_frequency(habit: Habit) -> float:
    """Due days per day, as Loop Habit Tracker's strength formula takes it: 1 / N for every N
    days, chosen weekdays / 7, times per week / 7."""
    kind = schedule_kind_of(habit)
    if kind == WEEKDAYS:
        return bin(habit.weekdays).count("1") / 7
    if kind == TIMES_PER_WEEK:
        return habit.times_per_week / 7
    return 1 / habit.periodicity_days


def is_paused_on(*, habit: Habit, day: date) -> bool:
    """Inside the habit's pause: from `paused_from` through `paused_until` (open-ended if none)."""
    return (
        habit.paused_from is not None
        and day >= habit.paused_from
        and (habit.paused_until is None or day <= habit.paused_until)
    )


# The SQL twin of `is_paused_on`.
PAUSED_SQL = (
    "({paused_from} IS NOT NULL AND {day} >= {paused_from}"
    " AND ({paused_until} IS NULL OR {day} <= {paused_until}))"
)


def is_due_on(*, habit: Habit, day: date, done_this_week: int = 0) -> bool:
    """Due by its schedule kind and not paused (`done_this_week`: see ScheduleKind)."""
    return not is_paused_on(habit=habit, day=day) and SCHEDULE_KINDS[
        schedule_kind_of(habit)
    ].is_due(habit, day, done_this_week)


def next_due_date(
    *, habit: Habit, today: date, today_is_over: bool, done_this_week: int
) -> date | None:
    """The first local date from `today` on that the habit is due and that is still ahead:
    today unless `today_is_over` (its instance is final, or it has none and its window has
    closed). `done_this_week` counts the done instances of today's ISO week through today.
    None when the habit is archived or inactive, or paused open-ended from then on."""
    if habit.is_archived or not habit.is_active:
        return None
    day = today + timedelta(days=1) if today_is_over else today
    # Each turn either answers or jumps ahead at least to the next candidate; a week of
    # weekdays, one pause and a start date in the future bound the turns.
    for _ in range(16):
        if is_paused_on(habit=habit, day=day):
            if habit.paused_until is None:
                return None
            day = habit.paused_until + timedelta(days=1)
            continue
        if day < habit.start_date:
            day = habit.start_date
            continue
        done = done_this_week if week_start(day) == week_start(today) else 0
        if is_due_on(habit=habit, day=day, done_this_week=done):
            return day
        if schedule_kind_of(habit) == TIMES_PER_WEEK:
            day = week_start(day) + timedelta(days=7)
        elif schedule_kind_of(habit) == EVERY_N_DAYS:
            offset = (day - habit.start_date).days
            day += timedelta(days=habit.periodicity_days - offset % habit.periodicity_days)
        else:
            day += timedelta(days=1)
    return None


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
    *, habit: Habit, day: date, zone: ZoneInfo, now: datetime, done_this_week: int = 0
) -> bool:
    """Whether generation at `now` creates the habit's instance for `day` when it is missing.

    Never for an archived or inactive habit, or a paused day. Only while its fix deadline is
    still ahead: a window that closed before anyone could act on
    it (the habit did not exist yet, or the servers were down) records nothing, instead of an
    instant `fix_expired` that would break a streak nobody could have kept.
    """
    return (
        habit.is_active
        and not habit.is_archived
        and is_due_on(habit=habit, day=day, done_this_week=done_this_week)
        and deadlines_for(habit=habit, day=day, zone=zone).fix_deadline > now
    )
