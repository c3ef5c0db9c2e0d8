import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError


@cache
def valid_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in valid_timezones():
        raise ValidationError(f"'{value}' is not a known IANA time zone (e.g. Europe/Berlin).")
