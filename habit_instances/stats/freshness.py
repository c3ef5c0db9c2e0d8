"""When a cached stats entry may still be used: the freshness rule of the stats cache.

A habit's stats are computed from its instance rows, so an entry is stale as soon as those rows
may have changed. Who changes them, and how a reader finds out:

1. **A user's request** (a mark, a habit edit, the sync of today's instance after an edit)
   changes a handful of rows and deletes those habits' keys (`cache.habit_stats_invalidate`).
   A deleted entry is simply missing: nothing to decide here.

2. **The bulk writers** (the deadline sweep and the generation beat) change rows of many habits
   at once and delete no keys: one key per habit would cost more than their own work. They do
   not need to, because both act only at moments known when the entry is computed:
   - the sweep moves a `scheduled` instance at its `scheduled_at` (to `pending`) and an open one
     at its `fix_deadline` (to `fix_expired`);
   - the generation adds an instance for a local day only from that day's local midnight minus
     HABIT_GENERATION_LOOKAHEAD_MINUTES (`schedule.generation_days`), and only while its fix
     window is open (`schedule.habit_instance_may_be_generated`).
   So every entry carries `valid_until`: the earliest moment either could change its rows
   (`valid_until` below). An entry computed while an instance the generation would create right
   now is missing gets a `valid_until` in the past: it is stored, never reused.

3. **Clocks differ** between processes. Each bulk writer records the latest `now` it changed
   anything at (`habits.data_version.habit_data_bulk_written`, one key set inside its
   transaction); a reader compares `valid_until` with the later of its own `now` and that
   mark, so a writer whose clock runs ahead of the reader's still wins. A reader that
   recomputes from rows a writer is about to change gets an entry already expired by the same
   comparison.

Besides, an entry holds for the owner's local day and zone it was computed under (`as_of`,
`zone`): a new local day moves the calendar and today's instance.

`stamp` writes these facts into an entry; `is_fresh` is the whole test a reader applies (both in
habits.kept, whose lists kept per user apply the same test, with a version besides).
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, DateTimeField, F, When

from habit_instances.models import InstanceStatus
from habit_instances.schedule import (
    done_this_week,
    generation_days,
    habit_instance_may_be_generated,
    local_moment,
)
from habits.models import Habit

# The `valid_until` of an entry that must not be reused (rule 2, a missing instance).
_ALREADY_STALE = datetime(1970, 1, 1, tzinfo=UTC)


def next_sweep_at() -> Case:
    """Per instance row: the moment the sweep may next move it (None for final rows), read in the
    same query as the rows the stats are computed from."""
    return Case(
        When(status=InstanceStatus.SCHEDULED, then=F("scheduled_at")),
        When(status=InstanceStatus.PENDING, then=F("fix_deadline")),
        default=None,
        output_field=DateTimeField(),
    )


def _earliest(*moments: datetime | None) -> datetime | None:
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None


def _generation_bound(
    *, habit: Habit, dates: set[date], done_dates: list[date], zone: ZoneInfo, now: datetime
) -> datetime | None:
    """Until when the generation cannot add an instance to these rows (None: not before the
    local day changes, which ends the entry anyway)."""
    days = generation_days(zone=zone, now=now)
    for day in days:
        if day not in dates and habit_instance_may_be_generated(
            habit=habit,
            day=day,
            zone=zone,
            now=now,
            done_this_week=done_this_week(done_dates, day),
        ):
            return _ALREADY_STALE
    if len(days) > 1:
        return None
    tomorrow = min(days) + timedelta(days=1)
    midnight = local_moment(day=tomorrow, at=time(0, 0), zone=zone)
    return midnight - timedelta(minutes=settings.HABIT_GENERATION_LOOKAHEAD_MINUTES)


def valid_until(
    *,
    habit: Habit,
    dates: set[date],
    sweep_at: datetime | None,
    zone: ZoneInfo,
    now: datetime,
    done_dates: list[date] = (),
) -> datetime | None:
    """The first moment a bulk writer may change the rows the entry was computed from: `dates`
    are the days the habit has instances for, `done_dates` those of done ones (a times_per_week
    habit met its week's target), `sweep_at` the earliest `next_sweep_at` among them. None: no
    bulk writer can change them before the local day ends."""
    bound = _generation_bound(
        habit=habit, dates=dates, done_dates=list(done_dates), zone=zone, now=now
    )
    return _earliest(sweep_at, bound)


def earliest_sweep(current: datetime | None, row_sweep_at: datetime | None) -> datetime | None:
    """Folds the rows' `next_sweep_at` values into the one `valid_until` needs."""
    return _earliest(current, row_sweep_at)
