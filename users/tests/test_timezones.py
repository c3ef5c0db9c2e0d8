from datetime import UTC, date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.conf import settings

from users.timezones import local_today, user_zone, valid_timezones, zone_named


def test_only_real_iana_zones_are_valid():
    zones = valid_timezones()
    assert {"Europe/Berlin", "UTC", "America/New_York"} <= zones
    # system files of the zoneinfo directory, not zones a user can live in
    assert not {"localtime", "posixrules", "Factory"} & zones
    assert not any(name.startswith(("posix/", "right/")) for name in zones)


def test_zone_named_gives_the_named_zone():
    assert zone_named("Asia/Kolkata") == ZoneInfo("Asia/Kolkata")


def test_an_unknown_zone_name_falls_back_to_the_default_zone():
    assert zone_named("Mars/Olympus_Mons") == ZoneInfo(settings.DEFAULT_USER_TIMEZONE)


def test_local_today_is_the_date_on_the_users_own_clock():
    now = datetime(2026, 3, 1, 11, 30, tzinfo=UTC)
    kiritimati = SimpleNamespace(timezone="Pacific/Kiritimati")  # UTC+14
    pago_pago = SimpleNamespace(timezone="Pacific/Pago_Pago")  # UTC-11
    assert user_zone(kiritimati) == ZoneInfo("Pacific/Kiritimati")
    assert local_today(user=kiritimati, now=now) == date(2026, 3, 2)
    assert local_today(user=pago_pago, now=now) == date(2026, 3, 1)
