"""The mood journal: entries with mood, energy, tags, a note and photos (docs/journal.md)."""
