from django.apps import AppConfig


class TelegramBotConfig(AppConfig):
    name = "telegrambot"
    verbose_name = "Telegram bot"

    def ready(self):
        from core.user_data import UserDataSection, register_user_data_section
        from telegrambot.selectors import telegram_export_for_user
        from telegrambot.services import telegram_profile_wipe

        register_user_data_section(
            UserDataSection(
                name="telegram", export=telegram_export_for_user, wipe=telegram_profile_wipe
            )
        )
