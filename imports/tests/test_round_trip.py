"""Export → wipe → import gives the same data, through JSON and through the xlsx workbook
(docs/import-export.md, "Round trip": the habits with their history and state, the journal)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from core import user_data
from habit_instances.models import FINAL_STATUSES
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory, PleasantHabitFactory
from journal.models import JournalEntry, JournalTag
from users.services import user_wipe_data

UTC = dt.UTC


@pytest.fixture
def journal_section():
    """The journal app's own "journal" section (the contract's shape) is what round-trips."""
    assert "journal" in user_data._sections


@pytest.fixture
def owned(user, journal_section):
    user.timezone = "America/New_York"
    user.save()
    pleasant = PleasantHabitFactory(user=user, name="Tea", time_of_day=dt.time(16, 0))
    reading = HabitFactory(
        user=user,
        name="Read",
        reward_text="",
        related_pleasant_habit=pleasant,
        schedule="weekdays",
        weekdays=0b0010101,
        grace_minutes=15,
        fix_minutes=60,
        time_of_day=dt.time(18, 0),
        extra_reminders="07:00,12:30",
        repeat_limit=30,
    )
    HabitFactory(user=user, name="Stretch =SUM(A1)", schedule="times_per_week", times_per_week=3)
    archived = HabitFactory(user=user, name="Old", periodicity_days=2)
    archived.is_archived = True
    archived.paused_from, archived.paused_until = dt.date(2026, 2, 1), dt.date(2026, 2, 10)
    archived.formed_at = dt.datetime(2026, 1, 30, 12, tzinfo=UTC)
    archived.save()
    statuses = ["completed", "completed_late", "missed", "fix_expired", "skipped"]
    for offset, status in enumerate(statuses):
        day = dt.date(2026, 1, 5) + dt.timedelta(days=offset * 2)
        HabitInstanceFactory(
            habit=reading,
            date=day,
            status=status,
            completed_at=dt.datetime(2026, 1, 5 + offset * 2, 20, 1, tzinfo=UTC)
            if status.startswith("completed")
            else None,
            recorded_late=offset == 1,
            note="felt *great*" if offset == 0 else "",
        )
    HabitInstanceFactory(habit=archived, date=dt.date(2026, 1, 3), status="completed",
                         completed_at=dt.datetime(2026, 1, 3, 12, tzinfo=UTC))  # fmt: skip
    walk, friends = (JournalTag.objects.create(user=user, name=n) for n in ("walk", "Friends"))
    JournalTag.objects.create(user=user, name="unused")
    first = JournalEntry.objects.create(
        user=user, date=dt.date(2026, 1, 5), time=dt.time(21, 30), mood=4, energy=3, note="# ok"
    )
    first.tags.set([walk, friends])
    JournalEntry.objects.create(
        user=user, date=dt.date(2026, 1, 5), time=dt.time(8, 0), mood=2, energy=None, note=""
    )
    return user


def _comparable(document: dict) -> dict:
    """What must come back the same: ids and creation times are new, related habits are named
    by name, and an open check-in of today is generated anew rather than imported."""
    names = {habit["id"]: habit["name"] for habit in document["habits"]}
    habits = []
    for habit in document["habits"]:
        row = {k: v for k, v in habit.items() if k not in ("id", "created_at")}
        row["related_pleasant_habit"] = names.get(habit["related_pleasant_habit"])
        row["instances"] = [i for i in habit["instances"] if i["status"] in FINAL_STATUSES]
        habits.append(row)
    return {"habits": sorted(habits, key=lambda h: h["name"]), "journal": document["journal"]}


def _export(client, export_format: str):
    response = client.get(f"/api/account/export/?format={export_format}")
    assert response.status_code == 200, response.content
    return b"".join(response) if hasattr(response, "streaming_content") else response.content


@pytest.mark.parametrize(
    ("export_format", "name"), [("json", "export.json"), ("xlsx", "export.xlsx")]
)
def test_export_wipe_import_gives_the_same_data(owned, auth_client, upload, export_format, name):
    before = auth_client.get("/api/account/export/").json()
    data = _export(auth_client, export_format)
    if export_format == "xlsx":
        charts = load_workbook(io.BytesIO(data))["Summary"]._charts
        assert [type(chart).__name__ for chart in charts] == ["BarChart", "LineChart"]
    user_wipe_data(user=owned)
    assert auth_client.get("/api/account/export/").json()["habits"] == []

    response, job = upload(data, name)
    assert response.status_code == 202, response.content
    assert job["status"] == "succeeded", job["error"]
    assert job["source"] == f"ours_{export_format}"
    after = auth_client.get("/api/account/export/").json()
    assert _comparable(after) == _comparable(before)
    assert job["report"]["created"] == {
        "habits": 4,
        "check_ins": 6,
        "journal_entries": 2,
        "journal_tags": 3,
    }
    skipped = {item["item"]: item["reason"] for item in job["report"]["skipped"]}
    assert skipped["section achievements"].endswith("run achievements_backfill to award them.")
    assert "section habits" not in skipped and "section journal" not in skipped


def test_imported_history_awards_nothing_and_announces_nothing(owned, auth_client, upload):
    """No coins, no achievements, no notifications for days that happened elsewhere."""
    from achievements.models import UserAchievement
    from notifications.models import Notification
    from rewards.models import CoinEntry

    data = _export(auth_client, "json")
    user_wipe_data(user=owned)
    upload(data, "export.json")
    assert not UserAchievement.objects.filter(user=owned).exists()
    assert not CoinEntry.objects.filter(user=owned).exists()
    assert not Notification.objects.filter(user=owned).exists()
    # the history does qualify: the back-fill, the operator's choice, awards it without coins
    call_command("achievements_backfill")
    assert UserAchievement.objects.filter(user=owned).exists()
    assert not CoinEntry.objects.filter(user=owned).exists()
