import datetime as dt

import factory

from habit_instances.models import HabitInstance
from habit_instances.schedule import deadlines_for
from habits.tests.factories import HabitFactory
from users.timezones import user_zone


def _deadlines(stub):
    return deadlines_for(habit=stub.habit, day=stub.date, zone=user_zone(stub.habit.user))


class HabitInstanceFactory(factory.django.DjangoModelFactory):
    """An instance whose deadlines follow its habit, as generation would store them."""

    class Meta:
        model = HabitInstance

    habit = factory.SubFactory(HabitFactory)
    date = dt.date(2026, 3, 10)
    scheduled_at = factory.LazyAttribute(lambda o: _deadlines(o).scheduled_at)
    grace_deadline = factory.LazyAttribute(lambda o: _deadlines(o).grace_deadline)
    fix_deadline = factory.LazyAttribute(lambda o: _deadlines(o).fix_deadline)
