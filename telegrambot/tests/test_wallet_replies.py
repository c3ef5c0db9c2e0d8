"""/wallet: the balance and the last entries, as the handler gets them, and end to end through
the real bot against the local fake Bot API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from habit_instances.services import habit_instance_mark_completed
from rewards.services import ledger_credit
from telegrambot.bot import wallet_replies
from telegrambot.bot.replies import HOW_TO_BIND
from tests_support import bind, open_instance


def _give(user, amount, reference_id):
    ledger_credit(
        user_id=user.pk,
        amount=amount,
        kind="achievement_bonus",
        reference_id=reference_id,
        now=timezone.now(),
        note="streak_7",
    )


@pytest.mark.django_db
def test_wallet_shows_the_balance_and_the_last_five_entries_newest_first(user, other_user):
    bind(user, chat_id=40)
    instance = open_instance(user, name="Stretch")
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=timezone.now())
    for n in range(5):
        _give(user, 20, reference_id=n)
    _give(other_user, 999, reference_id=99)
    with CaptureQueriesContext(connection) as queries:
        reply = wallet_replies.reply_wallet(chat_id=40)
    assert len(queries) <= 3
    lines = reply.text.splitlines()
    assert lines[0] == "🪙 110 coins"
    assert lines[3:] == ["+20  Achievement bonus — streak_7"] * 5
    _give(user, 1, reference_id=6)  # the completion falls off the five
    assert "Stretch" not in wallet_replies.reply_wallet(chat_id=40).text


@pytest.mark.django_db
def test_wallet_of_unbound_and_empty(user):
    assert wallet_replies.reply_wallet(chat_id=41).text == HOW_TO_BIND
    bind(user, chat_id=41)
    assert wallet_replies.reply_wallet(chat_id=41).text.startswith("🪙 0 coins. Complete a habit")


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_wallet_command_through_the_bot(bot, fake_telegram, user):
    bind(user, chat_id=702)
    instance = open_instance(user, name="Stretch")
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=timezone.now())
    bot.start()
    fake_telegram.push_text(chat_id=702, text="/wallet")
    answer = fake_telegram.wait_for("sendMessage", chat_id=702)[0]
    assert answer.params["text"].splitlines()[0] == "🪙 10 coins"
    assert "+10  Habit completed — Stretch" in answer.params["text"]
    assert bot.stop() == 0, bot.output()
