"""Demo and scale data: users in many timezones, pleasant/useful habit pairs, and a history of
instances with a realistic mix of statuses. Bulk inserts only, for `seed_demo` and `make bench`.

History on PostgreSQL is one INSERT ... SELECT over generate_series, computed by the server
(about a million rows in a few seconds); on other databases the same rules run in Python with
bulk_create, which is plenty for a demo account.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from demo.showcase import demo_person_name
from habit_instances.models import HabitInstance, InstanceStatus
from habit_instances.schedule import deadlines_for
from habit_instances.services import habit_instances_generate_for_users
from habits.models import Habit
from users.models import User
from users.timezones import local_today, user_zone

# Offsets from -11 to +14, half hours and 45 minutes, both hemispheres' DST rules.
TIMEZONES = [
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Moscow",
    "Africa/Lagos",
    "Asia/Dubai",
    "Asia/Tehran",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Adelaide",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/St_Johns",
    "America/Sao_Paulo",
]

# (name, action, place)
PLEASANT = [
    ("Coffee", "drink a good coffee", "balcony"),
    ("Music", "listen to one album side", "sofa"),
    ("Series", "watch one episode", "living room"),
]
USEFUL = [
    ("Read", "read 10 pages", "armchair"),
    ("Meditate", "sit still for 5 minutes", "bedroom"),
    ("Push-ups", "do 20 push-ups", "hallway"),
    ("Journal", "write three lines", "desk"),
    ("Stretch", "stretch for 5 minutes", "yoga mat"),
    ("Floss", "floss", "bathroom"),
    ("Spanish", "one lesson of Spanish", "kitchen table"),
    ("Water", "drink a glass of water", "kitchen"),
    ("Plan", "plan tomorrow", "desk"),
    ("Run", "run 3 km", "park"),
]
REWARDS = ["a square of chocolate", "10 minutes of a game", "a tick on the wall chart"]
PERIODICITY = [1, 1, 1, 1, 1, 2, 3, 7]  # mostly daily


@dataclass(frozen=True)
class SeedResult:
    user_ids: list[int]
    habit_ids: list[int]
    instances: int


def demo_email(*, prefix: str, number: int, count: int) -> str:
    return f"{prefix}@demo.example" if count == 1 else f"{prefix}{number + 1}@demo.example"


def demo_users_create(
    *, count: int, email_prefix: str, password: str, now: datetime, days: int, timezones=None
) -> list[User]:
    """`count` users spread round-robin over `timezones`, all with `password` (hashed once)."""
    zones = timezones or TIMEZONES
    password_hash = make_password(password)
    users = [
        User(
            email=demo_email(prefix=email_prefix, number=number, count=count),
            name=demo_person_name(number),
            timezone=zones[number % len(zones)],
            password=password_hash,
            date_joined=now - timedelta(days=days),
        )
        for number in range(count)
    ]
    return User.objects.bulk_create(users, batch_size=2000)


def _habit_rows(*, user: User, per_user: int, start: date, rng: random.Random):
    """A user's habits: about a quarter pleasant, each useful one has a pleasant habit to pair
    with or a reward (alternating), times of day spread from 06:00 to 22:00."""
    pleasant_count = min(len(PLEASANT), per_user // 4)
    common = {"user": user, "start_date": start, "grace_minutes": 30, "fix_minutes": 120}
    pleasant = [
        Habit(
            name=name,
            action=action,
            place=place,
            is_pleasant=True,
            time_of_day=time(rng.randrange(17, 22), rng.choice((0, 15, 30, 45))),
            **common,
        )
        for name, action, place in PLEASANT[:pleasant_count]
    ]
    useful = []
    for index in range(per_user - pleasant_count):
        name, action, place = USEFUL[index % len(USEFUL)]
        useful.append(
            Habit(
                name=name if index < len(USEFUL) else f"{name} {index // len(USEFUL) + 1}",
                action=action,
                place=place,
                time_of_day=time(rng.randrange(6, 22), rng.choice((0, 15, 30, 45))),
                periodicity_days=rng.choice(PERIODICITY),
                repeat_limit=rng.choice((21, 30, 45)),
                is_public=rng.random() < 0.05,
                reward_text="" if pleasant and index % 2 == 0 else rng.choice(REWARDS),
                **common,
            )
        )
    return pleasant, useful


def demo_habits_create(
    *, users: list[User], per_user: int, days: int, now: datetime, seed: int = 42
) -> list[Habit]:
    """Habits that started `days` local days ago; pleasant ones are inserted first so the
    useful ones can point to them."""
    rng = random.Random(seed)
    pleasant_all, useful_all, pairs = [], [], []
    for user in users:
        start = local_today(user=user, now=now) - timedelta(days=days)
        pleasant, useful = _habit_rows(user=user, per_user=per_user, start=start, rng=rng)
        pleasant_all += pleasant
        useful_all += useful
        pairs += [(habit, pleasant) for habit in useful if not habit.reward_text]
    Habit.objects.bulk_create(pleasant_all, batch_size=2000)
    for position, (habit, pleasant) in enumerate(pairs):
        habit.related_pleasant_habit = pleasant[position % len(pleasant)]
    Habit.objects.bulk_create(useful_all, batch_size=2000)
    return pleasant_all + useful_all


# How a habit's past instances end, by how disciplined its owner is with it (0.45..0.95):
# done on time most of the time, sometimes late, and the misses split between "I said I did not"
# and "the window closed".
_HISTORY_SQL = """
WITH h AS (
    SELECT h.id, h.start_date, h.periodicity_days, h.time_of_day, h.grace_minutes,
           h.fix_minutes, u.timezone, (%(now)s AT TIME ZONE u.timezone)::date AS today,
           0.45 + 0.5 * random() AS discipline
    FROM {habit} h JOIN {user} u ON u.id = h.user_id
    WHERE h.id = ANY(%(ids)s)
), due AS (
    SELECT h.id AS habit_id, h.start_date + k AS day, h.today, h.discipline,
           ((h.start_date + k) + h.time_of_day) AT TIME ZONE h.timezone AS scheduled_at,
           make_interval(mins => h.grace_minutes) AS grace,
           make_interval(mins => h.fix_minutes) AS fix,
           random() AS roll, random() AS jitter
    FROM h, generate_series(0, h.today - h.start_date, h.periodicity_days::int) AS k
), ended AS (
    SELECT *, CASE
        WHEN roll < discipline * 0.85 THEN 'completed'
        WHEN roll < discipline THEN 'completed_late'
        WHEN roll < discipline + (1 - discipline) * 0.4 THEN 'missed'
        ELSE 'fix_expired' END AS status
    FROM due
    -- every past day, and today when its fix window has already closed
    WHERE day < today OR scheduled_at + grace + fix <= %(now)s
)
INSERT INTO {instance} (habit_id, date, status, scheduled_at, grace_deadline, fix_deadline,
                        completed_at, created_at, updated_at)
