from django.core.management.base import BaseCommand

from achievements.services import achievements_sync


class Command(BaseCommand):
    help = (
        "Writes the achievements catalogue (achievements/catalogue.py) to the database. Idempotent."
    )

    def handle(self, *args, **options):
        result = achievements_sync()
        self.stdout.write(
            "achievements: {created} created, {updated} updated, {unlisted} unlisted".format(
                **result
            )
        )
