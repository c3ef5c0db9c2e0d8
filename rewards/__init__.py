"""Coins and rewards: an append-only coin ledger per user and the rewards bought with it
(docs/motivation.md)."""
