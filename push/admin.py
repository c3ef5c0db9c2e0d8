from django.contrib import admin

from push.models import PushSend, PushSubscription


@admin.register(PushSubscription)
class PushSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "user_agent", "created_at", "last_sent_at"]
    search_fields = ["user__email", "user_agent"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    # the keys and the endpoint are the browser's capability: shown, never edited by hand
    readonly_fields = ["endpoint", "p256dh", "auth", "created_at", "last_sent_at"]


@admin.register(PushSend)
class PushSendAdmin(admin.ModelAdmin):
    list_display = ["id", "delivery", "subscription", "outcome", "status_code", "created_at"]
    list_filter = ["outcome"]
    raw_id_fields = ["delivery", "subscription"]
