from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = "Goals"

    def ready(self):
        from core.user_data import UserDataSection, register_user_data_section
        from goals.selectors import attachment_keys_for_user, goals_export_for_user
        from goals.services import goals_wipe_for_user

        register_user_data_section(
            UserDataSection(
                name="goals",
                export=goals_export_for_user,
                wipe=goals_wipe_for_user,
                stored_files=attachment_keys_for_user,
            )
        )
