import django_filters

from habits.models import Habit

# A strict boolean: an unknown value is a 400, not a silently ignored filter.
BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]


def _boolean_filter():
    return django_filters.TypedChoiceFilter(choices=BOOLEAN_CHOICES, coerce=lambda v: v == "true")


class HabitFilter(django_filters.FilterSet):
    is_pleasant = _boolean_filter()
    is_active = _boolean_filter()
    is_public = _boolean_filter()

    class Meta:
        model = Habit
        fields = ["is_pleasant", "is_active", "is_public"]
