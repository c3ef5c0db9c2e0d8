"""Operators read ledgers and wallets; nobody edits them here (a wrong entry is answered by a
compensating one through the services, never by an edit). Rewards are plain rows."""

from django.contrib import admin
from django.utils import timezone

from rewards.models import CoinEntry, Redemption, Reward, Wallet


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Wallet)
class WalletAdmin(_ReadOnlyAdmin):
    list_display = ["user", "balance", "updated_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]


@admin.register(CoinEntry)
class CoinEntryAdmin(_ReadOnlyAdmin):
    list_display = [
        "created_at",
        "user",
        "kind",
        "amount",
        "balance_after",
        "shortfall",
        "reference_id",
    ]
    list_filter = ["kind"]
    search_fields = ["user__email", "note"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"


@admin.register(Redemption)
class RedemptionAdmin(_ReadOnlyAdmin):
    list_display = ["created_at", "user", "reward_name", "price"]
    search_fields = ["user__email", "reward_name"]
    list_select_related = ["user"]


@admin.register(Reward)
class RewardAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "price", "is_archived", "created_at"]
    list_filter = ["is_archived"]
    search_fields = ["name", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        now = timezone.now()
        obj.updated_at = now
        if not change:
            obj.created_at = now
        super().save_model(request, obj, form, change)
