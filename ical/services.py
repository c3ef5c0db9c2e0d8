"""Writes of the calendar feed: create on first use, regenerate (kills the old URL), wipe."""

from django.db import IntegrityError, transaction

from ical.models import CalendarFeed
from ical.tokens import new_nonce, token_for_nonce, token_hash


def _fresh_secret() -> dict[str, str]:
    nonce = new_nonce()
    return {"nonce": nonce, "token_hash": token_hash(token_for_nonce(nonce))}


def calendar_feed_get_or_create(*, user) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is not None:
        return feed
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(user=user, **_fresh_secret())
    except IntegrityError:
        # two first requests at once: the other one created it
        return CalendarFeed.objects.get(user=user)


@transaction.atomic
def calendar_feed_regenerate(*, user) -> CalendarFeed:
    """A new secret; the old URL answers 404 from the moment this commits."""
    secret = _fresh_secret()
    updated = CalendarFeed.objects.filter(user=user).update(**secret)
    if updated:
        return CalendarFeed.objects.get(user=user)
    return calendar_feed_get_or_create(user=user)


@transaction.atomic
def calendar_feed_revoke(*, user) -> None:
    """No feed URL until the profile asks for one again (which issues a new secret)."""
    CalendarFeed.objects.filter(user=user).delete()


def calendar_feed_wipe_for_user(user) -> None:
    calendar_feed_revoke(user=user)
