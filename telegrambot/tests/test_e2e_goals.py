"""End to end: /goals, a goal's button and a stage's tick through the real `manage.py runbot`
against the local fake Bot API (the fixtures of test_e2e_bot.py, in conftest.py)."""

import pytest
from django.utils import timezone

from goals.models import Goal, GoalStage
from goals.services import goal_stage_create
from goals.tests.factories import GoalFactory, GoalStageFactory
from tests_support import bind
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _buttons(call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [button["callback_data"] for row in markup.get("inline_keyboard", []) for button in row]


def test_goals_then_a_goal_then_ticking_its_last_stage_completes_it(bot, fake_telegram):
    user, stranger = UserFactory(), UserFactory()
    bind(user, chat_id=701)
    goal = GoalFactory(user=user, title="Marathon")
    stage, _ = goal_stage_create(
        user=user, goal_id=goal.pk, data={"title": "Run 42 km"}, now=timezone.now()
    )
    theirs = GoalStageFactory(goal=GoalFactory(user=stranger))
    bot.start()

    fake_telegram.push_text(chat_id=701, text="/goals")
    listing = fake_telegram.wait_for("sendMessage", chat_id=701)[0]
    assert "Marathon — 0% (0 of 1 stages)" in listing.params["text"]
    assert _buttons(listing) == [f"goal:{goal.pk}"]

    fake_telegram.push_button(chat_id=701, data=f"goal:{goal.pk}", message_id=1)
    stages = fake_telegram.wait_for("sendMessage", chat_id=701, count=2)[1]
    assert "▫️ Run 42 km" in stages.params["text"]
    assert _buttons(stages) == [f"stage:{goal.pk}:{stage.pk}"]

    message_id = stages.result["message_id"]
    fake_telegram.push_button(chat_id=701, data=_buttons(stages)[0], message_id=message_id)
    edited = fake_telegram.wait_for("editMessageText", chat_id=701)[0]
    assert edited.params["message_id"] == message_id
    assert "✅ Run 42 km" in edited.params["text"] and _buttons(edited) == []
    assert Goal.objects.get(pk=goal.pk).completed_at is not None

    # another user's stage, named in a button of this chat: refused, nothing changes
    data = f"stage:{theirs.goal_id}:{theirs.pk}"
    fake_telegram.push_button(chat_id=701, data=data, message_id=message_id)
    answers = fake_telegram.wait_for("answerCallbackQuery", count=3)
    assert "not one of your goals" in answers[2].params["text"]
    assert not GoalStage.objects.get(pk=theirs.pk).is_completed
    assert bot.stop() == 0, bot.output()
