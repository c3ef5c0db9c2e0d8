from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from core.events import subscribe
        from core.user_data import UserDataSection, register_user_data_section
        from habit_instances.events import (
            HABIT_FORMED,
            INSTANCE_GRACE_PASSED,
            INSTANCE_MARK_UNDONE,
            INSTANCE_PENDING,
        )
        from notifications import checkins, habit_events
        from notifications.channels import Channel, register_channel
        from notifications.email import EMAIL, email_channel_available
        from notifications.selectors import notifications_export_for_user
        from notifications.services import notifications_wipe
        from notifications.tasks import email_deliveries_enqueue
        from users.events import USER_TIMEZONE_CHANGED

        subscribe(INSTANCE_PENDING, habit_events.on_instance_pending)
        subscribe(INSTANCE_GRACE_PASSED, habit_events.on_grace_passed)
        subscribe(HABIT_FORMED, habit_events.on_habit_formed)
        subscribe(INSTANCE_MARK_UNDONE, habit_events.on_instance_mark_undone)
        subscribe(USER_TIMEZONE_CHANGED, checkins.on_user_timezone_changed)
        # every user has an address (it is the login): whoever turned email on is reachable
        register_channel(
            Channel(
                name=EMAIL,
                preference="email_enabled",
                is_configured=email_channel_available,
                publish=email_deliveries_enqueue,
                default_rank=1,  # after Telegram: the bot's buttons mark a habit done
            )
        )
        register_user_data_section(
            UserDataSection(
                name="notifications", export=notifications_export_for_user, wipe=notifications_wipe
            )
        )
        register_user_data_section(
            UserDataSection(
                name="checkin_schedule",
                export=checkins.checkins_export_for_user,
                wipe=checkins.checkins_wipe,
            )
        )
