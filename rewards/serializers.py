"""Shapes and types of the wallet and rewards API; the rules live in rewards.services."""

from rest_framework import serializers

from core.fields import StrictBooleanField, StrictCharField
from rewards.models import MAX_PRICE, NAME_MAX_LENGTH, NOTE_MAX_LENGTH, CoinEntry, Reward


class RewardInputSerializer(serializers.Serializer):
    name = StrictCharField(max_length=NAME_MAX_LENGTH)
    price = serializers.IntegerField(
        min_value=1, max_value=MAX_PRICE, help_text="Coins it costs, more than zero."
    )
    note = StrictCharField(max_length=NOTE_MAX_LENGTH, required=False, allow_blank=True)
    is_archived = StrictBooleanField(required=False)


class RewardOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reward
        fields = ["id", "name", "price", "note", "is_archived", "created_at", "updated_at"]
        read_only_fields = fields


class CoinEntryOutputSerializer(serializers.ModelSerializer):
    habit_name = serializers.CharField(
        read_only=True,
        help_text="The habit of a completion (or its reversal); empty for other kinds, or when "
        "the habit was deleted since.",
    )

    class Meta:
        model = CoinEntry
        fields = [
            "id",
            "kind",
            "amount",
            "balance_after",
            "reference_id",
            "shortfall",
            "note",
            "habit_name",
            "created_at",
        ]
        read_only_fields = fields


class RedemptionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reward = serializers.IntegerField(source="reward_id", allow_null=True)
    reward_name = serializers.CharField()
    price = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class RedeemOutputSerializer(serializers.Serializer):
    redemption = RedemptionOutputSerializer()
    balance = serializers.IntegerField(help_text="The balance after paying.")
