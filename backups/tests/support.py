"""Data in every corner of the site, and snapshots of every table and every stored file."""

import datetime as dt

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from backups.archive_format import BACKUPS_PREFIX
from core.storage import (
    storage_key_new,
    storage_keys_list,
    storage_object_read,
    storage_object_save,
)
from goals.services.attachments import goal_attachment_create
from goals.tests.factories import GoalFactory, GoalStageFactory
from habit_instances.models import InstanceStatus
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from journal.models import JournalEntry, JournalPhoto, JournalTag
from users.tests.factories import UserFactory

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def site_data_make(*, users: int = 2) -> list:
    made = []
    for number in range(users):
        user = UserFactory(timezone="Asia/Kolkata" if number else "Europe/Berlin")
        habit = HabitFactory(user=user, action=f"read {number} pages ✓")
        for day in range(3):
            HabitInstanceFactory(
                habit=habit,
                date=dt.date(2026, 3, 10 + day),
                status=[InstanceStatus.COMPLETED, InstanceStatus.MISSED, InstanceStatus.SKIPPED][
                    day
                ],
                note=f"day {day} note",
            )
        goal = GoalFactory(user=user, title=f"Run a marathon {number}")
        GoalStageFactory(goal=goal, position=0, title="5 km")
        goal_attachment_create(
            user=user,
            goal_id=goal.pk,
            upload=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
            now=timezone.now(),
        )
        tag = JournalTag.objects.create(user=user, name=f"walk-{number}")
        entry = JournalEntry.objects.create(
            user=user,
            date=dt.date(2026, 3, 11),
            time=dt.time(21, 30),
            mood=4,
            energy=None,
            note="# a *good* day",
        )
        entry.tags.add(tag)
        photo_key = storage_key_new(prefix=f"journal/{user.pk}", extension=".jpg")
        storage_object_save(
            key=photo_key, data=b"\xff\xd8 photo %d" % number, content_type="image/jpeg"
        )
        JournalPhoto.objects.create(
            entry=entry,
            key=photo_key,
            content_type="image/jpeg",
            original_name="sky.jpg",
            size=12,
            sha256="0" * 64,
            created_at=timezone.now(),
        )
        made.append(user)
    return made


def database_snapshot() -> dict[str, list[dict]]:
    """Every row of every table Django knows (the many-to-many tables too), by model label."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def stored_files_snapshot() -> dict[str, bytes]:
    return {
        key: storage_object_read(key=key)
        for key in storage_keys_list()
        if not key.startswith(BACKUPS_PREFIX)
    }
