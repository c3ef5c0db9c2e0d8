from rest_framework import serializers

from core.fields import StrictCharField
from push.models import PushSubscription


class VapidPublicKeyOutputSerializer(serializers.Serializer):
    # base64url, as PushManager.subscribe() takes it for applicationServerKey
    public_key = serializers.CharField()


class SubscriptionKeysSerializer(serializers.Serializer):
    p256dh = StrictCharField(max_length=100)
    auth = StrictCharField(max_length=40)


class PushSubscriptionInputSerializer(serializers.Serializer):
    """PushSubscription.toJSON() of the browser (expirationTime is ignored), plus a label."""

    endpoint = StrictCharField(max_length=1000)
    keys = SubscriptionKeysSerializer()
    # how the profile names the device; the request's User-Agent when left out
    user_agent = StrictCharField(max_length=200, required=False, allow_blank=True)


class PushSubscriptionOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = PushSubscription
        fields = ["id", "endpoint", "user_agent", "created_at", "last_sent_at"]
        read_only_fields = fields


class PushTestOutputSerializer(serializers.Serializer):
    sent = serializers.IntegerField()
    removed = serializers.IntegerField()  # devices whose subscription had expired
    failed = serializers.IntegerField()


class PushActionInputSerializer(serializers.Serializer):
    token = StrictCharField(max_length=500)
    action = serializers.ChoiceField(choices=["done", "skip"])


class PushActionOutputSerializer(serializers.Serializer):
    instance_id = serializers.IntegerField()
    status = serializers.CharField()
