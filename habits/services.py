"""Every write on habits: the Atomic Habits rules, dependents and copies.

What a saved habit means for its instances and stats is habit_instances' business: it subscribes
to HABIT_SAVED (habits.events) and acts in the same transaction.
"""

from datetime import datetime, time

from django.db import transaction

from core.exceptions import Conflict, NotFound, ValidationFailed
from core.ownership import get_owned_or_404
from habits.data_version import habit_data_changed
from habits.events import announce_habit_saved
from habits.models import EDITABLE_FIELDS, Habit, Schedule, reminder_times
from users.timezones import local_today

__all__ = [
    "habit_archive",
    "habit_copy",
    "habit_create",
    "habit_delete",
    "habit_pause",
    "habit_resume",
    "habit_unarchive",
    "habit_update",
    "habits_wipe_for_user",
]

REQUIRED_FIELDS = ("name", "action", "place", "time_of_day")


def _related_habit(*, user, related_id) -> Habit | None:
    """The related habit, locked so it cannot turn useful or inactive while we point to it."""
    if related_id is None:
        return None
    related = Habit.objects.select_for_update().filter(pk=related_id, user=user).first()
    if related is None:
        raise ValidationFailed(
            fields={"related_pleasant_habit": ["No habit of yours has this id."]}
        )
    return related


def _schedule_errors(state: dict) -> dict[str, list[str]]:
    """The fields the chosen schedule kind reads must be set; the other kinds' fields are
    cleared in `state` (weekdays to none, times_per_week to null), so what a habit shows is what
    it follows. periodicity_days always keeps a value (it has a default) and is read only by
    every_n_days."""
    errors: dict[str, list[str]] = {}
    schedule = state["schedule"]
    if schedule != Schedule.WEEKDAYS:
        state["weekdays"] = 0
    elif not state["weekdays"]:
        errors["weekdays"] = ["Choose at least one weekday for a weekdays schedule."]
    if schedule != Schedule.TIMES_PER_WEEK:
        state["times_per_week"] = None
    elif state["times_per_week"] is None:
        errors["times_per_week"] = ["How many times a week? (1 to 6)"]
    return errors


def _extra_reminder_errors(state: dict) -> list[str]:
    """Extra reminders nudge before the grace deadline of the same day (the instance's own
    deadlines never move): not at the habit's own time, which has its reminder already, and not
    after the grace period ends — past it the grace nudge speaks. A grace period running past
    midnight leaves every time of the day before it."""
    if not state["extra_reminders"]:
        return []
    own = state["time_of_day"]
    if isinstance(own, str):  # services called directly (the copy, tests) may pass "HH:MM"
        own = time.fromisoformat(own)
    start = own.hour * 60 + own.minute
    grace_end = start + state["grace_minutes"]
    errors = []
    for moment in reminder_times(state["extra_reminders"]):
        minutes = moment.hour * 60 + moment.minute
        if minutes == start:
            errors.append(f"{moment:%H:%M} is the habit's own time: it is reminded then already.")
        elif grace_end < 24 * 60 and minutes >= grace_end:
            errors.append(
                f"{moment:%H:%M} is after the grace period ends "
                f"({grace_end // 60:02d}:{grace_end % 60:02d}): choose an earlier time."
            )
    return errors


def _rule_errors(*, state: dict, habit_id: int | None) -> dict[str, list[str]]:
    """The rules on the merged object: what a PATCH leaves untouched counts too."""
    errors: dict[str, list[str]] = _schedule_errors(state)
    extra_errors = _extra_reminder_errors(state)
    if extra_errors:
        errors["extra_reminders"] = extra_errors
    related: Habit | None = state["related_pleasant_habit"]
    reward = state["reward_text"]
    if state["is_pleasant"]:
        if reward:
            errors["reward_text"] = ["A pleasant habit is its own reward: leave this empty."]
        if related is not None:
            errors["related_pleasant_habit"] = ["A pleasant habit cannot have a related habit."]
        return errors
    if bool(reward) == (related is not None):
        errors["non_field_errors"] = [
            "A useful habit needs exactly one of reward_text or related_pleasant_habit."
        ]
    if related is not None:
        if habit_id is not None and related.pk == habit_id:
            errors["related_pleasant_habit"] = ["A habit cannot be its own related habit."]
        elif not related.is_pleasant:
            errors["related_pleasant_habit"] = ["The related habit must be a pleasant habit."]
        elif not related.is_active:
            errors["related_pleasant_habit"] = ["The related habit must be active."]
        elif related.is_archived:
            errors["related_pleasant_habit"] = ["The related habit is archived."]
    return errors


