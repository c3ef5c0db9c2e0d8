"""Achievements: a catalogue defined in code, earned once per user from domain events
(docs/motivation.md)."""
