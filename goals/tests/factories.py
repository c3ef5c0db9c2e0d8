import factory

from goals.models import Goal, GoalStage
from users.tests.factories import UserFactory


class GoalFactory(factory.django.DjangoModelFactory):
    """An open goal without stages. Stages made by GoalStageFactory do not recount the goal's
    progress: tests that need it call the services."""

    class Meta:
        model = Goal

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Goal {n}")
    position = factory.Sequence(lambda n: n)


class GoalStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalStage

    goal = factory.SubFactory(GoalFactory)
    title = factory.Sequence(lambda n: f"Stage {n}")
    position = factory.Sequence(lambda n: n)
