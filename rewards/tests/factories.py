import datetime as dt

import factory

from rewards.models import Reward
from users.tests.factories import UserFactory

NOW = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


class RewardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reward

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Reward {n}")
    price = 50
    created_at = NOW
    updated_at = NOW
