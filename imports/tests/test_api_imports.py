"""POST /api/imports/ and GET /api/imports/{id}/: errors, ownership, limits, atomicity."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from habit_instances.models import HabitInstance
from habits.models import Habit
from imports.models import ImportJob
from imports.tests.files import BEAVER_FIXTURE, LOOP_FIXTURE, beaver_json, loop_zip
from tests_support import assert_error


def test_no_auth_is_401(api_client):
    assert_error(api_client.post("/api/imports/", {}, format="multipart"), 401, "not_authenticated")
    assert_error(api_client.get("/api/imports/1/"), 401, "not_authenticated")


def test_without_a_file_is_400_naming_the_field(auth_client):
    assert_error(auth_client.post("/api/imports/", {}, format="multipart"), 400, "invalid", "file")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello, this is text", "neither a zip archive nor JSON"),
        (b'{"something": []}', "neither a Beaver Habit Tracker export"),
        (b"PK\x03\x04broken", "not a readable zip archive"),
    ],
)
def test_a_file_of_no_known_kind_is_400_and_no_job(upload, data, message):
    response, _ = upload(data, "file.bin")
    error = assert_error(response, 400, "import_file_invalid", "file")
    assert message in error["message"]
    assert not ImportJob.objects.exists()


def test_a_malformed_loop_row_is_400_saying_where_and_changes_nothing(upload, user):
    broken = [
        dict(LOOP_FIXTURE[0], checks=[("2026-01-01", "YES_MANUAL", ""), ("not-a-day", "NO", "")])
    ]
    response, _ = upload(loop_zip([LOOP_FIXTURE[1], *broken]))
    error = assert_error(response, 400, "import_file_invalid", "file")
    assert error["message"] == "002 Meditate/Checkmarks.csv line 3: 'not-a-day' is not a date."
    assert not Habit.objects.exists() and not ImportJob.objects.exists()


def test_a_habit_that_breaks_the_rules_fails_the_job_and_changes_nothing(upload, user):
    """Parsed at upload, refused by the habit rules when written: the first habit, already
    written in the same transaction, is rolled back with it."""
    document = {
        "habits": [
            {"id": 1, "name": "Fine", "action": "a", "place": "p", "time_of_day": "08:00",
             "reward_text": "tea", "instances": [{"date": "2026-01-01", "status": "completed"}]},
            {"id": 2, "name": "Broken", "action": "a", "place": "p", "time_of_day": "08:00",
             "reward_text": "", "instances": []},
        ]
    }  # fmt: skip
    response, job = upload(json.dumps(document).encode(), "export.json")
    assert response.status_code == 202
    assert job["status"] == "failed"
    assert job["error"].startswith('Habit "Broken": non_field_errors: A useful habit needs')
    assert not Habit.objects.exists() and not HabitInstance.objects.exists()


def test_a_named_source_that_is_not_the_files_is_400(upload):
    response, _ = upload(beaver_json(BEAVER_FIXTURE), "b.json", source="loop")
    assert "not Loop Habit Tracker" in assert_error(response, 400, "import_file_invalid")["message"]


def test_an_unknown_source_is_400(upload):
    response, _ = upload(beaver_json(BEAVER_FIXTURE), "b.json", source="daylio")
    assert_error(response, 400, "invalid", "source")


def test_a_file_over_the_limit_is_413(upload, settings):
    settings.IMPORT_MAX_BYTES = 1000
    response, _ = upload(b"{" + b" " * 2000 + b"}", "big.json")
    assert_error(response, 413, "file_too_large")


def test_a_zip_bomb_is_refused_before_it_is_inflated(upload, settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Habits.csv", "Position,Name\n")
        archive.writestr("001 Bomb/Checkmarks.csv", b"0" * (5 * 1024 * 1024))
    assert len(output.getvalue()) < 20 * 1024  # small on the wire
    response, _ = upload(output.getvalue(), "bomb.zip")
    error = assert_error(response, 400, "import_file_invalid")
    assert "more than the import size limit" in error["message"]


def test_another_users_job_is_404(upload, other_client):
    response, job = upload(beaver_json(BEAVER_FIXTURE), "b.json")
    assert_error(other_client.get(f"/api/imports/{job['id']}/"), 404, "not_found")
    assert_error(other_client.get("/api/imports/99999999/"), 404, "not_found")


def test_a_new_job_is_queued_with_its_source_and_runs_once(
    auth_client, file_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = auth_client.post(
            "/api/imports/",
            {"file": SimpleUploadedFile("l.zip", loop_zip(LOOP_FIXTURE))},
            format="multipart",
        )
    assert response.status_code == 202
    body = response.json()
    assert (body["status"], body["source"], body["progress"]) == ("queued", "loop", 0)
    assert len(callbacks) == 1  # the task is sent once the job is committed
    from imports.tasks import import_job_run_task

    key = ImportJob.objects.get().file_key
    assert (file_storage / key).exists()
    with django_capture_on_commit_callbacks(execute=True):
        import_job_run_task(body["id"])
        import_job_run_task(body["id"])  # a second delivery finds the job taken
    assert Habit.objects.count() == 3
    job = ImportJob.objects.get()
    assert (job.status, job.file_key) == ("succeeded", "")
    assert not (file_storage / key).exists()  # the upload is removed once imported


@pytest.mark.slow
def test_a_few_thousand_rows_import_in_a_bounded_number_of_queries(
    upload, user, django_assert_max_num_queries
):
    import datetime as dt

    from imports.services.writer import import_plan_write
    from imports.sources import import_plan_read

    days = [dt.date(2020, 1, 1) + dt.timedelta(days=n) for n in range(1200)]
    habits = [
        {"name": f"Habit {h}", "times": 1, "days": 1,
         "checks": [(d.isoformat(), "YES_MANUAL" if d.day % 3 else "NO", "") for d in days]}
        for h in range(3)
    ]  # fmt: skip
    plan = import_plan_read(data=loop_zip(habits), source="loop")
    from django.utils import timezone

    # SQLite binds at most 999 values a statement (Django's max_query_params): the 3,600
    # instances go in batches of about 80 rows there, in one statement per table on PostgreSQL.
    bound = 60 if connection.vendor == "postgresql" else 60 + 3600 // 80
    with django_assert_max_num_queries(bound):
        report = import_plan_write(user=user, plan=plan, now=timezone.now())
    assert report["created"]["check_ins"] == 3600
    assert (
        HabitInstance.objects.filter(habit__user=user, date__lt=dt.date(2024, 1, 1)).count() == 3600
    )
