"""When a goal reminder is due: pure functions of its schedule, the owner's zone and `now`.

Due at `remind_time` on the owner's clock on `anchor_date` and every `every_n_days` local days
after it. The wall-clock time becomes a UTC moment with habit_instances.schedule.local_moment, the
habits' DST rule: a time in the spring-forward gap moves forward by the gap, an ambiguous one in
the autumn fold takes its first occurrence.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from habit_instances.schedule import local_moment


@dataclass(frozen=True, kw_only=True)
class ReminderSchedule:
    anchor_date: date
    every_n_days: int
    remind_time: time


def reminder_first_day(*, remind_time: time, zone: ZoneInfo, now: datetime) -> date:
    """The first local day whose `remind_time` is still ahead of `now`: today or tomorrow."""
    today = now.astimezone(zone).date()
    if local_moment(day=today, at=remind_time, zone=zone) > now:
        return today
    return today + timedelta(days=1)


def reminder_latest_due(
    *, schedule: ReminderSchedule, zone: ZoneInfo, now: datetime
) -> tuple[date, datetime] | None:
    """The latest due (local day, UTC moment) at or before `now`; None before the first one."""
    day = now.astimezone(zone).date()
    if day < schedule.anchor_date:
        return None
    day -= timedelta(days=(day - schedule.anchor_date).days % schedule.every_n_days)
    moment = local_moment(day=day, at=schedule.remind_time, zone=zone)
    if moment > now:
        day -= timedelta(days=schedule.every_n_days)
        if day < schedule.anchor_date:
            return None
        moment = local_moment(day=day, at=schedule.remind_time, zone=zone)
    return day, moment


def reminder_next_due(
    *, schedule: ReminderSchedule, zone: ZoneInfo, now: datetime, deadline: date | None
) -> datetime | None:
    """The next due moment after `now` (UTC); None when it would fall after the deadline."""
    day = max(schedule.anchor_date, now.astimezone(zone).date())
    day += timedelta(days=-(day - schedule.anchor_date).days % schedule.every_n_days)
    moment = local_moment(day=day, at=schedule.remind_time, zone=zone)
    if moment <= now:
        day += timedelta(days=schedule.every_n_days)
        moment = local_moment(day=day, at=schedule.remind_time, zone=zone)
    return None if deadline is not None and day > deadline else moment
