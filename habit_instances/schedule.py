"""Local days and wall-clock times turned into aware datetimes, in each user's own zone.

DST: a local time that does not exist (the spring-forward gap) moves forward by the gap, and an
ambiguous one (the autumn fold) takes its first occurrence. Both are what `fold=0` means in
PEP 495, so a plain `datetime.combine(..., tzinfo=zone)` followed by a conversion to UTC does it.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_moment(*, day: date, at: time, zone: ZoneInfo) -> datetime:
    """The aware UTC datetime of wall-clock `at` on `day` in `zone` (DST rules above)."""
    return datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class Deadlines:
    scheduled_at: datetime
    grace_deadline: datetime
    fix_deadline: datetime


def deadlines_for(*, habit, day: date, zone: ZoneInfo) -> Deadlines:
    scheduled_at = local_moment(day=day, at=habit.time_of_day, zone=zone)
    grace_deadline = scheduled_at + timedelta(minutes=habit.grace_minutes)
    return Deadlines(
        scheduled_at=scheduled_at,
        grace_deadline=grace_deadline,
        fix_deadline=grace_deadline + timedelta(minutes=habit.fix_minutes),
    )
