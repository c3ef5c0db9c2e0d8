import datetime as dt

import factory

from community.models import Kudos, Post, PostReport
from habits.tests.factories import HabitFactory
from users.tests.factories import UserFactory

CREATED = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


class PublicHabitFactory(HabitFactory):
    is_public = True


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    habit = factory.SubFactory(PublicHabitFactory)
    author = factory.LazyAttribute(lambda o: o.habit.user)
    text = factory.Sequence(lambda n: f"Day {n}: kept it going")
    created_at = CREATED


class KudosFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kudos

    post = factory.SubFactory(PostFactory)
    user = factory.SubFactory(UserFactory)
    created_at = CREATED


class PostReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostReport

    post = factory.SubFactory(PostFactory)
    reporter = factory.SubFactory(UserFactory)
    reason = "spam"
    created_at = CREATED
