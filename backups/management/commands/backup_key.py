from django.core.management.base import BaseCommand

from backups.crypto import encryption_key_new


class Command(BaseCommand):
    help = "Prints a new random BACKUP_ENCRYPTION_KEY (keep it safe, and apart from the backups)."

    def handle(self, *args, **options):
        self.stdout.write(encryption_key_new())
