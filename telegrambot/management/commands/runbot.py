import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from telegrambot.bot.application import run

logger = logging.getLogger("telegrambot")


class Command(BaseCommand):
    help = "Runs the Telegram bot (long polling) and delivers Telegram notifications."

    def handle(self, *args, **options):
        if not settings.TELEGRAM_BOT_TOKEN:
            raise CommandError("TELEGRAM_BOT_TOKEN is not set: the Telegram bot is off.")
        logger.info("Starting the Telegram bot against %s", settings.TELEGRAM_API_BASE_URL)
        run()
