from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from backups.models import BackupStatus, BackupTrigger
from backups.services.backups import backup_create


class Command(BaseCommand):
    help = "Backs up the database and the stored files to the object storage now."

    def handle(self, *args, **options):
        run = backup_create(now=timezone.now(), trigger=BackupTrigger.COMMAND)
        if run.status != BackupStatus.SUCCEEDED:
            raise CommandError(f"backup {run.name} failed: {run.error}")
        self.stdout.write(run.name)
