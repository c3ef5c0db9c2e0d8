from rest_framework import serializers


class TelegramStatusOutputSerializer(serializers.Serializer):
    enabled = serializers.BooleanField()
    bot_name = serializers.CharField(allow_null=True)
    is_bound = serializers.BooleanField()
    is_active = serializers.BooleanField()
    telegram_username = serializers.CharField(allow_null=True)
    bound_at = serializers.DateTimeField(allow_null=True)


class BindCodeOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    expires_at = serializers.DateTimeField()
    deep_link = serializers.CharField()
