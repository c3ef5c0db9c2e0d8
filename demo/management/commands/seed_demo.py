"""python manage.py seed_demo --users N --habits-per-user M --days D

Realistic demo or scale data in bulk: users spread over many timezones, pleasant/useful habit
pairs, D days of history with a mix of statuses, and today's instances. 1,000 x 10 x 365 takes
seconds on PostgreSQL.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo.services import demo_data_seed, demo_email
from demo.showcase import demo_account_showcase
from users.models import User

DEFAULT_PASSWORD = "atomic-habits-demo"


class Command(BaseCommand):
    help = "Creates demo users with habits and a history of instances (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=1)
        parser.add_argument("--habits-per-user", type=int, default=8)
        parser.add_argument("--days", type=int, default=365, help="days of history")
        parser.add_argument("--email-prefix", default="demo")
        parser.add_argument("--password", default=DEFAULT_PASSWORD)
        parser.add_argument("--seed", type=int, default=42, help="same seed, same data")
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="do nothing (but print the credentials) when the first demo user exists",
        )

    def handle(self, *args, **options):
        count, prefix = options["users"], options["email_prefix"]
        if count < 1 or options["habits_per_user"] < 1 or options["days"] < 0:
            raise CommandError("--users and --habits-per-user must be >= 1, --days >= 0.")
        first = demo_email(prefix=prefix, number=0, count=count)
        if User.objects.filter(email=first).exists():
            if not options["if_missing"]:
                raise CommandError(f"{first} already exists: choose another --email-prefix.")
            self._print_credentials(first, options["password"], count)
            return
        started, now = time.perf_counter(), timezone.now()
        result = demo_data_seed(
            users=count,
            habits_per_user=options["habits_per_user"],
            days=options["days"],
            now=now,
            password=options["password"],
            email_prefix=prefix,
            seed=options["seed"],
        )
        demo_account_showcase(user=User.objects.get(email=first), now=now)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Created {len(result.user_ids)} users, {len(result.habit_ids)} habits and "
            f"{result.instances} instances in {elapsed:.1f} s."
        )
        self._print_credentials(first, options["password"], count)

    def _print_credentials(self, first: str, password: str, count: int):
        more = f" (and {count - 1} more like it)" if count > 1 else ""
        self.stdout.write(self.style.SUCCESS(f"Demo account: {first}{more}  password: {password}"))
