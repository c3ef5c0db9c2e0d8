"""The journal's rules with `now` passed in: local dates around midnight and DST in three zones,
back-dating, tags by name, and the announcements every write makes."""

from datetime import UTC, date, datetime, time

import pytest

from core.exceptions import NotFound, ValidationFailed
from journal.models import JournalEntry, JournalTag
from journal.services import (
    journal_entry_create,
    journal_entry_delete,
    journal_entry_update,
    journal_tag_create,
    journal_tag_delete,
    journal_tag_rename,
    journal_wipe_for_user,
)
from journal.tests.factories import JournalEntryFactory, JournalTagFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "zone, now, local_date, local_time",
    [
        # New York, the night DST begins (02:00 EST → 03:00 EDT on 2026-03-08)
        (
            "America/New_York",
            datetime(2026, 3, 8, 4, 59, tzinfo=UTC),
            date(2026, 3, 7),
            time(23, 59),
        ),
        ("America/New_York", datetime(2026, 3, 8, 5, 0, tzinfo=UTC), date(2026, 3, 8), time(0, 0)),
        ("America/New_York", datetime(2026, 3, 8, 7, 0, tzinfo=UTC), date(2026, 3, 8), time(3, 0)),
        # ... and the night it ends (the hour 01:00-02:00 twice on 2026-11-01)
        (
            "America/New_York",
            datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
            date(2026, 11, 1),
            time(1, 30),
        ),
        (
            "America/New_York",
            datetime(2026, 11, 1, 6, 30, tzinfo=UTC),
            date(2026, 11, 1),
            time(1, 30),
        ),
        # Kolkata, +05:30: 18:29 UTC is 23:59 there, 18:30 the next day
        (
            "Asia/Kolkata",
            datetime(2026, 6, 30, 18, 29, tzinfo=UTC),
            date(2026, 6, 30),
            time(23, 59),
        ),
        ("Asia/Kolkata", datetime(2026, 6, 30, 18, 30, tzinfo=UTC), date(2026, 7, 1), time(0, 0)),
        # Kiritimati, +14: already tomorrow for most of the UTC day
        (
            "Pacific/Kiritimati",
            datetime(2026, 1, 1, 10, 0, tzinfo=UTC),
            date(2026, 1, 2),
            time(0, 0),
        ),
        (
            "Pacific/Kiritimati",
            datetime(2026, 1, 1, 9, 59, tzinfo=UTC),
            date(2026, 1, 1),
            time(23, 59),
        ),
        # Pago Pago, -11: still yesterday
        (
            "Pacific/Pago_Pago",
            datetime(2026, 1, 1, 10, 59, tzinfo=UTC),
            date(2025, 12, 31),
            time(23, 59),
        ),
    ],
)
def test_an_entry_lands_on_the_owners_local_date_and_time(zone, now, local_date, local_time):
    user = UserFactory(timezone=zone)
    entry = journal_entry_create(user=user, data={"mood": 4}, now=now)
    entry.refresh_from_db()
    assert (entry.date, entry.time) == (local_date, local_time)


def test_back_dating_is_allowed_but_not_a_date_after_the_owners_today():
    user = UserFactory(timezone="Asia/Kolkata")
    now = datetime(2026, 6, 30, 18, 30, tzinfo=UTC)  # already 1 July in Kolkata
    entry = journal_entry_create(
        user=user, data={"mood": 2, "date": date(2026, 7, 1), "time": time(8, 0)}, now=now
    )
    assert entry.date == date(2026, 7, 1)
    old = journal_entry_create(user=user, data={"mood": 2, "date": date(2025, 1, 1)}, now=now)
    assert old.date == date(2025, 1, 1)
    with pytest.raises(ValidationFailed) as error:
        journal_entry_create(user=user, data={"mood": 2, "date": date(2026, 7, 2)}, now=now)
    assert "date" in error.value.fields


