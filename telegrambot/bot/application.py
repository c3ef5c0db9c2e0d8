"""Builds the python-telegram-bot Application: handlers, commands and the outbox listener."""

import asyncio
import logging

import redis
from django.conf import settings
from telegram import BotCommand, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from telegrambot.bot import handlers, replies
from telegrambot.bot.poller_lock import PollerLock, poller_lock, wait_for_lease
from telegrambot.bot.transport import DeliverySender, listen

logger = logging.getLogger(__name__)


async def _post_init(application: Application) -> None:
    await application.bot.set_my_commands(
        [BotCommand(name, description) for name, description in replies.COMMANDS]
    )
    sender = DeliverySender(application.bot)
    application.bot_data["sender"] = sender
    application.bot_data["tasks"] = [
        asyncio.create_task(sender.run(), name="outbox-sender"),
        asyncio.create_task(listen(sender), name="outbox-listener"),
    ]
    if lock := application.bot_data.get("poller_lock"):
        application.bot_data["tasks"].append(
            asyncio.create_task(_keep_lease(application, lock), name="poller-lease")
        )
    logger.info("Bot @%s is up", application.bot.username)


async def _keep_lease(application: Application, lock: PollerLock) -> None:
    """Renews the poller lease a few times per TTL. Once it is lost (taken over after an expiry)
    or cannot be confirmed for a whole TTL (Redis away), another bot may be polling: this one
    stops rather than poll beside it."""
    loop = asyncio.get_running_loop()
    confirmed_at = loop.time()
    while True:
        await asyncio.sleep(lock.ttl_seconds / 3)
        try:
            if not await asyncio.to_thread(lock.renew):
                logger.error("The poller lease was taken over; stopping this bot")
                application.stop_running()
                return
            confirmed_at = loop.time()
        except redis.RedisError as exc:
            logger.warning("Could not renew the poller lease: %s", exc)
            if loop.time() - confirmed_at > lock.ttl_seconds:
                logger.error("The poller lease lapsed while Redis was away; stopping this bot")
                application.stop_running()
                return


async def _post_stop(application: Application) -> None:
    tasks = application.bot_data.get("tasks", [])
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    if sender := application.bot_data.get("sender"):
        sender.cancel_timers()
    logger.info("Bot stopped")


def build_application() -> Application:
    base = settings.TELEGRAM_API_BASE_URL
    application = (
        ApplicationBuilder()
        .token(settings.TELEGRAM_BOT_TOKEN)
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .get_updates_read_timeout(settings.TELEGRAM_POLL_TIMEOUT + 10)
        .post_init(_post_init)
        .post_stop(_post_stop)
        .build()
    )
    application.add_handler(CommandHandler("start", handlers.start))
    application.add_handler(CommandHandler("bind", handlers.bind))
    application.add_handler(CommandHandler("help", handlers.help_))
    application.add_handler(CommandHandler("unbind", handlers.unbind))
    application.add_handler(CommandHandler("today", handlers.today))
    application.add_handler(CommandHandler("habits", handlers.habits))
    application.add_handler(CommandHandler("stats", handlers.stats))
    application.add_handler(CommandHandler("goals", handlers.goals))
    application.add_handler(CommandHandler("wallet", handlers.wallet))
    application.add_handler(CommandHandler("mood", handlers.mood))
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.text))
    application.add_handler(MessageHandler(filters.ALL, handlers.unknown))
    application.add_error_handler(handlers.on_error)
    return application


def run() -> None:
    """Long polling until SIGINT/SIGTERM, which stop the bot cleanly: the update being handled
    is finished, then the poller lease is released so a standby takes over at once.

    Only the holder of the poller lease polls (and sends the outbox's Telegram deliveries); a
    second `runbot` waits as a standby until the lease is free (bot/poller_lock.py)."""
    lock = poller_lock()
    if not wait_for_lease(lock):
        logger.info("Stopped while waiting for the poller lease")
        return
    try:
        application = build_application()
        application.bot_data["poller_lock"] = lock
        application.run_polling(
            timeout=settings.TELEGRAM_POLL_TIMEOUT,
            allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY],
        )
    finally:
        try:
            lock.release()
            logger.info("Released the poller lease")
        except redis.RedisError as exc:  # it expires by itself within its TTL
            logger.warning("Could not release the poller lease: %s", exc)
