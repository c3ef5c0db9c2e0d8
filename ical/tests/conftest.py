import datetime as dt

import icalendar
import pytest
import recurring_ical_events


@pytest.fixture
def feed_url_of(auth_client):
    def _url(client=None) -> str:
        return (client or auth_client).get("/api/calendar/").json()["url"]

    return _url


def feed_path(url: str) -> str:
    """/ical/<token>.ics of an absolute feed URL."""
    return url[url.index("/ical/") :]


def parse(body: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def occurrences(calendar: icalendar.Calendar, start: dt.date, end: dt.date) -> list:
    """The events between two dates (end excluded), recurrences expanded, in time order."""
    events = recurring_ical_events.of(calendar).between(start, end)
    return sorted(events, key=lambda event: (str(event["UID"]), event.start))
