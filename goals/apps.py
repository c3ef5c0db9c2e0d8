from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = "Goals"

    def ready(self):
        from core.events import subscribe
        from core.user_data import UserDataSection, register_user_data_section
        from goals.events import AI_BREAKDOWN_FINISHED
        from goals.selectors import attachment_keys_for_user, goals_export_for_user
        from goals.services import goals_wipe_for_user
        from goals.services.ai_notifications import on_ai_breakdown_finished

        # the "stages are ready" notification, written in the transaction that ends the job
        subscribe(AI_BREAKDOWN_FINISHED, on_ai_breakdown_finished)

        register_user_data_section(
            UserDataSection(
                name="goals",
                export=goals_export_for_user,
                wipe=goals_wipe_for_user,
                stored_files=attachment_keys_for_user,
            )
        )