def test_tags_resolve_by_name_in_any_case_and_new_names_become_tags():
    user = UserFactory()
    walk = JournalTagFactory(user=user, name="Walk")
    now = datetime(2026, 5, 5, 12, tzinfo=UTC)
    entry = journal_entry_create(
        user=user, data={"mood": 5, "tags": ["walk", "WALK", "friends"]}, now=now
    )
    assert sorted(tag.name for tag in entry.tags.all()) == ["Walk", "friends"]
    assert entry.tags.filter(pk=walk.pk).exists()
    assert JournalTag.objects.filter(user=user).count() == 2
    # another user's tag of the same name is never reused
    stranger = UserFactory()
    theirs = journal_entry_create(user=stranger, data={"mood": 1, "tags": ["walk"]}, now=now)
    assert theirs.tags.get().user == stranger


def test_tag_names_are_unique_per_user_whatever_the_case():
    user = UserFactory()
    now = datetime(2026, 5, 5, 12, tzinfo=UTC)
    journal_tag_create(user=user, name="Sport", now=now)
    with pytest.raises(ValidationFailed) as error:
        journal_tag_create(user=user, name="sPORT", now=now)
    assert error.value.code == "tag_exists" and "name" in error.value.fields
    other = journal_tag_create(user=user, name="Reading", now=now)
    with pytest.raises(ValidationFailed):
        journal_tag_rename(user=user, tag_id=other.pk, name="sport", now=now)
    journal_tag_create(user=UserFactory(), name="sport", now=now)  # another user's is fine


def test_every_write_announces_the_dates_it_touched(journal_events):
    user = UserFactory(timezone="UTC")
    now = datetime(2026, 5, 5, 12, tzinfo=UTC)
    entry = journal_entry_create(user=user, data={"mood": 3, "tags": ["walk"]}, now=now)
    journal_entry_update(
        user=user, entry_id=entry.pk, data={"date": date(2026, 5, 1), "mood": 4}, now=now
    )
    tag = JournalTag.objects.get(user=user)
    journal_tag_rename(user=user, tag_id=tag.pk, name="long walk", now=now)
    journal_tag_delete(user=user, tag_id=tag.pk, now=now)
    journal_entry_delete(user=user, entry_id=entry.pk, now=now)
    assert journal_events == [
        (user.pk, [date(2026, 5, 5)]),
        (user.pk, [date(2026, 5, 1), date(2026, 5, 5)]),
        (user.pk, [date(2026, 5, 1)]),
        (user.pk, [date(2026, 5, 1)]),
        (user.pk, [date(2026, 5, 1)]),
    ]


def test_another_users_entry_or_tag_is_not_found():
    owner, stranger = UserFactory(), UserFactory()
    entry = JournalEntryFactory(user=owner)
    tag = JournalTagFactory(user=owner)
    now = datetime(2026, 5, 5, 12, tzinfo=UTC)
    with pytest.raises(NotFound):
        journal_entry_update(user=stranger, entry_id=entry.pk, data={"mood": 1}, now=now)
    with pytest.raises(NotFound):
        journal_entry_delete(user=stranger, entry_id=entry.pk, now=now)
    with pytest.raises(NotFound):
        journal_tag_delete(user=stranger, tag_id=tag.pk, now=now)
    assert JournalEntry.objects.get(pk=entry.pk).mood == 3


def test_the_wipe_removes_entries_and_tags_of_the_user_only(journal_events):
    user, other = UserFactory(), UserFactory()
    JournalEntryFactory(user=user, date=date(2026, 2, 2)).tags.add(JournalTagFactory(user=user))
    JournalEntryFactory(user=other)
    journal_wipe_for_user(user)
    assert not JournalEntry.objects.filter(user=user).exists()
    assert not JournalTag.objects.filter(user=user).exists()
    assert JournalEntry.objects.filter(user=other).count() == 1
    assert journal_events == [(user.pk, [date(2026, 2, 2)])]
