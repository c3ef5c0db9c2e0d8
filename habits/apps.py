from django.apps import AppConfig


class HabitsConfig(AppConfig):
    name = "habits"
    verbose_name = "Habits"

    def ready(self):
        from core.user_data import UserDataSection, register_user_data_section
        from habits.selectors import habits_export_for_user
        from habits.services import habits_wipe_for_user

        register_user_data_section(
            UserDataSection(name="habits", export=habits_export_for_user, wipe=habits_wipe_for_user)
        )
