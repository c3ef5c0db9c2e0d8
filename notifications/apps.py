from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from core.events import subscribe
        from core.user_data import UserDataSection, register_user_data_section
        from habit_instances.events import HABIT_FORMED, INSTANCE_GRACE_PASSED, INSTANCE_PENDING
        from notifications import habit_events
        from notifications.selectors import notifications_export_for_user
        from notifications.services import notifications_wipe

        subscribe(INSTANCE_PENDING, habit_events.on_instance_pending)
        subscribe(INSTANCE_GRACE_PASSED, habit_events.on_grace_passed)
        subscribe(HABIT_FORMED, habit_events.on_habit_formed)
        register_user_data_section(
            UserDataSection(
                name="notifications", export=notifications_export_for_user, wipe=notifications_wipe
            )
        )
