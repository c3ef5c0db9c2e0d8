import datetime as dt

from backups.services.retention import backups_to_keep


def _at(day: int, hour: int = 3) -> dt.datetime:
    return dt.datetime(2026, 3, 1, hour, tzinfo=dt.UTC) + dt.timedelta(days=day)


def test_keeps_the_newest_of_each_recent_day_and_of_each_recent_week():
    # 30 days of one backup a day, plus a second one on the newest day
    created = {f"d{day}": _at(day) for day in range(30)}
    created["d29-late"] = _at(29, 20)
    kept = backups_to_keep(created, keep_daily=3, keep_weekly=2)
    # days 29 (its later backup), 28, 27; weeks: the newest of this ISO week and the one before
    week_before = max(
        (
            name
            for name, moment in created.items()
            if moment.isocalendar()[1] == _at(29).isocalendar()[1] - 1
        ),
        key=created.get,
    )
    assert kept == {"d29-late", "d28", "d27", week_before}


def test_the_newest_survives_whatever_the_settings():
    created = {"a": _at(0), "b": _at(1)}
    assert backups_to_keep(created, keep_daily=0, keep_weekly=0) == {"b"}


def test_nothing_to_keep_when_there_is_nothing():
    assert backups_to_keep({}, keep_daily=7, keep_weekly=4) == set()
