from django.contrib import admin

from imports.models import ExportJob, ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "source", "status", "progress", "created_at", "finished_at"]
    list_filter = ["status", "source"]
    search_fields = ["user__email", "original_name"]
    readonly_fields = [field.name for field in ImportJob._meta.fields]


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "format", "status", "created_at", "finished_at"]
    list_filter = ["status", "format"]
    search_fields = ["user__email"]
    readonly_fields = [field.name for field in ExportJob._meta.fields]
