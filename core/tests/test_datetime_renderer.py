"""core.fields.datetime_renderer renders every datetime exactly as DRF's DateTimeField does."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from rest_framework import serializers

from core.fields import datetime_renderer

VALUES = [
    None,
    "",
    "2026-03-29T01:00:00Z",  # a string passes through, as DRF lets it
    dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 29, 1, 0, 0, 123456, tzinfo=dt.UTC),
    dt.datetime(2026, 10, 25, 2, 30, tzinfo=ZoneInfo("Europe/Berlin")),
    dt.datetime(2026, 6, 15, 23, 59, 59, tzinfo=ZoneInfo("Asia/Kathmandu")),
    # naive, as SQLite's raw rows bring them
    dt.datetime.fromisoformat("2026-06-15T12:00:00"),
    dt.datetime.fromisoformat("2026-06-15T12:00:00.000005"),
]


@pytest.mark.parametrize("zone", [None, "Asia/Kolkata", "America/New_York"])
def test_renders_as_drf_whatever_the_current_zone(zone):
    with timezone.override(ZoneInfo(zone) if zone else None):
        drf = serializers.DateTimeField().to_representation
        render = datetime_renderer()
        assert [render(value) for value in VALUES] == [drf(value) for value in VALUES]


def test_utc_is_written_with_a_z():
    assert datetime_renderer()(VALUES[3]) == "2026-03-29T01:00:00Z"
