"""GET /api/account/export/?format=json|csv|xlsx and its jobs for large exports."""

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from imports.models import ExportJob
from imports.tasks import export_job_run_task
from tests_support import assert_error

UTC = dt.UTC


@pytest.fixture
def history(user):
    habit = HabitFactory(user=user, name="Read", place='=HYPERLINK("http://evil")')
    for offset in range(10):
        day = dt.date(2026, 1, 1) + dt.timedelta(days=offset)
        HabitInstanceFactory(
            habit=habit,
            date=day,
            status="completed" if offset % 3 else "missed",
            completed_at=dt.datetime(2026, 1, 1 + offset, 8, tzinfo=UTC) if offset % 3 else None,
        )
    return habit


def test_no_auth_is_401(api_client):
    assert_error(api_client.get("/api/account/export/?format=xlsx"), 401, "not_authenticated")


@pytest.mark.parametrize("value", ["pdf", ""])
def test_an_unknown_or_empty_format_is_400(auth_client, value):
    assert_error(auth_client.get(f"/api/account/export/?format={value}"), 400, "invalid", "format")


def test_json_is_the_default_and_holds_every_section(auth_client, history):
    response = auth_client.get("/api/account/export/")
    assert response["Content-Type"] == "application/json"
    assert 'filename="atomic-habits-export.json"' in response["Content-Disposition"]
    body = json.loads(response.content)
    assert {"account", "habits", "imports"} <= set(body)
    assert len(body["habits"][0]["instances"]) == 10


def test_csv_is_a_zip_of_tables_with_the_instances_apart(auth_client, history):
    response = auth_client.get("/api/account/export/?format=csv")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"account.csv", "habits.csv", "habits_instances.csv"} <= set(archive.namelist())
    rows = list(csv.DictReader(io.StringIO(archive.read("habits_instances.csv").decode())))
    assert len(rows) == 10
    assert {row["habits_id"] for row in rows} == {str(history.pk)}
    assert rows[0]["date"] == "2026-01-01" and rows[0]["status"] == "missed"
    habits = list(csv.DictReader(io.StringIO(archive.read("habits.csv").decode())))
    assert habits[0]["name"] == "Read" and "instances" not in habits[0]


def test_xlsx_is_a_dashboard_with_a_sheet_per_habit_and_charts(auth_client, history):
    response = auth_client.get("/api/account/export/?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Summary", "Read", "export.json"]
    assert workbook["export.json"].sheet_state == "hidden"
    summary = workbook["Summary"]
    assert [type(chart).__name__ for chart in summary._charts] == ["BarChart"]  # no mood yet
    weeks = {
        row[0].date(): row[1]
        for row in summary.iter_rows(min_row=5, max_col=2, values_only=True)
        if isinstance(row[0], dt.datetime)
    }
    # 2026-01-01 is a Thursday: that week holds 4 days, 2 completed (offsets 1 and 2)
    assert weeks == {dt.date(2025, 12, 29): 2, dt.date(2026, 1, 5): 4}
    habit_sheet = workbook["Read"]
    history_rows = [
        row for row in habit_sheet.iter_rows(values_only=True) if isinstance(row[0], dt.datetime)
    ]
    assert len(history_rows) == 10
    place = next(c for c in habit_sheet["B"] if c.value and "HYPERLINK" in str(c.value))
    assert place.data_type == "s"  # what the user typed is text, never a formula


def test_a_large_export_is_a_job_whose_link_downloads_the_file(
    auth_client, history, settings, file_storage, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 5
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = auth_client.get("/api/account/export/?format=xlsx")
    assert response.status_code == 202, response.content
    job = response.json()
    assert (job["status"], job["format"], job["download_url"]) == ("queued", "xlsx", None)
    assert len(callbacks) == 1
    export_job_run_task(job["id"])
    export_job_run_task(job["id"])  # a second delivery finds it taken
    shown = auth_client.get(f"/api/account/export/jobs/{job['id']}/").json()
    assert shown["status"] == "succeeded" and shown["download_url"]
    download = auth_client.get(shown["download_url"])
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert load_workbook(io.BytesIO(content)).sheetnames == ["Summary", "Read", "export.json"]
    assert ExportJob.objects.count() == 1


def test_another_users_export_job_is_404(user, other_client):
    job = ExportJob.objects.create(user=user, format="json", created_at=dt.datetime.now(UTC))
    assert_error(other_client.get(f"/api/account/export/jobs/{job.pk}/"), 404, "not_found")


def test_the_wipe_removes_the_jobs_and_their_files(
    auth_client, user, history, settings, file_storage, django_capture_on_commit_callbacks
):
    from users.services import user_wipe_data

    settings.EXPORT_INLINE_MAX_ROWS = 0
    job_id = auth_client.get("/api/account/export/?format=csv").json()["id"]
    export_job_run_task(job_id)
    key = ExportJob.objects.get().file_key
    assert (file_storage / key).exists()
    with django_capture_on_commit_callbacks(execute=True):
        user_wipe_data(user=user)
    assert not ExportJob.objects.exists()
    assert not (file_storage / key).exists()
