from django.core.management.base import BaseCommand, CommandError

from backups.services.backups import BackupRestoreRefused, backup_restore
from core.exceptions import NotFound


class Command(BaseCommand):
    help = (
        "Replaces the whole database and every stored file with those of a backup "
        "(its name from `manage.py backups`). Stop the web, worker, beat and bot processes first."
    )

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, name, interactive, **options):
        if interactive:
            try:
                answer = input(
                    f"This replaces ALL data of this site with the backup {name}.\n"
                    "Type 'yes' to continue, anything else to cancel: "
                )
            except EOFError:  # no terminal to ask: a script must say --noinput
                answer = ""
            if answer != "yes":
                raise CommandError("restore cancelled")
        try:
            manifest = backup_restore(name=name)
        except (NotFound, BackupRestoreRefused) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {name} ({manifest['files']} files)")
