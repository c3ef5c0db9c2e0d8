"""End to end: a goal reminder written by the beat's service reaches the real `manage.py runbot`
through the outbox, with the button that opens the goal's stages (the fixtures of
test_e2e_bot.py, in conftest.py)."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from goals.models import GoalReminder
from goals.services import goal_reminder_put, goal_reminders_send, goal_stage_create
from goals.tests.factories import GoalFactory
from tests_support import bind
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _buttons(call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [button["callback_data"] for row in markup.get("inline_keyboard", []) for button in row]


def test_a_goal_reminder_arrives_with_a_button_that_opens_the_stages(bot, fake_telegram):
    user = UserFactory(timezone="UTC")
    bind(user, chat_id=801)
    goal = GoalFactory(user=user, title="Marathon")
    now = timezone.now()
    goal_stage_create(user=user, goal_id=goal.pk, data={"title": "Run 10 km"}, now=now)
    goal_reminder_put(
        user=user, goal_id=goal.pk, remind_time=now.time(), every_n_days=1, active=True, now=now
    )
    due = (now - timedelta(minutes=1)).astimezone(UTC)
    GoalReminder.objects.filter(goal=goal).update(
        anchor_date=due.date(), remind_time=due.time().replace(second=0, microsecond=0)
    )
    assert goal_reminders_send(now=now) == 1
    bot.start()

    reminder = fake_telegram.wait_for("sendMessage", chat_id=801)[0]
    assert reminder.params["text"] == "Goal: Marathon — 0 of 1 stages done"
    assert _buttons(reminder) == [f"goal:{goal.pk}"]
    fake_telegram.push_button(chat_id=801, data=f"goal:{goal.pk}", message_id=1)
    stages = fake_telegram.wait_for("sendMessage", chat_id=801, count=2)[1]
    assert "▫️ Run 10 km" in stages.params["text"]
    assert bot.stop() == 0, bot.output()
