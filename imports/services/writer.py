"""An import plan written as rows, all in one transaction: a file that fails anywhere changes
nothing.

Imported history is written, not lived: instances are inserted in bulk with their final status
and no event is announced (no HABIT_SAVED, INSTANCE_MARKED or HABIT_FORMED), so no reminder,
coin, achievement, post or notification follows from days that happened elsewhere. A habit whose
history already reaches its repeat limit gets `formed_at` quietly (the day of that completion),
so its next completion does not announce it formed either. Achievements for the past are the
operator's choice: `manage.py achievements_backfill`.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models.functions import Lower

from core.exceptions import ValidationFailed
from habit_instances.models import DONE_STATUSES, HabitInstance
from habit_instances.schedule import deadlines_for
from habit_instances.services import habit_instance_sync_today
from habits.data_version import habit_data_changed
from habits.models import Habit
from habits.serializers import HabitInputSerializer
from habits.services import habit_build
from imports.errors import ImportFileInvalid
from imports.plan import ImportPlan, PlannedHabit
from journal.events import announce_journal_changed
from journal.models import JournalEntry, JournalTag
from users.timezones import user_zone

BATCH_SIZE = 1000


def _first_error(errors: dict) -> str:
    field, messages = next(iter(errors.items()))
    message = messages[0] if isinstance(messages, list) else messages
    return f"{field}: {message}"


def _habit_saved(*, user, planned: PlannedHabit, data: dict, now: datetime) -> Habit:
    name = data.get("name") or "no name"
    serializer = HabitInputSerializer(data=data)
    if not serializer.is_valid():
        raise ImportFileInvalid(f'Habit "{name}": {_first_error(serializer.errors)}')
    try:
        habit = habit_build(user=user, data=serializer.validated_data, now=now)
    except ValidationFailed as error:
        raise ImportFileInvalid(f'Habit "{name}": {_first_error(error.fields)}') from error
    habit.is_archived = planned.is_archived
    habit.paused_from, habit.paused_until = planned.paused_from, planned.paused_until
    habit.save()
    return habit


def _instances(*, habit: Habit, planned: PlannedHabit, zone: ZoneInfo) -> list[HabitInstance]:
    rows = []
    for day in sorted(planned.days, key=lambda d: d.date):
        deadlines = deadlines_for(habit=habit, day=day.date, zone=zone)
        completed_at = day.completed_at
        if completed_at is None and day.status in DONE_STATUSES:
            completed_at = deadlines.scheduled_at
        rows.append(
            HabitInstance(
                habit=habit,
                date=day.date,
                status=day.status,
                scheduled_at=deadlines.scheduled_at,
                grace_deadline=deadlines.grace_deadline,
                fix_deadline=deadlines.fix_deadline,
                completed_at=completed_at,
                recorded_late=day.recorded_late,
                note=day.note,
            )
        )
    return rows


def _formed_at(*, planned: PlannedHabit, rows: list[HabitInstance], repeat_limit: int):
    if planned.formed_at is not None:
        return planned.formed_at
    done = [row.completed_at for row in rows if row.status in DONE_STATUSES]
    return done[repeat_limit - 1] if len(done) >= repeat_limit else None


def _write_habits(*, user, plan: ImportPlan, now: datetime, report: dict) -> list[Habit]:
    zone = user_zone(user)
    taken = {
        name.casefold() for name in Habit.objects.filter(user=user).values_list("name", flat=True)
    }
    new_ids: dict[object, int] = {}
    habits, rows = [], []
    # Pleasant habits first: the useful habits that point to them find their new ids.
    for planned in sorted(plan.habits, key=lambda h: h.related_source_id is not None):
        data = dict(planned.data)
        name = str(data.get("name") or "").strip()
        if name.casefold() in taken:
            plan.skip(name, "You already have a habit with this name.")
            continue
        if planned.related_source_id is not None:
            if planned.related_source_id not in new_ids:
                raise ImportFileInvalid(f'Habit "{name}": its related habit is not in the file.')
            data["related_pleasant_habit"] = new_ids[planned.related_source_id]
        habit = _habit_saved(user=user, planned=planned, data=data, now=now)
        taken.add(name.casefold())
        if planned.source_id is not None:
            new_ids[planned.source_id] = habit.pk
        habit_rows = _instances(habit=habit, planned=planned, zone=zone)
        habit.formed_at = _formed_at(
            planned=planned, rows=habit_rows, repeat_limit=habit.repeat_limit
        )
        if habit.formed_at is not None:
            Habit.objects.filter(pk=habit.pk).update(formed_at=habit.formed_at)
        habits.append(habit)
        rows.extend(habit_rows)
        report["habits"].append({"id": habit.pk, "name": habit.name, "days": len(habit_rows)})
    HabitInstance.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    report["created"]["habits"] = len(habits)
    report["created"]["check_ins"] = len(rows)
    return habits


def _write_journal(*, user, plan: ImportPlan, now: datetime, report: dict) -> None:
    wanted = {tag.strip(): None for tag in plan.journal_tags}
    for entry in plan.journal_entries:
        wanted.update({tag.strip(): None for tag in entry.tags})
    tags = {
        name.casefold(): pk
        for pk, name in JournalTag.objects.filter(user=user).values_list("pk", Lower("name"))
    }
    new_tags = [
        JournalTag(user=user, name=name)
        for name in {name.casefold(): name for name in wanted if name}.values()
        if name.casefold() not in tags
    ]
    JournalTag.objects.bulk_create(new_tags, batch_size=BATCH_SIZE)
    tags.update({tag.name.casefold(): tag.pk for tag in new_tags})
    taken = set(JournalEntry.objects.filter(user=user).values_list("date", "time"))
    entries, tag_names = [], []
    for planned in plan.journal_entries:
        if (planned.date, planned.time) in taken:
            plan.skip(
                f"journal entry of {planned.date} {planned.time}",
                "You already have an entry at this date and time.",
            )
            continue
        taken.add((planned.date, planned.time))
        entries.append(
            JournalEntry(
                user=user,
                date=planned.date,
                time=planned.time,
                mood=planned.mood,
                energy=planned.energy,
                note=planned.note,
                created_at=now,
                updated_at=now,
            )
        )
        tag_names.append(planned.tags)
    JournalEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
    links = JournalEntry.tags.through
    links.objects.bulk_create(
        [
            links(journalentry_id=entry.pk, journaltag_id=tags[name.strip().casefold()])
            for entry, names in zip(entries, tag_names, strict=True)
            for name in set(names)
            if name.strip()
        ],
        batch_size=BATCH_SIZE,
    )
    if entries:
        announce_journal_changed(
            user_id=user.pk, dates=sorted({entry.date for entry in entries}), now=now
        )
    report["created"]["journal_entries"] = len(entries)
    report["created"]["journal_tags"] = len(new_tags)


@transaction.atomic
def import_plan_write(*, user, plan: ImportPlan, now: datetime) -> dict:
    """Writes the plan for `user` and answers the report: what was created, skipped and why,
    and which schedules were changed to the nearest one the product has."""
    report: dict = {"created": {}, "habits": [], "skipped": plan.skipped, "adjusted": []}
    habits = _write_habits(user=user, plan=plan, now=now, report=report)
    _write_journal(user=user, plan=plan, now=now, report=report)
    created = {habit.name for habit in habits}
    report["adjusted"] = [item for item in plan.adjusted if item["habit"] in created]
    for habit in habits:
        # Today's check-in, as a new habit gets at once (history already written is final and
        # left alone); nothing is announced.
        habit.user = user
        habit_instance_sync_today(habit=habit, now=now)
    if habits:  # the user's lists kept whole (Today's) show the new habits at once
        habit_data_changed(user_ids=[user.pk])
    report["skipped_count"] = len(report["skipped"])
    return report
