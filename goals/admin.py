from django.contrib import admin
from django.utils import timezone

from goals.models import Goal, GoalStage
from goals.services import goal_progress_refresh, goals_delete_with_files


class GoalStageInline(admin.TabularInline):
    model = GoalStage
    fields = ["position", "title", "due_date", "is_completed", "completed_at", "is_draft"]
    # ticking is the owner's, through the services (a tick sets completed_at with it), and
    # accepting drafts too (a completed stage cannot be a draft)
    readonly_fields = ["is_completed", "completed_at", "is_draft"]
    ordering = ["position", "id"]
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    """Operators look and fix. Progress is read only: stages added or deleted in the inline
    recount it through the one rule (goal_progress_refresh)."""

    list_display = ["title", "user", "progress", "completed_at", "deadline", "is_archived"]
    list_filter = [
        "is_archived",
        ("completed_at", admin.EmptyFieldListFilter),
        ("deadline", admin.EmptyFieldListFilter),
    ]
    search_fields = ["title", "description", "user__email", "stages__title"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "habits"]
    readonly_fields = ["progress", "completed_at", "archived_at", "created_at", "updated_at"]
    inlines = [GoalStageInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        goal_progress_refresh(goal=form.instance, now=timezone.now())

    # Deleting here takes the goals' files with them, as the API's delete does.
    def delete_model(self, request, obj):
        goals_delete_with_files(goals=Goal.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        goals_delete_with_files(goals=queryset)
