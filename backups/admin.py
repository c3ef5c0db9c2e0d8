from django.contrib import admin
from django.template.defaultfilters import filesizeformat

from backups.models import Backup, UserArchive


@admin.register(Backup)
class BackupAdmin(admin.ModelAdmin):
    """The run log of the whole-site backups: a failed run shows here with its error (and went
    to the ADMINS by mail). Runs are made by the schedule or `manage.py backup`, not by hand."""

    list_display = [
        "name",
        "status",
        "trigger",
        "started_at",
        "duration",
        "size",
        "encrypted",
        "pruned_at",
        "short_error",
    ]
    list_filter = ["status", "trigger", "encrypted"]
    search_fields = ["name", "error"]
    readonly_fields = [field.name for field in Backup._meta.fields]

    @admin.display(description="duration")
    def duration(self, backup: Backup) -> str:
        return "" if backup.duration_seconds is None else f"{backup.duration_seconds:.1f} s"

    @admin.display(description="size", ordering="size_bytes")
    def size(self, backup: Backup) -> str:
        return "" if backup.size_bytes is None else filesizeformat(backup.size_bytes)

    @admin.display(description="error")
    def short_error(self, backup: Backup) -> str:
        return backup.error[:120]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(UserArchive)
class UserArchiveAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "expires_at", "size_bytes"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["user", "key", "size_bytes", "created_at", "expires_at"]

    def has_add_permission(self, request):
        return False
