"""The async adapters around replies.py: what reaches Telegram, and what happens on errors."""

import logging

import pytest
from asgiref.sync import async_to_sync
from django.core.management import CommandError, call_command

from habits.tests.factories import HabitFactory
from telegrambot.bot import handlers
from tests_support import bind, open_instance

pytestmark = pytest.mark.django_db


class StandInChat:
    def __init__(self, chat_id):
        self.id = chat_id
        self.sent = []

    async def send_message(self, text, reply_markup=None):
        self.sent.append((text, reply_markup))


class StandInQuery:
    def __init__(self, data):
        self.data = data
        self.answers, self.edits = [], []

    async def answer(self, text=None):
        self.answers.append(text)

    async def edit_message_text(self, text, reply_markup=None):
        self.edits.append((text, reply_markup))


class StandInUser:
    id = 10
    username = "ann"


class StandInUpdate:
    def __init__(self, chat_id=10, data=None):
        self.effective_chat = StandInChat(chat_id)
        self.effective_user = StandInUser()
        self.callback_query = StandInQuery(data)


class StandInContext:
    def __init__(self, args=(), error=None):
        self.args = list(args)
        self.error = error


def test_today_sends_one_message_per_open_instance_with_a_keyboard(user):
    bind(user, chat_id=10)
    instance = open_instance(user)
    update = StandInUpdate()
    async_to_sync(handlers.today)(update, StandInContext())
    (summary, _), (text, keyboard) = update.effective_chat.sent
    assert summary.startswith("Today: 0 of 1")
    data = [button.callback_data for row in keyboard.inline_keyboard for button in row]
    assert data == [f"done:{instance.pk}", f"notdone:{instance.pk}", f"excused:{instance.pk}"]


def test_a_tap_answers_and_edits_the_message(user):
    bind(user, chat_id=10)
    instance = open_instance(user)
    update = StandInUpdate(data=f"done:{instance.pk}")
    async_to_sync(handlers.button)(update, StandInContext())
    assert update.callback_query.answers == ["Done! Nice work."]
    text, keyboard = update.callback_query.edits[0]
    assert "done ✅" in text
    assert [b.callback_data for b in keyboard.inline_keyboard[0]] == [f"undo:{instance.pk}"]


def test_bind_from_the_chat_with_a_wrong_code(db):
    update = StandInUpdate()
    async_to_sync(handlers.bind)(update, StandInContext(args=["nope"]))
    assert "wrong or has expired" in update.effective_chat.sent[0][0]


def test_the_error_handler_logs_and_apologises(caplog):
    update = StandInUpdate()
    with caplog.at_level(logging.ERROR, logger="telegrambot.bot.handlers"):
        async_to_sync(handlers.on_error)(update, StandInContext(error=RuntimeError("boom")))
    assert "Error while handling update" in caplog.text
    assert update.effective_chat.sent[0][0].startswith("Sorry")


def test_runbot_without_a_token_says_the_bot_is_off(settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    with pytest.raises(CommandError, match="TELEGRAM_BOT_TOKEN is not set"):
        call_command("runbot")


def test_a_more_tap_sends_the_next_page_and_answers_the_tap(user):
    bind(user, chat_id=10)
    for number in range(12):
        HabitFactory(user=user, name=f"{number:02d}" + "n" * 148, action="a" * 255, place="p" * 255)
    update = StandInUpdate(data="more:habits:1")
    async_to_sync(handlers.button)(update, StandInContext())
    ((text, keyboard),) = update.effective_chat.sent
    assert text.startswith("Your habits (page 2 of ") and "• 00" not in text
    assert update.callback_query.answers == [None] and update.callback_query.edits == []
