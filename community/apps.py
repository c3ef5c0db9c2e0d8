from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"

    def ready(self):
        from community.selectors import community_export_for_user, post_image_keys_for_user
        from community.services import (
            community_wipe_for_user,
            on_habit_formed,
            on_instance_marked,
        )
        from core.events import subscribe
        from core.user_data import UserDataSection, register_user_data_section
        from habit_instances.events import HABIT_FORMED, INSTANCE_MARKED

        # automatic milestone posts, written in the transaction of the mark (opt-in per user)
        subscribe(HABIT_FORMED, on_habit_formed)
        subscribe(INSTANCE_MARKED, on_instance_marked)

        register_user_data_section(
            UserDataSection(
                name="community",
                export=community_export_for_user,
                wipe=community_wipe_for_user,
                stored_files=post_image_keys_for_user,
            )
        )
