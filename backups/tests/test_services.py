"""Making, listing, pruning and failing backups (real database dumps, real storage)."""

import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from backups.archive_format import backup_key_for
from backups.crypto import MAGIC, encryption_key_new
from backups.models import Backup, BackupStatus, BackupTrigger
from backups.services.backups import backup_create, backup_scheduled, backups_list, backups_prune
from core.storage import storage_keys_list, storage_object_read

NOW = dt.datetime(2026, 3, 12, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def storage(file_storage, settings):
    settings.BACKUP_ENCRYPTION_KEY = ""
    return file_storage


def test_an_encrypted_backup_is_stored_encrypted(db, storage, settings):
    settings.BACKUP_ENCRYPTION_KEY = encryption_key_new()
    run = backup_create(now=NOW)
    assert run.status == BackupStatus.SUCCEEDED and run.encrypted
    key = backup_key_for(run.name, encrypted=True)
    assert run.key == key
    assert storage_object_read(key=key).startswith(MAGIC)
    assert backups_list() == [run.name]


def test_a_restore_of_an_encrypted_backup_without_the_key_is_refused(db, storage, settings):
    settings.BACKUP_ENCRYPTION_KEY = encryption_key_new()
    run = backup_create(now=NOW)
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="encrypted"):
        call_command("restore", run.name, "--noinput")


def test_restore_without_noinput_asks_and_a_no_cancels(db, storage, monkeypatch):
    run = backup_create(now=NOW)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")  # the operator at the terminal
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", run.name)
    assert Backup.objects.get().status == BackupStatus.SUCCEEDED  # nothing was touched


def test_restore_of_an_unknown_name_is_a_clear_error(db, storage):
    with pytest.raises(CommandError, match="no backup named"):
        call_command("restore", "aht-20200101T000000Z", "--noinput")
    with pytest.raises(CommandError, match="no backup named"):
        call_command("restore", "../../etc/passwd", "--noinput")


def test_the_commands_make_and_list_backups_one_name_a_line(db, storage, capsys):
    call_command("backup")
    made = capsys.readouterr().out.strip()
    call_command("backups")
    assert capsys.readouterr().out.splitlines() == [made]
    assert Backup.objects.get().trigger == BackupTrigger.COMMAND


def test_a_failed_backup_is_recorded_mailed_logged_and_shown_in_the_admin(
    db, storage, settings, caplog, admin_client
):
    settings.ADMINS = [("ops@example.com", "ops@example.com")]
    settings.BACKUP_ENCRYPTION_KEY = "not-a-key"  # a misconfiguration fails the run, not the site
    run = backup_create(now=NOW)
    assert run.status == BackupStatus.FAILED
    assert "BACKUP_ENCRYPTION_KEY" in run.error and run.duration_seconds is not None
    assert [message.subject for message in mail.outbox] == [
        f"{settings.EMAIL_SUBJECT_PREFIX}Backup {run.name} failed"
    ]
    assert mail.outbox[0].to == ["ops@example.com"]
    assert f"backup {run.name} failed" in caplog.text
    assert backups_list() == []
    page = admin_client.get(reverse("admin:backups_backup_changelist"))
    assert page.status_code == 200
    assert run.name in page.content.decode() and "BACKUP_ENCRYPTION_KEY" in page.content.decode()
    assert not site._registry[Backup].has_add_permission(page.wsgi_request)


def test_the_manage_command_fails_loudly_when_the_backup_fails(db, storage, settings):
    settings.BACKUP_ENCRYPTION_KEY = "not-a-key"
    with pytest.raises(CommandError, match="failed"):
        call_command("backup")


def test_the_schedule_backs_up_once_per_interval(db, storage, settings):
    settings.BACKUP_INTERVAL_HOURS = 24
    first = backup_scheduled(now=NOW)
    assert first.trigger == BackupTrigger.SCHEDULE
    # the hourly beat: nothing until the day has (nearly) passed, twice to prove idempotency
    for hours in (1, 1, 23):
        assert backup_scheduled(now=NOW + dt.timedelta(hours=hours)) is None
    assert backup_scheduled(now=NOW + dt.timedelta(hours=23, minutes=45)) is not None
    assert Backup.objects.count() == 2


def test_the_schedule_is_off_at_zero_hours(db, storage, settings):
    settings.BACKUP_INTERVAL_HOURS = 0
    assert backup_scheduled(now=NOW) is None
    assert not Backup.objects.exists()


def test_pruning_keeps_the_retention_and_marks_the_pruned_runs(db, storage, settings):
    settings.BACKUP_KEEP_WEEKLY = 1
    settings.BACKUP_KEEP_DAILY = 100  # each run prunes too: all four are made first
    moments = [NOW - dt.timedelta(days=days) for days in (9, 2, 1, 0)]
    runs = [backup_create(now=moment) for moment in moments]
    settings.BACKUP_KEEP_DAILY = 2
    assert backups_prune(now=NOW) == [runs[0].name, runs[1].name]
    assert backups_list() == [runs[2].name, runs[3].name]
    assert {run.name for run in Backup.objects.filter(pruned_at=NOW)} == {
        runs[0].name,
        runs[1].name,
    }
    assert backups_prune(now=NOW) == []  # twice: nothing more goes
    assert len([key for key in storage_keys_list() if key.startswith("backups/")]) == 2
