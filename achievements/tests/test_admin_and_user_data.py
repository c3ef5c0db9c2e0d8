"""Operators see earn counts and read earned rows; the account export carries my achievements and
the wipe removes them; the bot renders the earned message."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from achievements.models import AchievementProgress, UserAchievement
from achievements.services import achievements_evaluate_for_user
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from notifications.models import Notification
from telegrambot.bot.notification_replies import render_notification
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 7, 45, tzinfo=dt.UTC)


def _earn(user):
    HabitInstanceFactory(habit=HabitFactory(user=user), status="completed", completed_at=NOW)
    achievements_evaluate_for_user(user_id=user.pk, now=NOW)


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_admin_lists_achievements_with_earn_counts_in_one_listing_query(
    catalogue, admin_client, user, other_user
):
    _earn(user)
    _earn(other_user)
    url = reverse("admin:achievements_achievement_changelist")
    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(url)
    assert page.status_code == 200
    listing = [q for q in queries.captured_queries if "achievements_userachievement" in q["sql"]]
    # the counts are one annotation (the page and the paginator's counts), never a query per row
    assert listing and all("GROUP BY" in q["sql"] for q in listing)
    assert len(listing) <= 3
    first = next(line for line in page.content.decode().split("<tr") if "First step" in line)
    assert ">2<" in first


def test_earned_rows_are_read_only_in_the_admin(catalogue, admin_client, user):
    _earn(user)
    row = UserAchievement.objects.filter(user=user).first()
    listed = admin_client.get(reverse("admin:achievements_userachievement_changelist"))
    assert listed.status_code == 200 and user.email in listed.content.decode()
    assert admin_client.get(reverse("admin:achievements_userachievement_add")).status_code == 403
    delete = reverse("admin:achievements_userachievement_delete", args=[row.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert admin_client.get(reverse("admin:achievements_achievement_add")).status_code == 403


def test_export_has_my_achievements_and_measures(catalogue, auth_client, user, other_user):
    _earn(user)
    _earn(other_user)
    section = auth_client.get(reverse("account-export")).json()["achievements"]
    assert {row["code"] for row in section["earned"]} == {"first_completion", "first_habit"}
    assert section["earned"][0]["earned_at"] == "2026-03-10T07:45:00+00:00"
    assert section["measures"]["completions"] == 1


def test_wipe_removes_my_achievements_only(catalogue, auth_client, user, other_user):
    _earn(user)
    _earn(other_user)
    assert auth_client.delete(reverse("account-data")).status_code == 204
    for model in (UserAchievement, AchievementProgress):
        assert not model.objects.filter(user=user).exists()
        assert model.objects.filter(user=other_user).exists()


def test_the_bot_sends_the_earned_message(catalogue, user):
    _earn(user)
    notification = Notification.objects.get(user=user, dedupe_key="achievement:first_completion")
    reply = render_notification(notification)
    assert reply.text == "🏆 Achievement earned: First step\nComplete a habit for the first time."
    assert reply.buttons == []
