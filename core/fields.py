"""Serializer fields shared by every app."""

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers. DRF's CharField turns 0 into "0", so a request the schema
    calls invalid (`"name": 0` where the schema says string) would be accepted; found by fuzzing."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
