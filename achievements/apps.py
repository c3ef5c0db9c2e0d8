from django.apps import AppConfig


class AchievementsConfig(AppConfig):
    name = "achievements"
    verbose_name = "Achievements"

    def ready(self):
        from achievements import subscribers
        from achievements.selectors import achievements_export_for_user
        from achievements.services import achievements_wipe_for_user
        from core.events import subscribe
        from core.user_data import UserDataSection, register_user_data_section
        from goals.events import GOAL_COMPLETED
        from habit_instances.events import HABIT_FORMED, INSTANCE_MARKED
        from habits.events import HABIT_SAVED

        # achievements follow the events; the services that raise them never call this app
        subscribe(INSTANCE_MARKED, subscribers.on_instance_marked)
        subscribe(HABIT_FORMED, subscribers.on_habit_formed)
        subscribe(HABIT_SAVED, subscribers.on_habit_saved)
        subscribe(GOAL_COMPLETED, subscribers.on_goal_completed)

        register_user_data_section(
            UserDataSection(
                name="achievements",
                export=achievements_export_for_user,
                wipe=achievements_wipe_for_user,
            )
        )