def _dependents_conflict(habit: Habit, *, action: str) -> Conflict | None:
    dependents = list(habit.dependent_habits.order_by("id").values("id", "name"))
    if not dependents:
        return None
    names = ", ".join(d["name"] for d in dependents)
    return Conflict(
        f"This pleasant habit cannot be {action}: {names} use it as their reward.",
        code="habit_has_dependents",
        details={"dependent_habits": dependents},
    )


def _apply(habit: Habit, *, state: dict, now: datetime) -> Habit:
    for field, value in state.items():
        setattr(habit, field, value)
    habit.save()
    announce_habit_saved(habit_id=habit.pk, now=now)
    return habit


def _cleaned(data: dict) -> dict:
    return {
        key: value.strip() if isinstance(value, str) else value
        for key, value in data.items()
        if key in EDITABLE_FIELDS
    }


@transaction.atomic
def habit_create(*, user, data: dict, now: datetime) -> Habit:
    """Creates a habit; today's instance appears at once when today is due."""
    habit = habit_build(user=user, data=data, now=now)
    habit.save()
    announce_habit_saved(habit_id=habit.pk, now=now)
    return habit


def habit_build(*, user, data: dict, now: datetime) -> Habit:
    """A new habit checked against every rule of habit_create, not yet saved: habit_create saves
    and announces it; the importer (imports app) saves it with its history and announces
    nothing, so imported history awards nothing (docs/import-export.md)."""
    # The model's field defaults are the one source of what an omitted field means.
    state = {
        **{field: Habit._meta.get_field(field).get_default() for field in EDITABLE_FIELDS},
        "start_date": local_today(user=user, now=now),
        **_cleaned(data),
    }
    missing = {f: ["This field is required."] for f in REQUIRED_FIELDS if not state[f]}
    if missing:
        raise ValidationFailed(fields=missing)
    state["related_pleasant_habit"] = _related_habit(
        user=user, related_id=state["related_pleasant_habit"]
    )
    errors = _rule_errors(state=state, habit_id=None)
    if errors:
        raise ValidationFailed(fields=errors)
    habit = Habit(user=user)
    for field, value in state.items():
        setattr(habit, field, value)
    return habit


@transaction.atomic
def habit_update(*, user, habit_id, data: dict, now: datetime) -> Habit:
    """PUT and PATCH alike: `data` holds the fields sent; the rules see the merged object."""
    habit = get_owned_or_404(Habit.objects.select_for_update(), user=user, pk=habit_id)
    changes = _cleaned(data)
    blank = {
        f: ["This field may not be blank."]
        for f in REQUIRED_FIELDS
        if f in changes and not changes[f]
    }
    if blank:
        raise ValidationFailed(fields=blank)
    if "related_pleasant_habit" in changes:
        changes["related_pleasant_habit"] = _related_habit(
            user=user, related_id=changes["related_pleasant_habit"]
        )
    state = {field: changes.get(field, getattr(habit, field)) for field in EDITABLE_FIELDS}
    errors = _rule_errors(state=state, habit_id=habit.pk)
    if errors:
        raise ValidationFailed(fields=errors)
    if habit.is_pleasant and not state["is_pleasant"]:
        conflict = _dependents_conflict(habit, action="made useful")
    elif habit.is_active and not state["is_active"]:
        conflict = _dependents_conflict(habit, action="deactivated")
    else:
        conflict = None
    if conflict:
        raise conflict
    return _apply(habit, state=state, now=now)


@transaction.atomic
def habit_delete(*, user, habit_id) -> None:
    habit = get_owned_or_404(Habit.objects.select_for_update(), user=user, pk=habit_id)
    conflict = _dependents_conflict(habit, action="deleted")
    if conflict:
        raise conflict
    # Its cached stats are left to expire: every stats read starts from an existing habit of the
    # owner, and ids are never reused, so the entry can never be read again. Lists of the owner's
    # habits kept whole (Today's) would show it: they are.
    habit.delete()
    habit_data_changed(user_ids=[user.pk])


def _copy_fields(source: Habit) -> dict:
    fields = [f for f in EDITABLE_FIELDS if f not in ("related_pleasant_habit", "start_date")]
    return {field: getattr(source, field) for field in fields} | {
        "is_public": False,
        "is_active": True,
    }


# The reward of a copied useful habit whose pleasant habit the owner keeps private: a useful habit
# needs exactly one reward, and this one works at once, tells the user to pick their own, and
# says nothing about the private habit.
COPY_PRIVATE_REWARD_TEXT = "Treat yourself (choose your own reward)"


