from rest_framework import serializers

from core.fields import LocalTimeField
from notifications.models import Notification


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
    quiet_hours_start = LocalTimeField(allow_null=True)
    quiet_hours_end = LocalTimeField(allow_null=True)
    digest_time = LocalTimeField(allow_null=True)


class NotificationSettingsOutputSerializer(NotificationSettingsInputSerializer):
    telegram_available = serializers.BooleanField()
    email_available = serializers.BooleanField()
    # the channels a reminder reaches this user on now (on, configured, reachable: a bound chat)
    delivering_channels = serializers.ListField(child=serializers.CharField())


class ReadAllOutputSerializer(serializers.Serializer):
    updated = serializers.IntegerField()
