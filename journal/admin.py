"""Operators see that entries exist and how many, not what they say: mood and notes are
sensitive (docs/journal.md), so the admin lists entries without their mood or note and offers no
edit form for them."""

from django.contrib import admin

from journal.models import JournalEntry, JournalTag


@admin.register(JournalEntry)
class JournalEntryAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "date", "created_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    fields = ["user", "date", "time", "created_at", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(JournalTag)
class JournalTagAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "name", "created_at"]

    def has_add_permission(self, request):
        return False
