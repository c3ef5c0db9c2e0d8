from django.contrib import admin

from telegrambot.models import TelegramProfile


@admin.register(TelegramProfile)
class TelegramProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "is_bound", "is_active", "telegram_username", "chat_id", "bound_at"]
    list_filter = ["is_bound", "is_active"]
    search_fields = ["user__email", "telegram_username"]
    raw_id_fields = ["user"]
    readonly_fields = ["bind_code", "bind_code_expires_at", "created_at", "updated_at"]