SELECT habit_id, day, status, scheduled_at, scheduled_at + grace, scheduled_at + grace + fix,
       CASE status WHEN 'completed' THEN scheduled_at + grace * jitter
                   WHEN 'completed_late' THEN scheduled_at + grace + fix * jitter END,
       scheduled_at, scheduled_at
FROM ended
ON CONFLICT DO NOTHING
"""


def _history_status(*, discipline: float, roll: float) -> str:
    if roll < discipline * 0.85:
        return InstanceStatus.COMPLETED
    if roll < discipline:
        return InstanceStatus.COMPLETED_LATE
    if roll < discipline + (1 - discipline) * 0.4:
        return InstanceStatus.MISSED
    return InstanceStatus.FIX_EXPIRED


def _history_in_python(*, habits: list[Habit], now: datetime, seed: int) -> int:
    rng = random.Random(seed)
    rows = []
    for habit in habits:
        zone = user_zone(habit.user)
        today = local_today(user=habit.user, now=now)
        grace = timedelta(minutes=habit.grace_minutes)
        fix = timedelta(minutes=habit.fix_minutes)
        discipline = 0.45 + 0.5 * rng.random()
        for offset in range(0, (today - habit.start_date).days + 1, habit.periodicity_days):
            day = habit.start_date + timedelta(days=offset)
            deadlines = deadlines_for(habit=habit, day=day, zone=zone)
            if day == today and deadlines.fix_deadline > now:
                continue  # today's window is still open: the generation makes it
            status = _history_status(discipline=discipline, roll=rng.random())
            completed_at = None
            if status == InstanceStatus.COMPLETED:
                completed_at = deadlines.scheduled_at + grace * rng.random()
            elif status == InstanceStatus.COMPLETED_LATE:
                completed_at = deadlines.grace_deadline + fix * rng.random()
            rows.append(
                HabitInstance(
                    habit=habit,
                    date=day,
                    status=status,
                    scheduled_at=deadlines.scheduled_at,
                    grace_deadline=deadlines.grace_deadline,
                    fix_deadline=deadlines.fix_deadline,
                    completed_at=completed_at,
                )
            )
    HabitInstance.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    return len(rows)


def demo_history_create(*, habits: list[Habit], now: datetime, seed: int = 42) -> int:
    """Final instances for every due local day from each habit's start_date up to yesterday, and
    today's when its fix window closed before `now`: with the open ones the generation makes,
    today has every due habit whatever the hour the demo is made. Answers how many rows were
    inserted."""
    if connection.vendor != "postgresql":
        return _history_in_python(habits=habits, now=now, seed=seed)
    sql = _HISTORY_SQL.format(
        habit=connection.ops.quote_name(Habit._meta.db_table),
        user=connection.ops.quote_name(User._meta.db_table),
        instance=connection.ops.quote_name(HabitInstance._meta.db_table),
    )
    with connection.cursor() as cursor:
        # random() is seeded per session: the same command makes the same history.
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        cursor.execute(sql, {"now": now, "ids": [habit.pk for habit in habits]})
        return cursor.rowcount


@transaction.atomic
def demo_data_seed(
    *,
    users: int,
    habits_per_user: int,
    days: int,
    now: datetime,
    password: str,
    email_prefix: str = "demo",
    seed: int = 42,
) -> SeedResult:
    """Users, their habits, `days` of history and today's instances (by the real generation)."""
    people = demo_users_create(
        count=users, email_prefix=email_prefix, password=password, now=now, days=days
    )
    habits = demo_habits_create(
        users=people, per_user=habits_per_user, days=days, now=now, seed=seed
    )
    instances = demo_history_create(habits=habits, now=now, seed=seed)
    user_ids = [person.pk for person in people]
    instances += habit_instances_generate_for_users(user_ids=user_ids, now=now)
    return SeedResult(
        user_ids=user_ids, habit_ids=[habit.pk for habit in habits], instances=instances
    )
