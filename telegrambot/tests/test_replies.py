"""The bot's answers, as the handlers get them: same services as the API, no Telegram needed."""

import datetime as dt
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from goals.models import AiBreakdownJob
from goals.services.ai_notifications import goal_ai_breakdown_notify
from goals.tests.factories import GoalFactory, GoalStageFactory
from habits.tests.factories import HabitFactory
from notifications.models import Notification
from telegrambot.bot import notification_replies, replies
from telegrambot.models import TelegramProfile
from tests_support import bind, open_instance

pytestmark = pytest.mark.django_db


def test_unbound_chats_are_told_how_to_bind(db):
    now = timezone.now()
    assert replies.reply_today(chat_id=1, now=now)[0].text == replies.HOW_TO_BIND
    assert replies.reply_habits(chat_id=1).text == replies.HOW_TO_BIND
    assert replies.reply_stats(chat_id=1, now=now).text == replies.HOW_TO_BIND
    assert (
        "not linked"
        in replies.reply_start(chat_id=1, telegram_id=1, username="", code="", now=now).text
    )


def test_bind_without_a_code_explains_and_a_wrong_code_is_refused(db):
    now = timezone.now()
    assert (
        "/bind" in replies.reply_bind(chat_id=1, telegram_id=1, username="", code="", now=now).text
    )
    wrong = replies.reply_bind(chat_id=1, telegram_id=1, username="", code="nope", now=now)
    assert "wrong or has expired" in wrong.text


def test_today_lists_open_instances_with_buttons(user):
    bind(user, chat_id=10)
    instance = open_instance(user, action="stretch", place="the mat")
    summary, item = replies.reply_today(chat_id=10, now=timezone.now())
    assert summary.text == "Today: 0 of 1 done."
    assert "stretch at the mat" in item.text
    assert item.buttons == [
        [("✅ Done", f"done:{instance.pk}"), ("❌ Not done", f"notdone:{instance.pk}")],
        [("➖ Skip (excused)", f"excused:{instance.pk}")],
    ]


def test_done_then_not_done_again_is_a_polite_conflict(user):
    bind(user, chat_id=10)
    instance = open_instance(user)
    answer, edited = replies.reply_instance_button(
        chat_id=10, data=f"done:{instance.pk}", now=timezone.now()
    )
    assert answer.startswith("Done") and "done ✅" in edited.text
    assert edited.buttons == [[("↩️ Undo", f"undo:{instance.pk}")]]
    answer, edited = replies.reply_instance_button(
        chat_id=10, data=f"notdone:{instance.pk}", now=timezone.now()
    )
    assert "already" in answer and "done ✅" in edited.text
    instance.refresh_from_db()
    assert instance.status == "completed"


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("notdone", "missed"),
        ("skip", "missed"),  # the Skip button of messages sent before excused skips existed
        ("excused", "skipped"),
    ],
)
def test_each_mark_button_calls_its_service(user, action, status):
    bind(user, chat_id=10)
    instance = open_instance(user)
    replies.reply_instance_button(chat_id=10, data=f"{action}:{instance.pk}", now=timezone.now())
    instance.refresh_from_db()
    assert instance.status == status


def test_an_excused_skip_says_what_it_means(user):
    bind(user, chat_id=10)
    instance = open_instance(user)
    answer, edited = replies.reply_instance_button(
        chat_id=10, data=f"excused:{instance.pk}", now=timezone.now()
    )
    assert "neither grows nor breaks" in answer and "Not done" in answer
    assert "excused" in edited.text


def test_undo_reopens_the_instance_with_its_buttons(user):
    bind(user, chat_id=10)
    instance = open_instance(user)
    now = timezone.now()
    replies.reply_instance_button(chat_id=10, data=f"notdone:{instance.pk}", now=now)
    answer, edited = replies.reply_instance_button(chat_id=10, data=f"undo:{instance.pk}", now=now)
    assert answer == "Undone: the habit is open again."
    assert edited.buttons == replies.instance_buttons(instance.pk)
    instance.refresh_from_db()
    assert instance.status == "pending"


def test_no_undo_button_once_the_fix_window_has_closed(user):
    bind(user, chat_id=10)
    instance = open_instance(user)
    replies.reply_instance_button(chat_id=10, data=f"done:{instance.pk}", now=timezone.now())
    instance.refresh_from_db()
    later = instance.fix_deadline + timedelta(seconds=1)
    assert replies.instance_reply(instance, user=user, now=later).buttons == []
    answer, _ = replies.reply_instance_button(chat_id=10, data=f"undo:{instance.pk}", now=later)
    assert "can no longer be undone" in answer


def test_a_button_for_another_users_instance_is_refused(user, other_user):
    bind(user, chat_id=10)
    theirs = open_instance(other_user)
    answer, edited = replies.reply_instance_button(
        chat_id=10, data=f"done:{theirs.pk}", now=timezone.now()
    )
    assert (answer, edited) == ("That is not one of your habits.", None)
    theirs.refresh_from_db()
    assert theirs.status == "pending"


@pytest.mark.parametrize(
    "data,expected",
    [
        ("", "This button is not understood."),
        ("done:", "This button is not understood."),
        ("done:abc", "This button is not understood."),
        ("explode:1", "This button is not understood."),
        ("done:99999999", "That is not one of your habits."),
    ],
)
def test_odd_button_data_is_refused(user, data, expected):
    bind(user, chat_id=10)
    answer, edited = replies.reply_instance_button(chat_id=10, data=data, now=timezone.now())
    assert edited is None and answer
    assert answer == expected


