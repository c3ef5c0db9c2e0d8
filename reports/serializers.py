from rest_framework import serializers

from reports.models import ReportJob, ReportSettings, WeeklySummary


class RangeInputSerializer(serializers.Serializer):
    # `from` is a Python keyword: the fields are renamed below
    date_from = serializers.DateField(help_text="First local day, YYYY-MM-DD.")
    date_to = serializers.DateField(help_text="Last local day (included), YYYY-MM-DD.")

    def to_internal_value(self, data):
        renamed = {"date_from": data.get("from"), "date_to": data.get("to")}
        renamed = {key: value for key, value in renamed.items() if value not in (None, "")}
        try:
            return super().to_internal_value(renamed)
        except serializers.ValidationError as exc:
            names = {"date_from": "from", "date_to": "to"}
            raise serializers.ValidationError(
                {names.get(key, key): value for key, value in exc.detail.items()}
            ) from None


class ReportHabitMoodSerializer(serializers.Serializer):
    habit_id = serializers.IntegerField()
    name = serializers.CharField()
    done_days = serializers.IntegerField(help_text="Days done that have a mood.")
    not_done_days = serializers.IntegerField(help_text="Days due, not done, that have a mood.")
    mood_done = serializers.FloatField(allow_null=True)
    mood_not_done = serializers.FloatField(allow_null=True)
    difference = serializers.FloatField(allow_null=True, help_text="mood_done - mood_not_done.")
    enough_data = serializers.BooleanField(
        help_text="Both sides have at least `min_days_each_side` days; else the means are null."
    )
    completions = serializers.IntegerField(help_text="Days done, with or without a mood.")
    due = serializers.IntegerField(help_text="Days due (done or not), excused days out.")


class ReportWeekdaySerializer(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="0 = Monday.")
    completions = serializers.IntegerField()
    due = serializers.IntegerField()
    completion_rate = serializers.FloatField(allow_null=True)
    mood = serializers.FloatField(allow_null=True)
    mood_days = serializers.IntegerField()


class ReportWeekSerializer(serializers.Serializer):
    week_start = serializers.DateField(help_text="The Monday of the ISO week.")
    first_day = serializers.DateField(help_text="The week's first day inside the range.")
    last_day = serializers.DateField()
    completions = serializers.IntegerField()
    due = serializers.IntegerField()
    completion_rate = serializers.FloatField(allow_null=True)
    mood = serializers.FloatField(allow_null=True)
    mood_days = serializers.IntegerField()


class HabitsMoodReportSerializer(serializers.Serializer):
    # "from"/"to" are set below: Python keywords
    min_days_each_side = serializers.IntegerField()
    mood_days = serializers.IntegerField(help_text="Days of the range with a journal entry.")
    mood = serializers.FloatField(allow_null=True, help_text="Mean of the days' moods.")
    headline = serializers.CharField(allow_null=True)
    habits = ReportHabitMoodSerializer(many=True)
    weekdays = ReportWeekdaySerializer(many=True)
    weeks = ReportWeekSerializer(many=True)
    best_week = ReportWeekSerializer(allow_null=True)
    worst_week = ReportWeekSerializer(allow_null=True)
    computed_at = serializers.DateTimeField()


HabitsMoodReportSerializer._declared_fields["from"] = serializers.DateField()
HabitsMoodReportSerializer._declared_fields["to"] = serializers.DateField()


class ReportJobOutputSerializer(serializers.ModelSerializer):
    result = HabitsMoodReportSerializer(
        allow_null=True, help_text="The report once `status` is succeeded; else null."
    )

    class Meta:
        model = ReportJob
        fields = [
            "id",
            "status",
            "date_from",
            "date_to",
            "error_code",
            "created_at",
            "started_at",
            "finished_at",
            "result",
        ]


class ReportSettingsSerializer(serializers.ModelSerializer):
    weekly_summary_weekday = serializers.IntegerField(
        min_value=0,
        max_value=6,
        allow_null=True,
        help_text="The local weekday the weekly summary is sent on (0 = Monday); null: off.",
    )

    class Meta:
        model = ReportSettings
        fields = ["weekly_summary_weekday"]


class SummaryStreakSerializer(serializers.Serializer):
    habit_id = serializers.IntegerField()
    name = serializers.CharField()
    current_streak = serializers.IntegerField()


class WeeklySummaryContentSerializer(serializers.Serializer):
    week_start = serializers.DateField()
    week_end = serializers.DateField()
    completions = serializers.IntegerField()
    due = serializers.IntegerField()
    completion_rate = serializers.FloatField(allow_null=True)
    streaks = SummaryStreakSerializer(many=True, help_text="The longest current streaks (up to 3).")
    mood = serializers.FloatField(allow_null=True)
    mood_days = serializers.IntegerField()
    headline = serializers.CharField(allow_null=True)


class WeeklySummaryOutputSerializer(serializers.ModelSerializer):
    content = WeeklySummaryContentSerializer()

    class Meta:
        model = WeeklySummary
        fields = ["id", "week_start", "week_end", "content", "created_at"]
