import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from goals.models import Goal, GoalStage

# A strict boolean: an unknown value is a 400, not a silently ignored filter.
BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]


# How the schema shows it: the strings "true" / "false", nothing else.
IS_DRAFT_PARAMETER = OpenApiParameter(
    "is_draft",
    OpenApiTypes.STR,
    enum=["true", "false"],
    description="`true`: the draft stages awaiting acceptance instead of the stages.",
)


class GoalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=[("open", "open"), ("completed", "completed")],
        method="_by_status",
        help_text="Only open (`open`) or only completed (`completed`) goals.",
    )

    class Meta:
        model = Goal
        fields = ["status"]

    def _by_status(self, queryset, name, value):
        return queryset.filter(completed_at__isnull=value == "open")


class GoalStageFilter(django_filters.FilterSet):
    """Drafts (the AI breakdown's proposals) are listed only when asked for with is_draft=true."""

    is_draft = django_filters.TypedChoiceFilter(
        choices=BOOLEAN_CHOICES,
        coerce=lambda value: value == "true",
    )

    class Meta:
        model = GoalStage
        fields = ["is_draft"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "is_draft" not in data:
            data = data.copy()
            data["is_draft"] = "false"
        super().__init__(data, *args, **kwargs)
