"""The last backup on the operators' health page (core.operations): whether the site could be
restored from last night is the first thing an operator asks about backups."""

from django.conf import settings
from django.utils import timezone

from backups.models import Backup, BackupStatus
from core.operations import StatusRow


def last_backup_rows() -> list[StatusRow]:
    succeeded = Backup.objects.filter(status=BackupStatus.SUCCEEDED).first()
    failed = Backup.objects.filter(status=BackupStatus.FAILED).first()
    rows = []
    if succeeded is None:
        rows.append(StatusRow("last success", "none", ok=False))
    else:
        age_hours = (timezone.now() - succeeded.started_at).total_seconds() / 3600
        # a scheduled backup more than a day overdue means the schedule or the storage is broken
        due_hours = settings.BACKUP_INTERVAL_HOURS + 24 if settings.BACKUP_INTERVAL_HOURS else None
        rows.append(
            StatusRow(
                "last success",
                f"{succeeded.name} ({age_hours:.0f} h ago, {succeeded.size_bytes or 0:,} bytes)",
                ok=due_hours is None or age_hours < due_hours,
            )
        )
    if failed is not None and (succeeded is None or failed.started_at > succeeded.started_at):
        rows.append(StatusRow("last attempt failed", f"{failed.name}: {failed.error[:200]}", False))
    return rows
