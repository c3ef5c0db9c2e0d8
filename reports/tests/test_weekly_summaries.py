import datetime as dt

import pytest
from django.urls import reverse

from core.user_data import user_data_sections
from notifications.models import Notification
from reports.models import WeeklySummary
from reports.services import report_settings_update, weekly_summaries_send
from reports.tests.fixtures import fixture_write
from tests_support import assert_error

pytestmark = pytest.mark.django_db
# Monday 16 March 2026, 10:00 UTC: the summary of 9–15 March
MONDAY = dt.datetime(2026, 3, 16, 10, tzinfo=dt.UTC)
SETTINGS = reverse("report-settings")
SUMMARIES = reverse("report-weekly-summaries")


def test_the_summary_goes_out_once_on_the_chosen_day(user, other_user):
    fixture_write(user, other_user)
    report_settings_update(user=user, weekly_summary_weekday=0, now=MONDAY)
    assert weekly_summaries_send(now=MONDAY) == 1
    assert weekly_summaries_send(now=MONDAY + dt.timedelta(hours=3)) == 0  # idempotent
    summary = WeeklySummary.objects.get(user=user)
    content = summary.content
    assert (content["week_start"], content["week_end"]) == ("2026-03-09", "2026-03-15")
    # 9–15 March: Run 10 missed, 12 expired; Read 9, 10, 15 missed, 11 done
    assert (content["completions"], content["due"], content["completion_rate"]) == (1, 6, 0.1667)
    assert (content["mood"], content["mood_days"]) == (3.0, 5)
    # the 90 days to 15 March hold the fixture: Run's comparison is the headline
    assert content["headline"].startswith("On days you did “Run”")
    notification = Notification.objects.get(user=user, kind="weekly_summary")
    assert "Done 1 of 6 (17%)." in notification.body and content["headline"] in notification.body
    assert not WeeklySummary.objects.filter(user=other_user).exists()


def test_no_summary_on_another_day_before_the_hour_or_when_off(user, other_user):
    report_settings_update(user=user, weekly_summary_weekday=1, now=MONDAY)
    report_settings_update(user=other_user, weekly_summary_weekday=None, now=MONDAY)
    assert weekly_summaries_send(now=MONDAY) == 0
    early = dt.datetime(2026, 3, 17, 8, 59, tzinfo=dt.UTC)  # Tuesday, before 09:00
    assert weekly_summaries_send(now=early) == 0
    assert weekly_summaries_send(now=early + dt.timedelta(minutes=1)) == 1


@pytest.mark.parametrize(
    ("zone", "utc_moment", "week_end"),
    [
        # Monday 09:00 in Kiritimati (+14) is Sunday 19:00 UTC
        ("Pacific/Kiritimati", dt.datetime(2026, 3, 15, 19, 0, tzinfo=dt.UTC), "2026-03-15"),
        # Monday 09:00 in Pago Pago (−11) is Monday 20:00 UTC
        ("Pacific/Pago_Pago", dt.datetime(2026, 3, 16, 20, 0, tzinfo=dt.UTC), "2026-03-15"),
        # Monday 09:00 in Kolkata (+5:30) is Monday 03:30 UTC
        ("Asia/Kolkata", dt.datetime(2026, 3, 16, 3, 30, tzinfo=dt.UTC), "2026-03-15"),
    ],
)
def test_the_day_and_hour_are_the_users_own(user, zone, utc_moment, week_end):
    user.timezone = zone
    user.save(update_fields=["timezone"])
    report_settings_update(user=user, weekly_summary_weekday=0, now=utc_moment)
    assert weekly_summaries_send(now=utc_moment - dt.timedelta(minutes=1)) == 0
    assert weekly_summaries_send(now=utc_moment) == 1
    assert WeeklySummary.objects.get(user=user).week_end.isoformat() == week_end


def test_the_settings_api_turns_the_summary_on_and_off(auth_client):
    assert auth_client.get(SETTINGS).json() == {"weekly_summary_weekday": None}
    response = auth_client.put(SETTINGS, {"weekly_summary_weekday": 6}, format="json")
    assert response.status_code == 200 and response.json() == {"weekly_summary_weekday": 6}
    assert auth_client.get(SETTINGS).json() == {"weekly_summary_weekday": 6}
    off = auth_client.put(SETTINGS, {"weekly_summary_weekday": None}, format="json")
    assert off.json() == {"weekly_summary_weekday": None}


@pytest.mark.parametrize("value", [7, -1, "monday", 1.5])
def test_a_bad_weekday_is_a_400(auth_client, value):
    response = auth_client.put(SETTINGS, {"weekly_summary_weekday": value}, format="json")
    assert_error(response, 400, "invalid", "weekly_summary_weekday")


def test_the_settings_need_a_sign_in(api_client):
    assert_error(api_client.get(SETTINGS), 401, "not_authenticated")


def test_the_list_shows_my_summaries_newest_first(auth_client, user, other_user):
    for who in (user, other_user):
        report_settings_update(user=who, weekly_summary_weekday=0, now=MONDAY)
    weekly_summaries_send(now=MONDAY)
    weekly_summaries_send(now=MONDAY + dt.timedelta(days=7))
    body = auth_client.get(SUMMARIES).json()
    assert body["count"] == 2
    assert [s["week_end"] for s in body["results"]] == ["2026-03-22", "2026-03-15"]
    assert body["results"][0]["content"]["due"] == 0


def test_export_and_wipe_include_the_reports(user, other_user):
    fixture_write(user, other_user)
    report_settings_update(user=user, weekly_summary_weekday=0, now=MONDAY)
    weekly_summaries_send(now=MONDAY)
    section = next(s for s in user_data_sections() if s.name == "reports")
    exported = section.export(user)
    assert exported["weekly_summary_weekday"] == 0
    assert [s["week_end"] for s in exported["weekly_summaries"]] == ["2026-03-15"]
    section.wipe(user)
    assert section.export(user) == {"weekly_summary_weekday": None, "weekly_summaries": []}
