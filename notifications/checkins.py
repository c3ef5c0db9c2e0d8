"""Check-ins: at the user's chosen local slots, "3 of 5 habits left today" through every
channel the outbox delivers on (docs/notifications.md, "Check-ins and extra reminders").

One beat task (checkins_send) serves every user: each schedule keeps its next slot as a UTC
instant in `next_checkin_at`, so the task reads the due ones from an index, and advances each
with a compare-and-set UPDATE before writing its notification in the same transaction: two
overlapping runs cannot both win a slot.

Wall-clock rules (the slot is a local time in the user's zone, re-resolved every day):
- a slot in a spring-forward gap (02:30 on the day 02:00 jumps to 03:00) fires once, at the
  instant 02:30 would have been by the offset before the change (03:30 local);
- a slot that occurs twice on a fall-back day (01:30) fires once, at its first occurrence;
- two slots that land on the same instant (02:30 and 03:30 on a spring-forward day) fire once.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, Q

from core.exceptions import ValidationFailed
from habit_instances.models import EXCUSED_STATUSES, OPEN_STATUSES, HabitInstance
from habit_instances.schedule import local_moment
from habits.models import reminder_times, reminder_times_shown, reminder_times_text
from notifications.models import CheckinSchedule, Notification
from notifications.services import NotificationRow, notifications_write
from notifications.sql import checkin_slots_advance
from users.timezones import zone_named

MAX_CHECKIN_TIMES = 6
# A slot found more than this late (the worker was down) is not sent: a check-in about the
# morning that arrives in the afternoon says nothing useful. Within it, one catch-up is sent,
# however many slots were missed.
CATCHUP_WINDOW = timedelta(minutes=60)
CHECKINS_BATCH = 500  # schedules handled per transaction by one run


def next_checkin_after(
    *, times: list[time], frequency: str, weekday: int | None, tz: ZoneInfo, after: datetime
) -> datetime | None:
    """The first slot strictly after `after`, as a UTC instant; None when check-ins are off."""
    if frequency == CheckinSchedule.Frequency.OFF or not times:
        return None
    start = after.astimezone(tz).date() - timedelta(days=1)  # a slot may resolve across midnight
    for offset in range(9):  # a weekly slot is at most 7 days ahead; two more cover the edges
        day = start + timedelta(days=offset)
        if frequency == CheckinSchedule.Frequency.WEEKLY and day.weekday() != weekday:
            continue
        found = [
            moment for at in times if (moment := local_moment(day=day, at=at, zone=tz)) > after
        ]
        if found:
            return min(found)
    return None


# --- settings -----------------------------------------------------------------------------


def checkin_schedule_get(*, user) -> CheckinSchedule:
    """The user's schedule, or the unsaved default (off, no slots) when they never set one."""
    current = CheckinSchedule.objects.filter(user=user).first()
    return current or CheckinSchedule(user=user, times="", frequency=CheckinSchedule.Frequency.OFF)


def checkin_times_shown(schedule: CheckinSchedule) -> list[str]:
    return reminder_times_shown(schedule.times)


@transaction.atomic
def checkin_schedule_update(
    *, user, times: list[time], frequency: str, weekday: int | None, now: datetime
) -> CheckinSchedule:
    """Saves the slots and computes the next one from `now`: a slot earlier today than now
    waits for its next day."""
    errors = {}
    if frequency == CheckinSchedule.Frequency.WEEKLY and weekday is None:
        errors["weekday"] = ["A weekly check-in needs a weekday (0 = Monday ... 6 = Sunday)."]
    if frequency != CheckinSchedule.Frequency.OFF and not times:
        errors["times"] = ["Give at least one time, or set frequency to off."]
    if errors:
        raise ValidationFailed(fields=errors)
    if frequency != CheckinSchedule.Frequency.WEEKLY:
        weekday = None
    schedule, _ = CheckinSchedule.objects.update_or_create(
        user=user,
        defaults={
            "times": reminder_times_text(times),
            "frequency": frequency,
            "weekday": weekday,
            "next_checkin_at": next_checkin_after(
                times=times,
                frequency=frequency,
                weekday=weekday,
                tz=zone_named(user.timezone),
                after=now,
            ),
            "updated_at": now,
        },
    )
    return schedule


def checkin_schedule_rezone(*, user_id: int, new_timezone: str, now: datetime) -> int:
    """The user moved zone: the next slot is recomputed in the new one, from `now`."""
    schedule = CheckinSchedule.objects.filter(user_id=user_id).first()
    if schedule is None:
        return 0
    return CheckinSchedule.objects.filter(pk=schedule.pk).update(
        next_checkin_at=_next_of(schedule, tz=zone_named(new_timezone), after=now),
        updated_at=now,
    )


