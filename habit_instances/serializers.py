"""Shapes of the instance API; the current streak comes from habit_current_streaks."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fields import LocalTimeField
from habit_instances.models import HabitInstance


class HabitSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    action = serializers.CharField()
    place = serializers.CharField()
    time_of_day = LocalTimeField()
    is_pleasant = serializers.BooleanField()
    reward_text = serializers.CharField()
    related_pleasant_habit_name = serializers.SerializerMethodField()
    current_streak = serializers.SerializerMethodField()

    def get_related_pleasant_habit_name(self, habit) -> str | None:
        related = habit.related_pleasant_habit
        return related.name if related else None

    def get_current_streak(self, habit) -> int:
        return self.context.get("streak_by_habit", {}).get(habit.pk, 0)


class InstanceOutputSerializer(serializers.ModelSerializer):
    habit = serializers.SerializerMethodField()

    class Meta:
        model = HabitInstance
        fields = [
            "id",
            "date",
            "status",
            "scheduled_at",
            "grace_deadline",
            "fix_deadline",
            "completed_at",
            "habit",
        ]
        read_only_fields = fields

    @extend_schema_field(HabitSummarySerializer)
    def get_habit(self, instance) -> dict:
        return HabitSummarySerializer(instance.habit, context=self.context).data