def test_habits_and_stats(user):
    bind(user, chat_id=10)
    open_instance(user, name="Stretch", action="stretch", place="the mat")
    assert "Stretch: stretch at the mat, every day at" in replies.reply_habits(chat_id=10).text
    stats = replies.reply_stats(chat_id=10, now=timezone.now()).text
    assert "Stretch: streak 0" in stats and "strength" in stats


def test_stats_cost_the_same_queries_for_one_habit_or_many(user, django_assert_num_queries):
    bind(user, chat_id=10)
    open_instance(user, name="Stretch")
    now = timezone.now()
    with CaptureQueriesContext(connection) as one:
        replies.reply_stats(chat_id=10, now=now)
    for name in ("Read", "Walk", "Floss"):
        open_instance(user, name=name)
    with django_assert_num_queries(len(one)):
        text = replies.reply_stats(chat_id=10, now=now).text
    assert all(f"{name}: streak 0" in text for name in ("Stretch", "Read", "Walk", "Floss"))


def test_a_message_from_an_inactive_chat_reactivates_it(user):
    bind(user, chat_id=10)
    TelegramProfile.objects.filter(user=user).update(is_active=False)
    replies.reply_help(chat_id=10)
    assert TelegramProfile.objects.get(user=user).is_active


def test_unbind_from_the_chat(user):
    bind(user, chat_id=10)
    assert "unlinked" in replies.reply_unbind(chat_id=10).text
    assert "was not linked" in replies.reply_unbind(chat_id=10).text


def test_reminders_render_with_buttons_and_others_without():
    reminder = Notification(
        kind="reminder",
        title="Time to read",
        body="at home",
        payload={"instance_id": 3, "actions": ["done", "skip"]},
    )
    assert replies.render_notification(reminder).buttons[0][0] == ("✅ Done", "done:3")
    formed = Notification(kind="habit_formed", title="Formed", body="", payload={"habit_id": 1})
    assert replies.render_notification(formed).buttons == []


def test_completing_after_the_fix_window_says_so(user):
    bind(user, chat_id=10)
    instance = open_instance(user)
    answer, _ = replies.reply_instance_button(
        chat_id=10, data=f"done:{instance.pk}", now=timezone.now() + timedelta(hours=3)
    )
    assert "fix window" in answer


def test_habits_say_their_schedule_and_pause_in_words_and_hide_archived_ones(user):
    bind(user, chat_id=10)
    HabitFactory(user=user, name="Swim", schedule="weekdays", weekdays=0b10101)
    HabitFactory(user=user, name="Run", schedule="times_per_week", times_per_week=3)
    HabitFactory(user=user, name="Read", periodicity_days=3, paused_from=dt.date(2026, 7, 1))
    HabitFactory(
        user=user,
        name="Yoga",
        paused_from=dt.date(2026, 7, 1),
        paused_until=dt.date(2026, 7, 14),
    )
    HabitFactory(user=user, name="Old", is_archived=True)
    text = replies.reply_habits(chat_id=10).text
    assert "Swim: read 10 pages at armchair, on Mon, Wed, Fri at 07:30" in text
    assert "Run: read 10 pages at armchair, 3 times a week at 07:30" in text
    assert "Read: read 10 pages at armchair, every 3 days at 07:30 (paused from 01 Jul)" in text
    assert "(paused 01 Jul to 14 Jul)" in text
    assert "Old" not in text
    assert "Old" not in replies.reply_stats(chat_id=10, now=timezone.now()).text


def test_todays_summary_counts_an_excused_instance_as_not_due(user):
    bind(user, chat_id=10)
    open_instance(user)
    open_instance(user, status="skipped")
    summary, _ = replies.reply_today(chat_id=10, now=timezone.now())
    assert summary.text == "Today: 0 of 1 done."


def test_goal_reminders_render_with_the_button_that_opens_the_goals_stages():
    reminder = Notification(
        kind="reminder",
        title="Goal: Marathon — 1 of 3 stages done",
        body="",
        payload={"goal_id": 12, "actions": ["open_stages"]},
    )
    reply = notification_replies.render_notification(reminder)
    assert reply.text == "Goal: Marathon — 1 of 3 stages done"
    assert reply.buttons == [[("🎯 Open its stages", "goal:12")]]
    habit_reminder = Notification(
        kind="reminder", title="Time", body="", payload={"instance_id": 3, "actions": ["done"]}
    )
    assert notification_replies.render_notification(habit_reminder).buttons[0][0][1] == "done:3"


def test_an_ai_breakdown_notification_renders_with_the_button_that_opens_the_goals_stages(user):
    goal = GoalFactory(user=user, title="Learn Spanish")
    draft = GoalStageFactory(goal=goal, title="Pick a course", is_draft=True)
    job = AiBreakdownJob.objects.create(
        goal=goal, user=user, created_at=timezone.now(), status="succeeded", stage_ids=[draft.pk]
    )
    goal_ai_breakdown_notify(job_id=job.pk, succeeded=True, now=timezone.now())

    reply = notification_replies.render_notification(Notification.objects.get())
    assert reply.text == (
        "Proposed stages for Learn Spanish are ready\n"
        "1. Pick a course\nKeep the ones you want in the web app."
    )
    assert reply.buttons == [[("🎯 Open its stages", f"goal:{goal.pk}")]]
