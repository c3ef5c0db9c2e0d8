from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "Import and export"

    def ready(self):
        from core.user_data import UserDataSection, register_user_data_section
        from imports.selectors import import_jobs_export_for_user
        from imports.services.user_data import (
            transfer_jobs_stored_files,
            transfer_jobs_wipe_for_user,
        )

        register_user_data_section(
            UserDataSection(
                name="imports",
                export=import_jobs_export_for_user,
                wipe=transfer_jobs_wipe_for_user,
                stored_files=transfer_jobs_stored_files,
            )
        )
