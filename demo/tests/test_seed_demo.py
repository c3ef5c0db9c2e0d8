from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from demo import services
from habit_instances.models import FINAL_STATUSES, OPEN_STATUSES, HabitInstance
from habits.models import Habit
from users.models import User

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_makes_users_in_many_zones_with_pairs_and_a_history():
    output = seed(users=6, habits_per_user=5, days=30, email_prefix="t")

    users = User.objects.filter(email__endswith="@demo.example")
    assert users.count() == 6
    assert users.values("timezone").distinct().count() == 6
    assert "t1@demo.example" in output and "atomic-habits-demo" in output
    for habit in Habit.objects.filter(is_pleasant=False):
        assert bool(habit.reward_text) != bool(habit.related_pleasant_habit_id)
    assert Habit.objects.filter(related_pleasant_habit__isnull=False).exists()
    past = HabitInstance.objects.filter(date__lt=timezone.now().date() - timedelta(days=1))
    assert set(past.values_list("status", flat=True)) <= set(FINAL_STATUSES)
    assert past.values("status").distinct().count() >= 3  # a mix, not one status


@pytest.mark.django_db
def test_user_can_sign_in_with_the_printed_password(api_client):
    seed(users=1, habits_per_user=3, days=7)
    response = api_client.post(
        "/api/auth/login/",
        {"email": "demo@demo.example", "password": "atomic-habits-demo"},
        format="json",
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_if_missing_is_idempotent_and_a_second_plain_run_refuses():
    seed(users=1, habits_per_user=2, days=3)
    count = HabitInstance.objects.count()

    assert "demo@demo.example" in seed(users=1, habits_per_user=2, days=3, if_missing=True)
    assert HabitInstance.objects.count() == count
    with pytest.raises(CommandError):
        seed(users=1, habits_per_user=2, days=3)


@pytest.mark.django_db
def test_history_in_sql_and_in_python_cover_the_same_due_days():
    people = services.demo_users_create(count=2, email_prefix="p", password="x", now=NOW, days=20)
    habits = services.demo_habits_create(users=people, per_user=3, days=20, now=NOW)
    in_sql = services.demo_history_create(habits=habits, now=NOW)
    sql_days = set(HabitInstance.objects.values_list("habit_id", "date"))
    HabitInstance.objects.all().delete()

    in_python = services._history_in_python(habits=habits, now=NOW, seed=1)

    assert in_sql == in_python
    assert set(HabitInstance.objects.values_list("habit_id", "date")) == sql_days
    assert not HabitInstance.objects.filter(status__in=OPEN_STATUSES).exists()