def _copy_reward(*, user, source: Habit, now: datetime) -> dict:
    """What the copy of `source` gets as its reward: it never reads or links a habit of someone
    else that they did not make public."""
    related = source.related_pleasant_habit
    if related is None:
        return {}
    if related.user_id == user.pk:  # copying my own public habit: the pairing is mine already
        return {"related_pleasant_habit": related.pk, "reward_text": ""}
    if not related.is_public:
        return {"related_pleasant_habit": None, "reward_text": COPY_PRIVATE_REWARD_TEXT}
    related_copy = habit_create(user=user, data=_copy_fields(related), now=now)
    return {"related_pleasant_habit": related_copy.pk, "reward_text": ""}


@transaction.atomic
def habit_copy(*, user, habit_id, now: datetime) -> Habit:
    """Copies a public habit into my list: private, active, starting today.

    The copy reveals nothing its owner did not make public. A related pleasant habit that is
    public is copied too (private, pleasant) and the copy points to that; of a private one
    nothing is copied: the copy gets COPY_PRIVATE_REWARD_TEXT as its reward instead, to edit.
    """
    try:
        source = Habit.objects.select_related("related_pleasant_habit").get(
            pk=habit_id, is_public=True, is_archived=False
        )
    except (Habit.DoesNotExist, ValueError, TypeError):
        raise NotFound("Habit not found.") from None
    data = _copy_fields(source) | _copy_reward(user=user, source=source, now=now)
    return habit_create(user=user, data=data, now=now)


@transaction.atomic
def habits_wipe_for_user(user) -> None:
    """The account data wipe: instances go with their habits (CASCADE). Useful habits first,
    because RESTRICT keeps a pleasant habit while anything points to it. Cached stats expire on
    their own, as after habit_delete; the kept lists are dropped likewise."""
    Habit.objects.filter(user=user, related_pleasant_habit__isnull=False).delete()
    Habit.objects.filter(user=user).delete()
    habit_data_changed(user_ids=[user.pk])


def _set(habit: Habit, *, now: datetime, **fields) -> Habit:
    """Pause, resume, archive, unarchive: their own fields, then what any save of the habit
    causes (today's instance follows it: habits.events.HABIT_SAVED)."""
    for field, value in fields.items():
        setattr(habit, field, value)
    habit.save(update_fields=[*fields, "updated_at"])
    announce_habit_saved(habit_id=habit.pk, now=now)
    return habit


@transaction.atomic
def habit_pause(*, user, habit_id, paused_from, paused_until, now: datetime) -> Habit:
    """Pauses the habit from `paused_from` through `paused_until` (local dates, both included;
    None: until resumed), replacing any pause it had. No instance is due inside the pause; the
    open ones of its days from today on are removed (an open instance is not history yet).

    A pause starts today or later: a past day keeps what happened on it. The one exception is
    the start of the pause in force, so a running pause can get or change its end.
    """
    habit = get_owned_or_404(Habit.objects.select_for_update(), user=user, pk=habit_id)
    today = local_today(user=user, now=now)
    errors = {}
    if paused_from < today and paused_from != habit.paused_from:
        errors["from"] = ["A pause cannot start before today."]
    if paused_until is not None and paused_until < paused_from:
        errors["until"] = ["A pause cannot end before it starts."]
    if errors:
        raise ValidationFailed(fields=errors)
    return _set(habit, now=now, paused_from=paused_from, paused_until=paused_until)


@transaction.atomic
def habit_resume(*, user, habit_id, now: datetime) -> Habit:
    """Ends the pause: today's instance appears at once when today is due and its window open."""
    habit = get_owned_or_404(Habit.objects.select_for_update(), user=user, pk=habit_id)
    return _set(habit, now=now, paused_from=None, paused_until=None)


@transaction.atomic
def habit_archive(*, user, habit_id, now: datetime) -> Habit:
    """Out of the lists, Today, generation and the bot; its history and stats stay readable.
    A pleasant habit others use as their reward is refused (409) like its deactivation."""
    habit = get_owned_or_404(Habit.objects.select_for_update(), user=user, pk=habit_id)
    if not habit.is_archived:
        conflict = _dependents_conflict(habit, action="archived")
        if conflict:
            raise conflict
    return _set(habit, now=now, is_archived=True)


@transaction.atomic
def habit_unarchive(*, user, habit_id, now: datetime) -> Habit:
    habit = get_owned_or_404(Habit.objects.select_for_update(), user=user, pk=habit_id)
    return _set(habit, now=now, is_archived=False)
