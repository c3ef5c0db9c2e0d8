"""The mood journal: entries with mood, energy, tags, a note and photos (docs/journal.md)."""

from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"
    verbose_name = "Journal"

    def ready(self):
        from core.user_data import UserDataSection, register_user_data_section
        from journal.selectors import journal_export_for_user, journal_photo_keys_for_user
        from journal.services import journal_wipe_for_user

        # Mood is sensitive: the owner's export and wipe hold all of it (the photos' files too).
        register_user_data_section(
            UserDataSection(
                name="journal",
                export=journal_export_for_user,
                wipe=journal_wipe_for_user,
                stored_files=journal_photo_keys_for_user,
            )
        )
