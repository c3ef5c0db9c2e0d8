import datetime as dt

import factory

from habits.models import Habit
from users.tests.factories import UserFactory


class HabitFactory(factory.django.DjangoModelFactory):
    """A useful habit with a reward text, due every day from 2026-01-01."""

    class Meta:
        model = Habit

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Habit {n}")
    action = "read 10 pages"
    place = "armchair"
    time_of_day = dt.time(7, 30)
    reward_text = "coffee"
    start_date = dt.date(2026, 1, 1)


class PleasantHabitFactory(HabitFactory):
    is_pleasant = True
    reward_text = ""
    name = factory.Sequence(lambda n: f"Pleasant {n}")
