from django.apps import AppConfig


class HabitInstancesConfig(AppConfig):
    name = "habit_instances"
    verbose_name = "Habit instances"

    def ready(self):
        from core.events import subscribe
        from habit_instances.subscribers import on_habit_saved
        from habits.events import HABIT_SAVED

        subscribe(HABIT_SAVED, on_habit_saved)
