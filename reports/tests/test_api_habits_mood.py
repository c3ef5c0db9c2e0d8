import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from habit_instances.services.sweeps import habit_instances_sweep
from habit_instances.services.transitions import habit_instance_mark_completed
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from journal.events import announce_journal_changed
from notifications.models import Notification
from reports.models import ReportJob
from reports.services import habits_mood_report_compute, report_job_run
from reports.tests.fixtures import FIRST, LAST, entries_write, fixture_write, march
from tests_support import assert_error, client_for

pytestmark = pytest.mark.django_db
URL = reverse("report-habits-mood")
NOW = dt.datetime(2026, 3, 16, 12, tzinfo=dt.UTC)


def job_url(pk):
    return reverse("report-job", args=[pk])


def test_a_short_range_is_answered_at_once(auth_client, user, other_user):
    run, _ = fixture_write(user, other_user)
    response = auth_client.get(URL, {"from": "2026-03-02", "to": "2026-03-15"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["from"], data["to"]) == ("2026-03-02", "2026-03-15")
    row = next(h for h in data["habits"] if h["habit_id"] == run.pk)
    assert (row["mood_done"], row["mood_not_done"], row["difference"]) == (4.5, 1.83, 2.67)


def test_an_anonymous_request_is_refused(api_client):
    assert_error(
        api_client.get(URL, {"from": "2026-03-02", "to": "2026-03-15"}), 401, "not_authenticated"
    )


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"to": "2026-03-15"}, "from"),
        ({"from": "2026-03-02"}, "to"),
        ({"from": "2026-02-30", "to": "2026-03-15"}, "from"),
        ({"from": "yesterday", "to": "2026-03-15"}, "from"),
        ({"from": "2026-03-15", "to": "2026-03-02"}, "to"),
        ({"from": "2024-01-01", "to": "2026-03-15"}, "to"),  # longer than REPORTS_MAX_DAYS
    ],
)
def test_a_bad_range_is_a_400_naming_the_field(auth_client, query, field):
    assert_error(auth_client.get(URL, query), 400, "invalid", field)


def _queries_for(client, query) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, query).status_code == 200
    return len(captured)


def test_the_report_costs_the_same_queries_whatever_the_rows(auth_client, user, other_user):
    query = {"from": "2026-03-02", "to": "2026-03-15"}
    _queries_for(auth_client, {"from": "2026-01-01", "to": "2026-01-02"})  # the user, remembered
    empty = _queries_for(auth_client, query)
    fixture_write(user, other_user)
    for day in range(1, 29):
        habit = HabitFactory(user=user, name=f"Habit {day}", start_date=FIRST)
        HabitInstanceFactory(habit=habit, date=march(day % 14 + 2), status="completed")
    entries_write(user, {day: [3, 4] for day in range(2, 16)})
    announce_journal_changed(user_id=user.pk, dates=[], now=NOW)  # the ORM writes announce nothing
    # the instances with their habits' names, the entries
    assert _queries_for(auth_client, query) == empty == 2


def test_a_cached_report_reads_no_rows(auth_client, user, other_user):
    query = {"from": "2026-01-05", "to": "2026-01-11"}
    fixture_write(user, other_user)
    _queries_for(auth_client, query)
    assert _queries_for(auth_client, query) == 0


# before the open day's (15 March, 07:30) deadline: a later clock would find the cached report
# stale, as the sweep would expire that day (test_the_sweep_expiring_an_open_day_...)
JOB_NOW = dt.datetime(2026, 3, 15, 6, tzinfo=dt.UTC)


@time_machine.travel(JOB_NOW, tick=False)
def test_a_long_range_starts_a_job_that_the_worker_fills(user, other_user):
    auth_client = client_for(user)  # a token of the travelled-to clock
    fixture_write(user, other_user)
    query = {"from": "2025-12-01", "to": "2026-03-15"}  # 105 days
    response = auth_client.get(URL, query)
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["status"] == "queued" and job["result"] is None
    assert auth_client.get(URL, query).json()["id"] == job["id"]  # the same range, the same job

    assert report_job_run(job_id=job["id"], now=JOB_NOW) == "succeeded"
    assert report_job_run(job_id=job["id"], now=JOB_NOW) is None  # a second run does nothing
    body = auth_client.get(job_url(job["id"])).json()
    assert body["status"] == "succeeded" and body["finished_at"]
    assert [h["name"] for h in body["result"]["habits"]] == ["Read", "Run"]
    ready = Notification.objects.get(user=user, kind="report_ready")
    assert ready.payload == {"report_job_id": job["id"]} and "Mar 2026" in ready.body
    # now cached: the same range is answered at once, with the job's numbers
    again = auth_client.get(URL, query)
    assert again.status_code == 200 and again.json()["habits"] == body["result"]["habits"]


def test_another_users_job_is_not_found(auth_client, other_user):
    theirs = ReportJob.objects.create(
        user=other_user, date_from=FIRST, date_to=LAST, created_at=NOW
    )
    assert_error(auth_client.get(job_url(theirs.pk)), 404, "not_found")
    assert_error(auth_client.get(job_url(987654)), 404, "not_found")


def test_the_cache_holds_until_the_journal_announces_a_change(user):
    entries_write(user, {2: [2]})
    compute = {"user_id": user.pk, "date_from": FIRST, "date_to": LAST, "now": NOW}
    assert habits_mood_report_compute(**compute)["mood"] == 2.0
    entries_write(user, {3: [4]})
    assert habits_mood_report_compute(**compute)["mood"] == 2.0  # cached
    announce_journal_changed(user_id=user.pk, dates=[march(3)], now=NOW)
    assert habits_mood_report_compute(**compute)["mood"] == 3.0


def test_a_mark_makes_the_report_stale(user):
    habit = HabitFactory(user=user, name="Run", start_date=FIRST)
    instance = HabitInstanceFactory(habit=habit, date=march(10), status="pending")
    compute = {
        "user_id": user.pk,
        "date_from": FIRST,
        "date_to": LAST,
        "now": instance.scheduled_at,
    }
    assert habits_mood_report_compute(**compute)["habits"][0]["completions"] == 0
    habit_instance_mark_completed(user=user, instance_id=instance.pk, now=instance.scheduled_at)
    assert habits_mood_report_compute(**compute)["habits"][0]["completions"] == 1


def test_the_sweep_expiring_an_open_day_makes_the_report_stale(user):
    habit = HabitFactory(user=user, name="Run", start_date=FIRST)
    instance = HabitInstanceFactory(habit=habit, date=march(10), status="pending")
    before = instance.scheduled_at
    compute = {"user_id": user.pk, "date_from": FIRST, "date_to": LAST}
    assert habits_mood_report_compute(**compute, now=before)["habits"][0]["due"] == 0
    after = instance.fix_deadline + dt.timedelta(minutes=1)
    habit_instances_sweep(now=after)
    # a reader whose clock is still before the deadline sees the sweep's mark
    assert habits_mood_report_compute(**compute, now=before)["habits"][0]["due"] == 1
