from django.apps import AppConfig


class HabitInstancesConfig(AppConfig):
    name = "habit_instances"
    verbose_name = "Habit instances"
