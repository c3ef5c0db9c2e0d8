"""Serializer fields shared by every app."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers. DRF's CharField turns 0 into "0", so a request the schema
    calls invalid (`"name": 0` where the schema says string) would be accepted; found by fuzzing."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


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


# DRF's own renderings of a date, an aware datetime and a local time (the project's formats),
# made once: list views that render plain rows call these instead of a serializer per row.
render_date = serializers.DateField().to_representation
render_datetime = serializers.DateTimeField().to_representation
render_local_time = LocalTimeField().to_representation
