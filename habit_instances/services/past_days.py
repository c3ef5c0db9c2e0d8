"""Recording a past day afterwards: the owner says how a due day went, or clears such a record.

Not a transition of the state machine: the day's status is written outright (creating the
instance when the day has none), flagged `recorded_late`, and nothing reaches the user — no
reminder, no nudge, no outbox row (a completion recorded here counts toward the habit's progress;
the "habit formed" message waits for the next live completion). The rules are in docs/habits.md.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from core.exceptions import Conflict, NotFound, ValidationFailed
from habit_instances.changes import instances_changed
from habit_instances.models import (
    DONE_STATUSES,
    RECORDABLE_STATUSES,
    HabitInstance,
    InstanceStatus,
)
from habit_instances.schedule import deadlines_for, is_due_on
from habit_instances.services.transitions import (
    habit_skip_limit_check,
    instance_announce_marked,
)
from habits.models import Habit
from habits.selectors import habit_get_for_user
from users.timezones import local_today, user_zone


def _refuse_date(message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={"date": [message]})


def _check_in_window(*, day: date, today: date) -> None:
    """Past days only (today is marked on Today), up to HABIT_PAST_DAYS_WINDOW days back."""
    window = settings.HABIT_PAST_DAYS_WINDOW
    if day > today:
        raise _refuse_date(f"{day.isoformat()} is in the future: only past days can be recorded.")
    if day == today:
        raise _refuse_date(
            "Today is not a past day: mark today's instance as done, not done or skipped instead."
        )
    if day < today - timedelta(days=window):
        raise _refuse_date(
            f"{day.isoformat()} is too far back: days can be recorded up to {window} days back."
        )


def _check_due(*, habit: Habit, day: date) -> None:
    if day < habit.start_date:
        raise _refuse_date(
            f"{day.isoformat()} is before this habit's start date ({habit.start_date.isoformat()})."
        )
    if not is_due_on(habit=habit, day=day):
        raise _refuse_date(f"This habit is not due on {day.isoformat()}.")


def _recorded_values(*, status: str, now: datetime) -> dict:
    return {
        "status": status,
        "recorded_late": True,
        # when it was recorded: the day's own time is unknown
        "completed_at": now if status in DONE_STATUSES else None,
        "updated_at": now,
    }


@transaction.atomic
def habit_day_record(*, user, habit_id, day: date, status: str, now: datetime) -> HabitInstance:
    """Creates or corrects the habit's instance on the past local `day` with `status`."""
    habit = habit_get_for_user(user=user, habit_id=habit_id)
    if status not in RECORDABLE_STATUSES:
        message = f"A past day is recorded as one of {', '.join(RECORDABLE_STATUSES)}."
        raise ValidationFailed(message, fields={"status": [message]})
    _check_in_window(day=day, today=local_today(user=user, now=now))
    existing = HabitInstance.objects.filter(habit=habit, date=day).first()
    if existing is None:
        # A day that has its instance was due when it was made: it stays correctable after the
        # schedule or start date changed. Only a new instance needs the day to be due now.
        _check_due(habit=habit, day=day)
    if status == InstanceStatus.SKIPPED and (existing is None or existing.status != status):
        habit_skip_limit_check(
            habit_id=habit.pk, day=day, excluding_id=existing.pk if existing else None
        )
    values = _recorded_values(status=status, now=now)
    if existing is None:
        deadlines = deadlines_for(habit=habit, day=day, zone=user_zone(user))
        try:
            with transaction.atomic():  # a savepoint: the generation may insert the day first
                existing = HabitInstance.objects.create(
                    habit=habit,
                    date=day,
                    scheduled_at=deadlines.scheduled_at,
                    grace_deadline=deadlines.grace_deadline,
                    fix_deadline=deadlines.fix_deadline,
                    **values,
                )
            instances_changed(user_ids=[user.pk], habit_ids=[habit.pk])
            instance_announce_marked(existing, user_id=user.pk, now=now)
            return existing
        except IntegrityError:
            existing = HabitInstance.objects.get(habit=habit, date=day)
    previous_status = existing.status
    HabitInstance.objects.filter(pk=existing.pk).update(**values)
    for field, value in values.items():
        setattr(existing, field, value)
    instances_changed(user_ids=[user.pk], habit_ids=[habit.pk])
    if previous_status != status:
        instance_announce_marked(existing, user_id=user.pk, now=now)
    return existing


@transaction.atomic
def habit_day_clear(*, user, habit_id, day: date, now: datetime) -> None:
    """Clears a day recorded (or corrected) afterwards: the day has no instance again, so it
    counts as neither done nor missed. Days only the live marks or the sweep wrote stay."""
    habit = habit_get_for_user(user=user, habit_id=habit_id)
    _check_in_window(day=day, today=local_today(user=user, now=now))
    instance = HabitInstance.objects.filter(habit=habit, date=day).first()
    if instance is None:
        raise NotFound(f"Nothing is recorded on {day.isoformat()}.")
    if not instance.recorded_late:
        raise Conflict(
            f"{day.isoformat()} was not recorded afterwards: correct it with PUT instead.",
            code="not_recorded_late",
        )
    HabitInstance.objects.filter(pk=instance.pk, recorded_late=True).delete()
    instances_changed(user_ids=[user.pk], habit_ids=[habit.pk])
