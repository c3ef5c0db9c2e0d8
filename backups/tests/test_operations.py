from datetime import timedelta

import pytest
from django.utils import timezone

from backups.models import Backup, BackupStatus, BackupTrigger
from backups.operations import last_backup_rows

pytestmark = pytest.mark.django_db


def _backup(name, status, hours_ago, error=""):
    started = timezone.now() - timedelta(hours=hours_ago)
    return Backup.objects.create(
        name=name,
        trigger=BackupTrigger.SCHEDULE,
        status=status,
        started_at=started,
        size_bytes=1234,
        error=error,
    )


def test_no_backup_yet_is_a_problem():
    assert [(r.label, r.ok) for r in last_backup_rows()] == [("last success", False)]


def test_a_recent_success_is_fine_and_a_later_failure_shows(settings):
    settings.BACKUP_INTERVAL_HOURS = 24
    _backup("b1", BackupStatus.SUCCEEDED, hours_ago=3)
    assert [(r.label, r.ok) for r in last_backup_rows()] == [("last success", True)]
    _backup("b2", BackupStatus.FAILED, hours_ago=1, error="storage refused")
    rows = last_backup_rows()
    assert [(r.label, r.ok) for r in rows] == [
        ("last success", True),
        ("last attempt failed", False),
    ]
    assert "storage refused" in rows[1].value


def test_an_overdue_success_is_a_problem(settings):
    settings.BACKUP_INTERVAL_HOURS = 24
    _backup("old", BackupStatus.SUCCEEDED, hours_ago=60)
    assert last_backup_rows()[0].ok is False
