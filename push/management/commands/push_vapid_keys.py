"""Prints a new VAPID key pair for Web Push, as lines for .env; `--write PATH` stores it as the
JSON file the settings read (WEBPUSH_VAPID_FILE) instead."""

from pathlib import Path

from django.core.management.base import BaseCommand

from atomic_habits_tracker.vapid_file import vapid_keys_generate, vapid_keys_write_file


class Command(BaseCommand):
    help = "Generates a VAPID key pair for Web Push (WEBPUSH_VAPID_PUBLIC_KEY / _PRIVATE_KEY)."

    def add_arguments(self, parser):
        parser.add_argument("--write", type=Path, help="store the pair in this JSON file")

    def handle(self, *args, write: Path | None = None, **options):
        if write is not None:
            keys = vapid_keys_write_file(write)
            self.stdout.write(f"Wrote a VAPID key pair to {write}.")
            self.stdout.write(f"WEBPUSH_VAPID_PUBLIC_KEY={keys['public_key']}")
            return
        keys = vapid_keys_generate()
        self.stdout.write(f"WEBPUSH_VAPID_PUBLIC_KEY={keys['public_key']}")
        self.stdout.write(f"WEBPUSH_VAPID_PRIVATE_KEY={keys['private_key']}")
