from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "backups"
    verbose_name = "Backups"

    def ready(self):
        from backups.operations import last_backup_rows
        from backups.selectors import archive_keys_for_user, archives_export_for_user
        from backups.services.archives import archives_wipe_for_user
        from core.operations import StatusSection, operations_status_register
        from core.user_data import UserDataSection, register_user_data_section

        operations_status_register(
            StatusSection(key="backups", title="Last backup", read=last_backup_rows)
        )

        register_user_data_section(
            UserDataSection(
                name="archives",
                export=archives_export_for_user,
                wipe=archives_wipe_for_user,
                stored_files=archive_keys_for_user,
            )
        )
