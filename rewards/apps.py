from django.apps import AppConfig


class RewardsConfig(AppConfig):
    name = "rewards"
    verbose_name = "Coins and rewards"

    def ready(self):
        from achievements.events import ACHIEVEMENT_EARNED
        from core.events import subscribe
        from core.user_data import UserDataSection, register_user_data_section
        from goals.events import GOAL_COMPLETED
        from habit_instances.events import INSTANCE_MARK_UNDONE, INSTANCE_MARKED
        from rewards.selectors import rewards_export_for_user
        from rewards.services import (
            on_achievement_earned,
            on_goal_completed,
            on_instance_mark_undone,
            on_instance_marked,
            rewards_wipe_for_user,
        )

        # coins follow the events; the services that raise them never call this app
        subscribe(INSTANCE_MARKED, on_instance_marked)
        subscribe(INSTANCE_MARK_UNDONE, on_instance_mark_undone)
        subscribe(GOAL_COMPLETED, on_goal_completed)
        subscribe(ACHIEVEMENT_EARNED, on_achievement_earned)

        register_user_data_section(
            UserDataSection(
                name="rewards", export=rewards_export_for_user, wipe=rewards_wipe_for_user
            )
        )
