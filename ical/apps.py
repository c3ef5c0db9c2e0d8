from django.apps import AppConfig


class IcalConfig(AppConfig):
    name = "ical"
    verbose_name = "Calendar feed"

    def ready(self):
        from core.user_data import UserDataSection, register_user_data_section
        from ical.selectors import calendar_feed_export_for_user
        from ical.services import calendar_feed_wipe_for_user

        register_user_data_section(
            UserDataSection(
                name="calendar_feed",
                export=calendar_feed_export_for_user,
                wipe=calendar_feed_wipe_for_user,
            )
        )
