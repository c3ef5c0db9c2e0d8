"""Serializer fields shared by every app."""

import re
from collections.abc import Callable
from datetime import datetime, time

from drf_spectacular.utils import extend_schema_field
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers. DRF's CharField turns 0 into "0", so a request the schema
    calls invalid (`"name": 0` where the schema says string) would be accepted; found by fuzzing."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """JSON true or false only. DRF's BooleanField also takes 0, 1, "yes" and "on", which the
    schema (boolean) calls invalid; found by fuzzing."""

    def to_internal_value(self, data):
        if data is True or data is False:
            return data
        self.fail("invalid", input=data)


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$",
        "example": "07:30:00",
        "description": "Local wall-clock time, HH:MM or HH:MM:SS, no offset.",
    }
)
class LocalTimeField(serializers.TimeField):
    """A local wall-clock time (the user's zone is applied by the domain): HH:MM or HH:MM:SS in,
    HH:MM:SS out. DRF's default ISO parsing accepts an offset and microseconds and silently
    drops the offset, so "07:30+05:00" would be stored as 07:30 in the user's zone; found by
    fuzzing."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%H:%M", "%H:%M:%S"])
        kwargs.setdefault("format", "%H:%M:%S")
        super().__init__(**kwargs)


# DRF's own renderings of a date and a local time (the project's formats), made once: list views
# that render plain rows call these instead of a serializer per row (datetimes: below).
render_date = serializers.DateField().to_representation
render_local_time = LocalTimeField().to_representation


def datetime_renderer() -> Callable[[datetime | None], str | None]:
    """DRF's DateTimeField().to_representation for the many values of one answer: it looks the
    current time zone up (an asgiref Local read) and its settings again for every value, which
    was most of the time a list of plain rows spent rendering (docs/performance.md, issue 11
    third pass). The zone is looked up once here; each value then goes the way DRF's
    to_representation takes it with the ISO 8601 format (a test compares the two)."""
    field = serializers.DateTimeField()
    zone = field.default_timezone()
    if zone is None or api_settings.DATETIME_FORMAT.lower() != ISO_8601:
        return field.to_representation

    def render(value):
        if not value or isinstance(value, str):
            return value or None
        # aware: converted to the zone; naive (SQLite's raw rows): taken as the zone's time
        value = (
            value.astimezone(zone) if value.utcoffset() is not None else value.replace(tzinfo=zone)
        )
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return render


_HH_MM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$", "example": "07:30"},
        "uniqueItems": True,
        "description": "Local wall-clock times, HH:MM, distinct; answered sorted.",
    }
)
class LocalTimesField(serializers.Field):
    """A list of distinct local "HH:MM" times (check-in slots, extra reminders): sorted `time`s
    inside. Minutes only: a reminder to the second is not a thing anyone sets."""

    default_error_messages = {
        "not_a_list": "Expected a list of times (HH:MM).",
        "invalid_time": "Each time is HH:MM, from 00:00 to 23:59.",
        "duplicate": "Each time may appear once.",
        "too_many": "At most {max_items} times.",
        "too_few": "At least {min_items} time(s).",
    }

    def __init__(self, *, min_items: int = 0, max_items: int, **kwargs):
        self.min_items = min_items
        self.max_items = max_items
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list")
        times = []
        for item in data:
            if not isinstance(item, str) or not _HH_MM.fullmatch(item):
                self.fail("invalid_time")
            times.append(time.fromisoformat(item))
        if len(set(times)) != len(times):
            self.fail("duplicate")
        if len(times) > self.max_items:
            self.fail("too_many", max_items=self.max_items)
        if len(times) < self.min_items:
            self.fail("too_few", min_items=self.min_items)
        return sorted(times)

    def to_representation(self, value) -> list[str]:
        return [moment.strftime("%H:%M") for moment in value]
