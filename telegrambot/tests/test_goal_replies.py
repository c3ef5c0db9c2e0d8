"""/goals and the goal and stage buttons, as the handlers get them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from goals.models import GoalStage
from goals.services import goal_stage_create
from goals.tests.factories import GoalFactory, GoalStageFactory
from telegrambot.bot import goal_replies
from telegrambot.bot.paging import MAX_CALLBACK_DATA, MAX_TEXT, telegram_length
from telegrambot.bot.replies import HOW_TO_BIND
from tests_support import bind

pytestmark = pytest.mark.django_db


def _stages(user, goal, *titles):
    return [
        goal_stage_create(user=user, goal_id=goal.pk, data={"title": t}, now=timezone.now())[0]
        for t in titles
    ]


def test_goals_lists_open_goals_with_progress_and_a_button_each(user, other_user):
    bind(user, chat_id=30)
    goal = GoalFactory(user=user, title="Marathon")
    first, _ = _stages(user, goal, "5 km", "10 km")
    goal_replies.reply_stage_button(
        chat_id=30, data=f"stage:{goal.pk}:{first.pk}", now=timezone.now()
    )
    GoalFactory(user=user, title="Archived", is_archived=True, archived_at=timezone.now())
    GoalFactory(user=user, title="Done", completed_at=timezone.now())
    GoalFactory(user=other_user, title="Theirs")
    reply = goal_replies.reply_goals(chat_id=30)
    assert reply.text == "Your open goals:\n• Marathon — 50% (1 of 2 stages)"
    assert reply.buttons == [[("🎯 Marathon", f"goal:{goal.pk}")]]


def test_unbound_chats_and_empty_lists(user):
    assert goal_replies.reply_goals(chat_id=31).text == HOW_TO_BIND
    bind(user, chat_id=31)
    assert "no open goals" in goal_replies.reply_goals(chat_id=31).text


def test_many_long_goals_page_under_telegrams_limits_in_constant_queries(user):
    bind(user, chat_id=32)
    goals = [GoalFactory(user=user, title=f"{n:02d}" + "🌟" * 198) for n in range(20)]
    with CaptureQueriesContext(connection) as queries:
        first = goal_replies.reply_goals(chat_id=32)
    assert len(queries) <= 3  # the profile, the goals with their counts, their habits
    shown, page, reply = [], 0, first
    while True:
        assert telegram_length(reply.text) <= MAX_TEXT
        assert all(len(d.encode()) <= MAX_CALLBACK_DATA for row in reply.buttons for _, d in row)
        shown += [data for row in reply.buttons for _, data in row if data.startswith("goal:")]
        more = [data for row in reply.buttons for _, data in row if data.startswith("more:")]
        if not more:
            break
        page += 1
        _, (reply,) = goal_replies.reply_more(chat_id=32, data=more[0], now=timezone.now())
    assert shown == [f"goal:{goal.pk}" for goal in goals]
    assert page == 2  # 8 per page


def test_a_goal_button_shows_its_stages_with_tick_buttons_for_the_open_ones(user):
    bind(user, chat_id=33)
    goal = GoalFactory(user=user, title="Marathon")
    done, open_stage = _stages(user, goal, "5 km", "10 km")
    GoalStageFactory(goal=goal, title="Draft", is_draft=True)
    goal_replies.reply_stage_button(
        chat_id=33, data=f"stage:{goal.pk}:{done.pk}", now=timezone.now()
    )
    answer, reply = goal_replies.reply_goal_button(chat_id=33, data=f"goal:{goal.pk}")
    assert reply.text == "🎯 Marathon — 50%\n✅ 5 km\n▫️ 10 km"
    assert reply.buttons == [[("✅ 10 km", f"stage:{goal.pk}:{open_stage.pk}")]]


def test_ticking_the_last_stage_completes_the_goal_and_a_second_tick_is_polite(user):
    bind(user, chat_id=34)
    goal = GoalFactory(user=user, title="Marathon")
    (stage,) = _stages(user, goal, "Run it")
    data = f"stage:{goal.pk}:{stage.pk}"
    answer, edited = goal_replies.reply_stage_button(chat_id=34, data=data, now=timezone.now())
    assert answer == "Goal completed! 🎉"
    assert "100%" in edited.text and "Completed" in edited.text and edited.buttons == []
    answer, edited = goal_replies.reply_stage_button(chat_id=34, data=data, now=timezone.now())
    assert "already completed" in answer and edited is not None


def test_buttons_naming_another_users_goal_or_stage_change_nothing(user, other_user):
    bind(user, chat_id=35)
    theirs = GoalFactory(user=other_user)
    stage = GoalStageFactory(goal=theirs)
    mine = GoalFactory(user=user)
    for data in (f"stage:{theirs.pk}:{stage.pk}", f"stage:{mine.pk}:{stage.pk}"):
        answer, edited = goal_replies.reply_stage_button(chat_id=35, data=data, now=timezone.now())
        assert answer == "That is not one of your goals." and edited is None
    answer, reply = goal_replies.reply_goal_button(chat_id=35, data=f"goal:{theirs.pk}")
    assert answer == "That is not one of your goals." and reply is None
    assert not GoalStage.objects.get(pk=stage.pk).is_completed


@pytest.mark.parametrize("data", ["stage:1", "stage:a:b", "goal:", "goal:1:2", "stage:1:2:3"])
def test_malformed_goal_buttons_are_not_understood(user, data):
    bind(user, chat_id=36)
    button = (
        goal_replies.reply_goal_button
        if data.startswith("goal")
        else lambda **kw: goal_replies.reply_stage_button(**kw, now=timezone.now())
    )
    answer, reply = button(chat_id=36, data=data)
    assert answer == "This button is not understood." and reply is None


def test_an_unbound_chat_cannot_tick(user):
    goal = GoalFactory(user=user)
    (stage,) = _stages(user, goal, "x")
    answer, _ = goal_replies.reply_stage_button(
        chat_id=37, data=f"stage:{goal.pk}:{stage.pk}", now=timezone.now()
    )
    assert "not linked" in answer
    assert not GoalStage.objects.get(pk=stage.pk).is_completed
