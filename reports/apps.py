from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Reports"

    def ready(self):
        from core.events import subscribe
        from core.user_data import UserDataSection, register_user_data_section
        from habit_instances.events import INSTANCE_MARK_UNDONE, INSTANCE_MARKED
        from habits.events import HABIT_SAVED
        from journal.events import JOURNAL_CHANGED
        from reports import services
        from reports.selectors import reports_export_for_user

        # every writer of what a report reads makes the user's cached reports stale
        # (reports.cache; the deadline sweep is covered by the entries' valid_until)
        subscribe(INSTANCE_MARKED, services.on_instance_marked)
        subscribe(INSTANCE_MARK_UNDONE, services.on_instance_mark_undone)
        subscribe(HABIT_SAVED, services.on_habit_saved)
        subscribe(JOURNAL_CHANGED, services.on_journal_changed)

        register_user_data_section(
            UserDataSection(
                name="reports",
                export=reports_export_for_user,
                wipe=services.reports_wipe_for_user,
            )
        )
