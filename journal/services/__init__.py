"""Every write on the journal. Each one announces journal.events.announce_journal_changed in its
transaction, naming the local dates it touched."""

from journal.services.entries import (
    journal_entry_create,
    journal_entry_delete,
    journal_entry_update,
    journal_wipe_for_user,
)
from journal.services.photos import journal_photo_add, journal_photo_delete
from journal.services.tags import journal_tag_create, journal_tag_delete, journal_tag_rename

__all__ = [
    "journal_entry_create",
    "journal_entry_delete",
    "journal_entry_update",
    "journal_photo_add",
    "journal_photo_delete",
    "journal_tag_create",
    "journal_tag_delete",
    "journal_tag_rename",
    "journal_wipe_for_user",
]
