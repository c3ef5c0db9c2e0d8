from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from achievements.services import achievements_backfill, achievements_sync


class Command(BaseCommand):
    help = (
        "Awards achievements earned before the feature existed, from history, in batches of "
        "users (one transaction each). Announces nothing: no coins, no notifications "
        "(docs/motivation.md). Idempotent: safe to stop and run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Users per transaction.")
        parser.add_argument(
            "--after-user-id", type=int, default=0, help="Resume after this user id."
        )

    def handle(self, *args, batch_size, after_user_id, **options):
        if not 1 <= batch_size <= 10_000:
            raise CommandError("--batch-size must be between 1 and 10000.")
        achievements_sync()
        result = achievements_backfill(
            batch_size=batch_size, now=timezone.now(), after_user_id=after_user_id
        )
        self.stdout.write(
            f"achievements backfill: {result['users']} users, {result['awards']} awards, "
            f"last user {result['last_user_id']}"
        )
