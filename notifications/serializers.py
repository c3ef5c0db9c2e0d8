from rest_framework import serializers

from core.fields import LocalTimeField, LocalTimesField, StrictBooleanField
from notifications.checkins import MAX_CHECKIN_TIMES
from notifications.models import CheckinSchedule, Notification


class NotificationOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "payload", "created_at", "read_at"]
        # output only: read-only fields are required in the response schema
        # (COMPONENT_SPLIT_REQUEST), as every one of them is always sent
        read_only_fields = fields


class NotificationSettingsInputSerializer(serializers.Serializer):
    telegram_enabled = serializers.BooleanField()
    email_enabled = serializers.BooleanField()
    # optional, so that clients written before Web Push keep working: left out, it keeps its value
    push_enabled = StrictBooleanField(required=False)
    quiet_hours_start = LocalTimeField(allow_null=True)
    quiet_hours_end = LocalTimeField(allow_null=True)
    digest_time = LocalTimeField(allow_null=True)
    # optional like push_enabled: left out, it keeps its value; null switches the nudge off
    journal_nudge_time = LocalTimeField(
        allow_null=True,
        required=False,
        help_text="Local time of the daily journal nudge; null (the default) is off.",
    )


class NotificationSettingsOutputSerializer(NotificationSettingsInputSerializer):
    push_enabled = serializers.BooleanField()  # always sent
    journal_nudge_time = LocalTimeField(allow_null=True)  # always sent
    telegram_available = serializers.BooleanField()
    email_available = serializers.BooleanField()
    push_available = serializers.BooleanField()
    # the channels a reminder reaches this user on now (on, configured, reachable: a bound chat)
    delivering_channels = serializers.ListField(child=serializers.CharField())


class ReadAllOutputSerializer(serializers.Serializer):
    updated = serializers.IntegerField()


class CheckinScheduleInputSerializer(serializers.Serializer):
    times = LocalTimesField(max_items=MAX_CHECKIN_TIMES)
    frequency = serializers.ChoiceField(choices=CheckinSchedule.Frequency.choices)
    # 0 = Monday ... 6 = Sunday; required for weekly, ignored (answered null) otherwise
    weekday = serializers.IntegerField(min_value=0, max_value=6, required=False, allow_null=True)


class CheckinScheduleOutputSerializer(serializers.Serializer):
    times = serializers.ListField(child=serializers.CharField())
    frequency = serializers.ChoiceField(choices=CheckinSchedule.Frequency.choices)
    weekday = serializers.IntegerField(allow_null=True)
    # the next slot as an instant (null when off): lets the page say when the next one comes
    next_checkin_at = serializers.DateTimeField(allow_null=True)
