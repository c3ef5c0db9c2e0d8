"""Shapes of the stats API (documentation only: the views send the computed dicts)."""

from rest_framework import serializers

from habit_instances.models import InstanceStatus


class CountsSerializer(serializers.Serializer):
    scheduled = serializers.IntegerField()
    pending = serializers.IntegerField()
    completed = serializers.IntegerField()
    completed_late = serializers.IntegerField()
    missed = serializers.IntegerField()
    fix_expired = serializers.IntegerField()
    skipped = serializers.IntegerField()


class WeekdaySerializer(serializers.Serializer):
    weekday = serializers.IntegerField()
    name = serializers.CharField()
    due = serializers.IntegerField()
    completed = serializers.IntegerField()
    success_rate = serializers.FloatField()  # 0.0 while nothing has finished yet


class ProgressSerializer(serializers.Serializer):
    completions = serializers.IntegerField()
    repeat_limit = serializers.IntegerField()
    percent = serializers.FloatField()
    formed = serializers.BooleanField()


class ScorePointSerializer(serializers.Serializer):
    date = serializers.DateField()
    score = serializers.FloatField()


class StrengthSerializer(serializers.Serializer):
    score = serializers.FloatField()
    history = ScorePointSerializer(many=True)


class CalendarDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    # an instance status, or null on a day the habit was not due
    status = serializers.ChoiceField(choices=InstanceStatus.choices, allow_null=True)
    # present (true) only on a day recorded afterwards (PUT /api/habits/{id}/days/{date}/)
    recorded_late = serializers.BooleanField(required=False)


class HabitStatsOutputSerializer(serializers.Serializer):
    """Documents the cached stats dict; views return the dict itself."""

    habit_id = serializers.IntegerField()
    current_streak = serializers.IntegerField()
    max_streak = serializers.IntegerField()
    counts = CountsSerializer()
    success_rate = serializers.FloatField()
    weekdays = WeekdaySerializer(many=True)
    progress = ProgressSerializer()
    strength = StrengthSerializer()
    calendar = CalendarDaySerializer(many=True)


class TodayProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField()


class StreakEntrySerializer(serializers.Serializer):
    habit_id = serializers.IntegerField()
    name = serializers.CharField()
    current_streak = serializers.IntegerField()


class ScoreEntrySerializer(serializers.Serializer):
    habit_id = serializers.IntegerField()
    name = serializers.CharField()
    score = serializers.FloatField()


class StatsOverviewOutputSerializer(serializers.Serializer):
    today = TodayProgressSerializer()
    completion_rate_7d = serializers.FloatField()
    completion_rate_30d = serializers.FloatField()
    best_streaks = StreakEntrySerializer(many=True)
    strongest = ScoreEntrySerializer(many=True)
    weakest = ScoreEntrySerializer(many=True)
