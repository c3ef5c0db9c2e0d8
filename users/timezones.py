"""Time zones of users: the one place that turns a user's IANA name into a zone and a local day."""

import zoneinfo
from datetime import date, datetime
from functools import cache, lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError

# What the system's zoneinfo directory holds besides real zones: `localtime` is the machine's
# own zone (a different one on every host), `posixrules` a rule template, `Factory` a
# placeholder whose abbreviation is "-00"; `posix/` and `right/` are copies of the tree.
NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
NOT_ZONE_PREFIXES = ("posix/", "right/")


@cache
def valid_timezones() -> frozenset[str]:
    return frozenset(
        name
        for name in zoneinfo.available_timezones()
        if name not in NOT_ZONES and not name.startswith(NOT_ZONE_PREFIXES)
    )


def validate_timezone(value: str) -> None:
    if value not in valid_timezones():
        raise ValidationError(f"'{value}' is not a known IANA time zone (e.g. Europe/Berlin).")


@lru_cache(maxsize=1024)
def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The zone of that name. A name the validator once accepted can vanish from a later tzdata
    release: such a user falls back to the default zone rather than losing reminders to a crash."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.DEFAULT_USER_TIMEZONE)


def user_zone(user) -> zoneinfo.ZoneInfo:
    return zone_named(user.timezone)


def local_today(*, user, now: datetime) -> date:
    """ "Today" for this user: the date of `now` on the user's own clock."""
    return now.astimezone(user_zone(user)).date()
