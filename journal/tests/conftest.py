import pytest

from core.events import subscribe, unsubscribe
from journal.events import JOURNAL_CHANGED


@pytest.fixture
def journal_events():
    """What journal.changed announced during the test: (user_id, dates) pairs, in order."""
    seen = []

    def record(*, user_id, dates, now):
        seen.append((user_id, sorted(dates)))

    subscribe(JOURNAL_CHANGED, record)
    yield seen
    unsubscribe(JOURNAL_CHANGED, record)
