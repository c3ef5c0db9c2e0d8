"""Thin async adapters: read the update, run a reply function from replies.py in Django's sync
thread, and send the answer. No rules live here."""

import logging

from django.utils import timezone
from telegram import Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from telegrambot.bot import goal_replies, journal_replies, replies, wallet_replies
from telegrambot.bot.db import run_sync
from telegrambot.bot.keyboards import markup
from telegrambot.bot.paging import MAX_ANSWER, fit, parse_more

logger = logging.getLogger(__name__)


async def _send(update: Update, reply: replies.Reply) -> None:
    await update.effective_chat.send_message(reply.text, reply_markup=markup(reply))


def _who(update: Update) -> dict:
    user = update.effective_user
    return {
        "chat_id": update.effective_chat.id,
        "telegram_id": user.id if user else update.effective_chat.id,
        "username": (user.username or "") if user else "",
    }


def _code(context: ContextTypes.DEFAULT_TYPE) -> str:
    return context.args[0] if context.args else ""


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    reply = await run_sync(
        replies.reply_start, **_who(update), code=_code(context), now=timezone.now()
    )
    await _send(update, reply)


async def bind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    reply = await run_sync(
        replies.reply_bind, **_who(update), code=_code(context), now=timezone.now()
    )
    await _send(update, reply)


async def help_(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _send(update, await run_sync(replies.reply_help, chat_id=update.effective_chat.id))


async def unbind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _send(update, await run_sync(replies.reply_unbind, chat_id=update.effective_chat.id))


async def today(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    answers = await run_sync(
        replies.reply_today, chat_id=update.effective_chat.id, now=timezone.now()
    )
    for reply in answers:
        await _send(update, reply)


async def habits(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _send(update, await run_sync(replies.reply_habits, chat_id=update.effective_chat.id))


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    reply = await run_sync(
        replies.reply_stats, chat_id=update.effective_chat.id, now=timezone.now()
    )
    await _send(update, reply)


async def goals(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    reply = await run_sync(goal_replies.reply_goals, chat_id=update.effective_chat.id)
    await _send(update, reply)


async def wallet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    reply = await run_sync(wallet_replies.reply_wallet, chat_id=update.effective_chat.id)
    await _send(update, reply)


async def mood(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    context.chat_data.pop(NOTE_FOR, None)  # a new /mood ends the wait for the last one's note
    await _send(
        update, await run_sync(journal_replies.reply_mood, chat_id=update.effective_chat.id)
    )


# chat_data key: (entry id, until when) of the mood whose note the next text message is
NOTE_FOR = "journal_note_for"


async def unknown(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _send(update, replies.Reply("I did not understand that. /help lists what I can do."))


async def text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plain text is the note of a mood just tapped (within NOTE_WAIT); anything else is not
    understood."""
    waiting = context.chat_data.pop(NOTE_FOR, None)
    now = timezone.now()
    if waiting is None or waiting[1] < now or update.effective_message is None:
        await unknown(update, context)
        return
    reply = await run_sync(
        journal_replies.reply_mood_note,
        chat_id=update.effective_chat.id,
        entry_id=waiting[0],
        text=update.effective_message.text or "",
        now=now,
    )
    await _send(update, reply)


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    chat = update.effective_chat
    if chat is None:  # a button on an inline message in another chat: nothing of ours
        await query.answer("This button is not understood.")
        return
    more = parse_more(query.data or "")
    if more is not None:  # the next page of a listing
        listing, _ = more
        reply_more = (
            goal_replies.reply_more if listing == goal_replies.GOALS else replies.reply_more
        )
        answer, pages = await run_sync(
            reply_more, chat_id=chat.id, data=query.data, now=timezone.now()
        )
        await query.answer(fit(answer, MAX_ANSWER) or None)
        for reply in pages:
            await _send(update, reply)
        return
    if goal_replies.is_goal_button(query.data):
        await _goal_button(update, query)
        return
    if journal_replies.is_mood_button(query.data):
        now = timezone.now()
        answer, edited, entry_id = await run_sync(
            journal_replies.reply_mood_button, chat_id=chat.id, data=query.data, now=now
        )
        if entry_id is not None:
            context.chat_data[NOTE_FOR] = (entry_id, now + journal_replies.NOTE_WAIT)
        await query.answer(fit(answer, MAX_ANSWER))
        await _edit(query, edited)
        return
    answer, edited = await run_sync(
        replies.reply_instance_button, chat_id=chat.id, data=query.data or "", now=timezone.now()
    )
    await query.answer(fit(answer, MAX_ANSWER))
    await _edit(query, edited)


async def _edit(query, edited: replies.Reply | None) -> None:
    """The tapped message, shown again as it is after the tap."""
    if edited is None:
        return
    try:
        await query.edit_message_text(edited.text, reply_markup=markup(edited))
    except BadRequest as exc:  # "message is not modified" on a double tap is harmless
        logger.info("Could not edit message after a tap: %s", exc.message)


async def _goal_button(update: Update, query) -> None:
    """A goal's button sends its stages as a new message; a stage's tick edits the message."""
    chat_id = update.effective_chat.id
    if query.data.startswith(goal_replies.GOAL_PREFIX + ":"):
        answer, new = await run_sync(
            goal_replies.reply_goal_button, chat_id=chat_id, data=query.data
        )
        await query.answer(fit(answer, MAX_ANSWER) or None)
        if new is not None:
            await _send(update, new)
        return
    answer, edited = await run_sync(
        goal_replies.reply_stage_button, chat_id=chat_id, data=query.data, now=timezone.now()
    )
    await query.answer(fit(answer, MAX_ANSWER))
    await _edit(query, edited)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Logs the failure; polling goes on with the next update."""
    # the update id only: an update's text may be a journal note, which never goes to a log
    logger.error(
        "Error while handling update %s",
        getattr(update, "update_id", None),
        exc_info=context.error,
    )
    chat = getattr(update, "effective_chat", None)  # None for errors outside an update
    if chat is not None:
        try:
            await chat.send_message("Sorry, something went wrong. Try again.")
        except Exception:  # the apology is best effort
            logger.info("Could not tell the chat about the error")
