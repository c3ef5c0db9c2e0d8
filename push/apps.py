from django.apps import AppConfig


class PushConfig(AppConfig):
    name = "push"
    verbose_name = "Web Push"

    def ready(self):
        from core.user_data import UserDataSection, register_user_data_section
        from notifications.channels import Channel, register_channel
        from push.selectors import push_reachable_user_ids, push_subscriptions_export_for_user
        from push.sender import PUSH
        from push.services import push_subscriptions_wipe
        from push.tasks import push_deliveries_enqueue
        from push.vapid import push_configured

        register_channel(
            Channel(
                name=PUSH,
                preference="push_enabled",
                is_configured=push_configured,
                publish=push_deliveries_enqueue,
                reachable_user_ids=push_reachable_user_ids,
                default_rank=2,
                default_on=True,  # reaches only devices the user subscribed
            )
        )
        register_user_data_section(
            UserDataSection(
                name="push_subscriptions",
                export=push_subscriptions_export_for_user,
                wipe=push_subscriptions_wipe,
            )
        )
