import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from habits.models import Habit

# A strict boolean: an unknown value is a 400, not a silently ignored filter.
BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]


def _boolean_filter(field_name=None):
    return django_filters.TypedChoiceFilter(
        field_name=field_name, choices=BOOLEAN_CHOICES, coerce=lambda v: v == "true"
    )


# How the schema shows them: strings "true" / "false", nothing else.
BOOLEAN_FILTER_PARAMETERS = [
    OpenApiParameter(name, OpenApiTypes.STR, enum=["true", "false"], description=description)
    for name, description in [
        ("is_pleasant", "Only pleasant (`true`) or only useful (`false`) habits."),
        ("is_active", "Only active (`true`) or only paused (`false`) habits."),
        ("is_public", "Only public (`true`) or only private (`false`) habits."),
        ("archived", "`true`: only archived habits. Without it (or `false`), none archived."),
    ]
]


class HabitFilter(django_filters.FilterSet):
    is_pleasant = _boolean_filter()
    is_active = _boolean_filter()
    is_public = _boolean_filter()
    archived = _boolean_filter(field_name="is_archived")

    class Meta:
        model = Habit
        fields = ["is_pleasant", "is_active", "is_public", "archived"]

    def filter_queryset(self, queryset):
        # Archived habits leave the list unless asked for (`archived=true` lists only them).
        if self.form.cleaned_data.get("archived") in (None, ""):
            queryset = queryset.filter(is_archived=False)
        return super().filter_queryset(queryset)
