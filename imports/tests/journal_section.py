"""The account export's "journal" section in the shape the journal app registers it (the
shared contract in docs/import-export.md), for tests that run before or without that app's
registration: the round trip must read exactly this shape."""

from core.user_data import UserDataSection
from journal.models import JournalEntry, JournalTag


def journal_export(user) -> dict:
    entries = JournalEntry.objects.filter(user=user).prefetch_related("tags", "photos")
    return {
        "tags": list(JournalTag.objects.filter(user=user).values_list("name", flat=True)),
        "entries": [
            {
                "date": entry.date.isoformat(),
                "time": entry.time.isoformat(),
                "mood": entry.mood,
                "energy": entry.energy,
                "note": entry.note,
                "tags": sorted(tag.name for tag in entry.tags.all()),
                "photos": [
                    {
                        "key": photo.key,
                        "content_type": photo.content_type,
                        "original_name": photo.original_name,
                        "size": photo.size,
                        "sha256": photo.sha256,
                        "created_at": photo.created_at.isoformat(),
                    }
                    for photo in entry.photos.all()
                ],
            }
            for entry in entries.order_by("date", "time", "id")
        ],
    }


def journal_wipe(user) -> None:
    JournalEntry.objects.filter(user=user).delete()
    JournalTag.objects.filter(user=user).delete()


JOURNAL_SECTION = UserDataSection(name="journal", export=journal_export, wipe=journal_wipe)
