from rest_framework import serializers

from notifications.models import Notification


class NotificationOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "payload", "created_at", "read_at"]


class NotificationSettingsInputSerializer(serializers.Serializer):
    telegram_enabled = serializers.BooleanField()
    email_enabled = serializers.BooleanField()
    quiet_hours_start = serializers.TimeField(allow_null=True)
    quiet_hours_end = serializers.TimeField(allow_null=True)
    digest_time = serializers.TimeField(allow_null=True)


class NotificationSettingsOutputSerializer(NotificationSettingsInputSerializer):
    telegram_available = serializers.BooleanField()
    email_available = serializers.BooleanField()


class ReadAllOutputSerializer(serializers.Serializer):
    updated = serializers.IntegerField()
