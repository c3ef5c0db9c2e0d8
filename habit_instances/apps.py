from django.apps import AppConfig


class HabitInstancesConfig(AppConfig):
    name = "habit_instances"
    verbose_name = "Habit instances"

    def ready(self):
        from core.events import subscribe
        from core.operations import StatusSection, operations_status_register
        from habit_instances.events import INSTANCE_MARK_UNDONE
        from habit_instances.operations import generation_run_rows
        from habit_instances.selectors import NextDueDates
        from habit_instances.subscribers import (
            on_habit_saved,
            on_instance_mark_undone,
            on_user_timezone_changed,
        )
        from habits.events import HABIT_SAVED
        from habits.extras import register_next_due_provider
        from users.events import USER_TIMEZONE_CHANGED

        subscribe(HABIT_SAVED, on_habit_saved)
        subscribe(USER_TIMEZONE_CHANGED, on_user_timezone_changed)
        subscribe(INSTANCE_MARK_UNDONE, on_instance_mark_undone)
        register_next_due_provider(NextDueDates())
        operations_status_register(
            StatusSection(key="generation", title="Daily generation", read=generation_run_rows)
        )
