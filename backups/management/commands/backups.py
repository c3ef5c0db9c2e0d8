from django.core.management.base import BaseCommand

from backups.services.backups import backups_list


class Command(BaseCommand):
    help = "Lists the backups in the object storage, oldest first, one name a line."

    def handle(self, *args, **options):
        for name in backups_list():
            self.stdout.write(name)
