from django.apps import AppConfig
from django.conf import settings


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
        register_outbox_status()
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


def register_outbox_status() -> None:
    """The outbox backlog for /metrics and the admin's health page (core's registries)."""
    from django.utils import timezone

    from core.metrics import ScrapeGauge, metrics_gauge_register
    from core.operations import StatusRow, StatusSection, operations_status_register
    from notifications.selectors import outbox_backlog

    def backlog():
        return outbox_backlog(now=timezone.now()).items()

    metrics_gauge_register(
        ScrapeGauge(
            name="aht_outbox_pending_deliveries",
            documentation="Notification deliveries not yet sent (pending or sending), by channel",
            labels=("channel",),
            read=lambda: [((channel,), count) for channel, (count, _) in backlog()],
        )
    )
    metrics_gauge_register(
        ScrapeGauge(
            name="aht_outbox_oldest_pending_age_seconds",
            documentation="Age of the oldest delivery not yet sent, by channel",
            labels=("channel",),
            read=lambda: [((channel,), age) for channel, (_, age) in backlog()],
        )
    )

    def rows():
        found = backlog()
        if not found:
            return [StatusRow("backlog", "empty: every delivery was sent")]
        # older than the republish interval plus a margin: the sender or the broker is stuck
        stuck_after = 5 * settings.NOTIFICATIONS_REPUBLISH_AFTER_SECONDS
        return [
            StatusRow(channel, f"{count} waiting, oldest {age:.0f} s", ok=age < stuck_after)
            for channel, (count, age) in sorted(found)
        ]

    operations_status_register(StatusSection(key="outbox", title="Notifications outbox", read=rows))
