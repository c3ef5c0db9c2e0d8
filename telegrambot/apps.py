from django.apps import AppConfig


class TelegramBotConfig(AppConfig):
    name = "telegrambot"
    verbose_name = "Telegram bot"

    def ready(self):
        from core.user_data import UserDataSection, register_user_data_section
        from notifications.channels import register_channel
        from telegrambot.channel import telegram_channel
        from telegrambot.selectors import telegram_export_for_user
        from telegrambot.services import telegram_profile_wipe

        register_channel(telegram_channel())
        register_user_data_section(
            UserDataSection(
                name="telegram", export=telegram_export_for_user, wipe=telegram_profile_wipe
            )
        )
