import datetime

import factory
from django.utils import timezone

from journal.models import JournalEntry, JournalTag
from users.tests.factories import UserFactory


class JournalTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JournalTag

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"tag {n}")


class JournalEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JournalEntry

    user = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(lambda: timezone.localdate())
    time = datetime.time(21, 0)
    mood = 3
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)
