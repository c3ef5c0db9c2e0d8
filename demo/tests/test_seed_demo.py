from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from demo import services
from habit_instances.models import DONE_STATUSES, FINAL_STATUSES, OPEN_STATUSES, HabitInstance
from habit_instances.schedule import habit_instance_may_be_generated, is_due_on
from habits.models import Habit
from notifications.models import Notification, NotificationSettings
from tests_support import client_for
from users.models import User
from users.timezones import local_today, user_zone

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
    for habit in Habit.objects.filter(is_pleasant=False).select_related("related_pleasant_habit"):
        assert bool(habit.reward_text) != bool(habit.related_pleasant_habit_id)
        if habit.related_pleasant_habit_id:
            assert habit.related_pleasant_habit.is_pleasant
            assert habit.related_pleasant_habit.user_id == habit.user_id
    assert Habit.objects.filter(related_pleasant_habit__isnull=False).exists()
    past = HabitInstance.objects.filter(date__lt=timezone.now().date() - timedelta(days=1))
    assert set(past.values_list("status", flat=True)) <= set(FINAL_STATUSES)
    assert past.values("status").distinct().count() >= 3  # a mix, not one status


@pytest.mark.django_db
def test_seed_demo_gives_every_habit_its_due_days_and_todays_instance_by_the_generation():
    with time_machine.travel(NOW, tick=False):
        seed(users=4, habits_per_user=6, days=21, email_prefix="d")
    now, open_today = NOW, 0

    for habit in Habit.objects.select_related("user"):
        zone, today = user_zone(habit.user), local_today(user=habit.user, now=now)
        days = set(habit.instances.values_list("date", flat=True))
        due = {d for d in days if d < today}
        assert due == {
            habit.start_date + timedelta(days=k) for k in range(0, 21, habit.periodicity_days)
        }
        if habit_instance_may_be_generated(habit=habit, day=today, zone=zone, now=now):
            assert habit.instances.get(date=today).status in OPEN_STATUSES
            open_today += 1
    assert open_today  # at noon UTC most of these habits are still ahead today


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
    fields = ("habit_id", "date", "scheduled_at", "grace_deadline", "fix_deadline")
    sql_rows = set(HabitInstance.objects.values_list(*fields))
    HabitInstance.objects.all().delete()

    in_python = services._history_in_python(habits=habits, now=NOW, seed=1)

    assert in_sql == in_python
    assert set(HabitInstance.objects.values_list(*fields)) == sql_rows
    assert not HabitInstance.objects.filter(status__in=OPEN_STATUSES).exists()


# --- issue 12, item 20: the demo account as a newcomer meets it --------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("hour", [0, 7, 13, 23])
def test_the_demo_has_todays_instances_whatever_the_hour(hour):
    """Windows already closed today are recorded like the history, the rest are open: Today is
    never "Nothing due" for a demo made late in the evening."""
    now = NOW.replace(hour=hour, minute=30)
    with time_machine.travel(now, tick=False):
        seed(users=1, habits_per_user=6, days=30)
    user = User.objects.get(email="demo@demo.example")
    today = local_today(user=user, now=now)
    due_today = [h for h in Habit.objects.filter(user=user) if is_due_on(habit=h, day=today)]
    assert due_today
    for habit in due_today:
        instance = habit.instances.get(date=today)
        closed = instance.fix_deadline <= now
        assert (instance.status in FINAL_STATUSES) == closed, (habit.time_of_day, instance.status)


@pytest.mark.django_db
def test_the_demo_account_has_a_name_notifications_and_public_habits_with_progress(api_client):
    with time_machine.travel(NOW, tick=False):
        seed(users=1, habits_per_user=6, days=120)
        user = User.objects.get(email="demo@demo.example")
        assert (user.name, user.display_name) == ("Maya Lindqvist", "Maya L.")
        prefs = NotificationSettings.objects.get(user=user)
        assert prefs.email_enabled and prefs.digest_time is not None
        assert Notification.objects.filter(user=user, kind="habit_formed").exists()

        client = client_for(User.objects.create_user("newcomer@example.org", "pw-12345678"))
        public = client.get("/api/habits/public/").json()["results"]
    assert len(public) == 3
    for shown in public:
        assert shown["owner_name"] == "Maya L."
        done = HabitInstance.objects.filter(habit_id=shown["id"], status__in=DONE_STATUSES).count()
        assert shown["description"].startswith(f"Done {done} ")
    assert Habit.objects.filter(formed_at__isnull=False, user=user).exists()


@pytest.mark.django_db
def test_only_the_demo_account_is_dressed_up():
    seed(users=3, habits_per_user=4, days=10, email_prefix="s")
    dressed = Habit.objects.filter(is_public=True).exclude(description="")
    assert set(dressed.values_list("user__email", flat=True)) == {"s1@demo.example"}
    assert NotificationSettings.objects.count() == 1
    names = list(User.objects.order_by("pk").values_list("name", flat=True))
    assert names[0] == "Maya Lindqvist" and all(" " in name for name in names)
