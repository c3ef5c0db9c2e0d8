"""Journal entries: a mood on the owner's local date (today in their zone unless given), at a
local time of day (now on their clock unless given); several a day, back-dated too."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from core.exceptions import ValidationFailed
from core.ownership import get_owned_or_404
from core.storage import storage_objects_delete_on_commit
from journal.events import announce_journal_changed
from journal.models import JournalEntry, JournalTag
from journal.services.tags import journal_tag_named
from users.timezones import user_zone

MAX_TAGS_PER_ENTRY = 20


def _tags_named(*, user, names: list[str]) -> list[JournalTag]:
    """The user's tags of these names (any case; a new name becomes a new tag), once each."""
    tags: dict[int, JournalTag] = {}
    for name in names:
        tag = journal_tag_named(user=user, name=name)
        tags.setdefault(tag.pk, tag)
    return list(tags.values())


def _check_date(day: date, *, today: date) -> None:
    if day > today:
        raise ValidationFailed(
            fields={"date": [f"An entry cannot be dated after today ({today.isoformat()})."]}
        )


@transaction.atomic
def journal_entry_create(*, user, data: dict, now: datetime) -> JournalEntry:
    """`data`: mood (required), energy, note, date, time, tags (names) as the input serializer
    validated them. The date defaults to the owner's today, the time to now on their clock."""
    local_now = now.astimezone(user_zone(user))
    day = data.get("date") or local_now.date()
    _check_date(day, today=local_now.date())
    entry = JournalEntry.objects.create(
        user=user,
        date=day,
        time=data.get("time") or local_now.time().replace(microsecond=0, tzinfo=None),
        mood=data["mood"],
        energy=data.get("energy"),
        note=data.get("note", ""),
        created_at=now,
        updated_at=now,
    )
    if data.get("tags"):
        entry.tags.set(_tags_named(user=user, names=data["tags"]))
    announce_journal_changed(user_id=user.pk, dates=[day], now=now)
    return entry


@transaction.atomic
def journal_entry_update(*, user, entry_id, data: dict, now: datetime) -> JournalEntry:
    """Changes the fields given; `tags` replaces the entry's tags. Moving an entry to another
    date announces both dates."""
    entry = get_owned_or_404(JournalEntry.objects.select_for_update(), user=user, pk=entry_id)
    old_date = entry.date
    if "date" in data:
        _check_date(data["date"], today=now.astimezone(user_zone(user)).date())
    for field in ("date", "time", "mood", "energy", "note"):
        if field in data:
            setattr(entry, field, data[field])
    entry.updated_at = now
    entry.save()
    if "tags" in data:
        entry.tags.set(_tags_named(user=user, names=data["tags"]))
    announce_journal_changed(user_id=user.pk, dates=sorted({old_date, entry.date}), now=now)
    return entry


@transaction.atomic
def journal_entry_delete(*, user, entry_id, now: datetime) -> None:
    """The entry with its photos; their files go once the deletion has committed."""
    entry = get_owned_or_404(JournalEntry.objects.all(), user=user, pk=entry_id)
    keys = list(entry.photos.values_list("key", flat=True))
    entry.delete()
    storage_objects_delete_on_commit(keys=keys)
    announce_journal_changed(user_id=user.pk, dates=[entry.date], now=now)


@transaction.atomic
def journal_wipe_for_user(user) -> None:
    """The account wipe's journal section: entries, photos' rows and tags. The files are removed
    by the account services, which read journal_photo_keys_for_user first (stored_files). The
    registry's wipe takes no clock, so the announcement carries the time of the wipe itself."""
    dates = sorted(set(JournalEntry.objects.filter(user=user).values_list("date", flat=True)))
    JournalEntry.objects.filter(user=user).delete()
    JournalTag.objects.filter(user=user).delete()
    if dates:
        announce_journal_changed(user_id=user.pk, dates=dates, now=timezone.now())