def _next_of(schedule: CheckinSchedule, *, tz: ZoneInfo, after: datetime) -> datetime | None:
    return next_checkin_after(
        times=reminder_times(schedule.times),
        frequency=schedule.frequency,
        weekday=schedule.weekday,
        tz=tz,
        after=after,
    )


# --- the beat task -------------------------------------------------------------------------


def _left_today(*, user_zones: dict[int, ZoneInfo], now: datetime) -> dict[int, tuple[int, int]]:
    """user id -> (left, due) over the user's local today, in one query for all of them.

    Due: today's instances of active, unarchived habits, skipped ones excepted (excused, as the
    digest counts them). Left: those still open (scheduled or pending). Paused habits have no
    instance on a paused day, so they are not counted; missed and fix-expired instances count
    as due but not left (nothing can be done about them any more)."""
    today = {user_id: now.astimezone(tz).date() for user_id, tz in user_zones.items()}
    groups = (
        HabitInstance.objects.filter(
            habit__user_id__in=list(user_zones),
            date__in=set(today.values()),
            habit__is_active=True,
            habit__is_archived=False,
        )
        .exclude(status__in=EXCUSED_STATUSES)
        .values_list("habit__user_id", "date")
        .annotate(left=Count("pk", filter=Q(status__in=OPEN_STATUSES)), due=Count("pk"))
        .order_by()
    )
    # one group per (user, date) among the users' todays: keep each user's own today
    return {user_id: (left, due) for user_id, day, left, due in groups if day == today[user_id]}


def _checkin_row(*, user_id: int, slot: datetime, left: int, due: int) -> NotificationRow:
    habits = "habit" if due == 1 else "habits"
    return NotificationRow(
        user_id=user_id,
        kind=Notification.Kind.CHECKIN,
        title=f"{left} of {due} {habits} left today",
        body=(
            "Still time to do it: open the app to mark it done."
            if left == 1
            else "Still time to do them: open the app to mark them done."
        ),
        dedupe_key=f"checkin:{slot.astimezone(ZoneInfo('UTC')):%Y-%m-%dT%H:%MZ}",
        payload={"left": left, "due": due, "slot": slot.isoformat()},
    )


def checkins_send(*, now: datetime) -> dict:
    """Every schedule whose slot is due: advance it to its next slot after `now` (compare-and-
    set: a run that finds the slot already moved leaves it alone) and, when the slot is less
    than CATCHUP_WINDOW old and something is left today, write the check-in. Answers how many
    slots were advanced and how many check-ins written."""
    advanced = written = 0
    while True:
        with transaction.atomic():
            due = list(
                CheckinSchedule.objects.filter(next_checkin_at__lte=now)
                .order_by("next_checkin_at", "pk")
                .values_list(
                    "pk",
                    "user_id",
                    "user__timezone",
                    "times",
                    "frequency",
                    "weekday",
                    "next_checkin_at",
                )[:CHECKINS_BATCH]
            )
            if not due:
                break
            zones = {pk: zone_named(zone) for pk, _, zone, *_ in due}
            moves = [
                (
                    pk,
                    slot,
                    next_checkin_after(
                        times=reminder_times(times),
                        frequency=frequency,
                        weekday=weekday,
                        tz=zones[pk],
                        after=now,
                    ),
                )
                for pk, _, _, times, frequency, weekday, slot in due
            ]
            moved = set(checkin_slots_advance(moves=moves))
            won = [
                (user_id, zones[pk], slot) for pk, user_id, _, _, _, _, slot in due if pk in moved
            ]
            advanced += len(won)
            fresh = {user_id: tz for user_id, tz, slot in won if now - slot <= CATCHUP_WINDOW}
            counts = _left_today(user_zones=fresh, now=now) if fresh else {}
            rows = [
                _checkin_row(user_id=user_id, slot=slot, left=left, due=due_today)
                for user_id, _, slot in won
                if user_id in fresh
                for left, due_today in [counts.get(user_id, (0, 0))]
                if left > 0
            ]
            written += len(notifications_write(rows=rows, now=now))
        if len(due) < CHECKINS_BATCH:
            break
    return {"advanced": advanced, "written": written}


def checkins_wipe(user) -> None:
    CheckinSchedule.objects.filter(user=user).delete()


def checkins_export_for_user(user) -> dict | None:
    schedule = CheckinSchedule.objects.filter(user=user).first()
    if schedule is None:
        return None
    return {
        "times": checkin_times_shown(schedule),
        "frequency": schedule.frequency,
        "weekday": schedule.weekday,
    }


# --- event subscriber ---------------------------------------------------------------------


def on_user_timezone_changed(
    *, user_id: int, old_timezone: str, new_timezone: str, now: datetime
) -> None:
    checkin_schedule_rezone(user_id=user_id, new_timezone=new_timezone, now=now)
