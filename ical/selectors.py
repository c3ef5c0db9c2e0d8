"""Reads of the calendar feed: the feed a token opens, and what goes into the calendar."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from goals.models import Goal
from habit_instances.models import DONE_STATUSES, HabitInstance
from habits.models import Habit
from ical.models import CalendarFeed
from ical.tokens import token_hash, token_matches
from users.timezones import local_today, user_zone


def calendar_feed_get_by_token(*, token: str) -> CalendarFeed | None:
    """The feed this URL token opens (with its user), or None: wrong, revoked or regenerated."""
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=token_hash(token)).first()
    if feed is None or not token_matches(nonce=feed.nonce, token=token):
        return None
    return feed


def calendar_feed_get_for_user(*, user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


@dataclass(frozen=True)
class CalendarContent:
    zone: ZoneInfo
    today: date
    habits: list[Habit]
    # habit id -> today's done instance (a ✓ on today's occurrence)
    done_today: dict[int, HabitInstance]
    goals: list[Goal]


def calendar_content_for_user(*, user, now: datetime) -> CalendarContent:
    """Three queries whatever the number of habits and goals."""
    zone = user_zone(user)
    today = local_today(user=user, now=now)
    # Active = not archived and not deactivated; a paused habit stays (its pause is cut out of
    # its recurrence by the feed builder), as it comes back on its own when the pause ends.
    habits = list(Habit.objects.filter(user=user, is_archived=False, is_active=True).order_by("id"))
    done_today = {
        instance.habit_id: instance
        for instance in HabitInstance.objects.filter(
            habit__user=user,
            habit__is_archived=False,
            habit__is_active=True,
            date=today,
            status__in=DONE_STATUSES,
        )
    }
    goals = list(
        Goal.objects.filter(
            user=user, is_archived=False, completed_at__isnull=True, deadline__isnull=False
        ).order_by("deadline", "id")
    )
    return CalendarContent(
        zone=zone, today=today, habits=habits, done_today=done_today, goals=goals
    )


def calendar_feed_export_for_user(user) -> dict:
    """Whether a feed URL exists and since when; never the secret."""
    feed = calendar_feed_get_for_user(user=user)
    if feed is None:
        return {"enabled": False}
    return {
        "enabled": True,
        "created_at": feed.created_at.isoformat(),
        "updated_at": feed.updated_at.isoformat(),
    }
