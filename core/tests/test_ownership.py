import pytest

from core.exceptions import NotFound
from core.ownership import get_owned_or_404
from habits.models import Habit
from habits.tests.factories import HabitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pk", [10**30, "abc", None])
def test_an_id_that_cannot_exist_is_not_found(user, pk):
    with pytest.raises(NotFound):
        get_owned_or_404(Habit.objects.all(), user=user, pk=pk)


def test_another_users_object_is_not_found_like_a_missing_one(user, other_user):
    mine, theirs = HabitFactory(user=user), HabitFactory(user=other_user)
    with pytest.raises(NotFound):
        get_owned_or_404(Habit.objects.all(), user=user, pk=theirs.pk)
    assert get_owned_or_404(Habit.objects.all(), user=user, pk=mine.pk) == mine
