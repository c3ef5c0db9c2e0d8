from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from notifications.models import Delivery, Notification
from notifications.services import NotificationRow, notifications_write
from tests_support import assert_error, bind

pytestmark = pytest.mark.django_db

FEED = reverse("notifications")
READ_ALL = reverse("notifications-read-all")
SETTINGS = reverse("notification-settings")
T0 = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def _read_url(pk):
    return reverse("notification-read", args=[pk])


def _notify(user, n, **kwargs):
    return Notification.objects.create(
        user=user,
        kind="reminder",
        title=f"N{n}",
        body="b",
        dedupe_key=f"k{n}",
        created_at=T0 + timedelta(minutes=n),
        **kwargs,
    )


def test_feed_is_newest_first_twenty_a_page_with_the_unread_count(
    auth_client, user, other_user, django_assert_max_num_queries
):
    for n in range(25):
        _notify(user, n, read_at=T0 if n < 5 else None)
    _notify(other_user, 99)
    with django_assert_max_num_queries(6):
        body = auth_client.get(FEED).json()
    assert body["count"] == 25 and body["unread_count"] == 20
    assert [item["title"] for item in body["results"][:2]] == ["N24", "N23"]
    assert len(body["results"]) == 20
    assert set(body["results"][0]) == {
        "id",
        "kind",
        "title",
        "body",
        "payload",
        "created_at",
        "read_at",
    }


def test_mark_one_read(auth_client, user):
    notification = _notify(user, 1)
    response = auth_client.post(_read_url(notification.pk))
    assert response.status_code == 200 and response.json()["read_at"]
    assert auth_client.get(FEED).json()["unread_count"] == 0


def test_another_users_notification_is_404(auth_client, other_user):
    theirs = _notify(other_user, 1)
    assert_error(auth_client.post(_read_url(theirs.pk)), 404, "not_found")
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read(auth_client, user, other_user):
    _notify(user, 1)
    _notify(user, 2)
    theirs = _notify(other_user, 3)
    assert auth_client.post(READ_ALL).json() == {"updated": 2}
    assert auth_client.post(READ_ALL).json() == {"updated": 0}
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_settings_defaults(auth_client, telegram_on):
    assert auth_client.get(SETTINGS).json() == {
        "telegram_enabled": True,
        "email_enabled": False,
        "push_enabled": True,  # reaches nothing until a device subscribes
        "quiet_hours_start": None,
        "quiet_hours_end": None,
        "digest_time": None,
        "journal_nudge_time": None,  # the journal nudge is off by default
        "telegram_available": True,
        "email_available": True,
        "push_available": False,  # the tests' server has no VAPID keys
        "delivering_channels": [],  # Telegram is on but no chat is bound yet
    }


# --- issue 12, item 17: defaults that work, and saying what delivers ---------------------------


def test_without_a_bot_new_users_default_to_email(auth_client, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    body = auth_client.get(SETTINGS).json()
    assert (body["telegram_enabled"], body["email_enabled"]) == (False, True)
    assert body["delivering_channels"] == ["email"]


def test_with_neither_bot_nor_mail_no_channel_is_on_or_delivering(auth_client, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    body = auth_client.get(SETTINGS).json()
    assert (body["telegram_enabled"], body["email_enabled"]) == (False, False)
    assert body["delivering_channels"] == []


def test_a_bound_chat_delivers_by_default_with_a_bot(auth_client, user, telegram_on):
    bind(user, chat_id=5)
    assert auth_client.get(SETTINGS).json()["delivering_channels"] == ["telegram"]


def test_a_saved_choice_wins_over_the_default_and_says_what_cannot_deliver(
    auth_client, user, settings
):
    settings.TELEGRAM_BOT_TOKEN = ""
    body = {
        "telegram_enabled": True,
        "email_enabled": False,
        "quiet_hours_start": None,
        "quiet_hours_end": None,
        "digest_time": None,
    }
    saved = auth_client.put(SETTINGS, body, format="json").json()
    assert (saved["telegram_enabled"], saved["email_enabled"]) == (True, False)
    assert saved["telegram_available"] is False
    assert saved["delivering_channels"] == []


def test_without_a_bot_a_new_users_reminder_goes_out_by_email(user, settings):
    """The outbox follows the same default: a user who never saved settings gets an email
    delivery when there is no bot (issue 12, item 17)."""
    settings.TELEGRAM_BOT_TOKEN = ""
    notifications_write(
        rows=[
            NotificationRow(
                user_id=user.pk, kind="reminder", title="Time", body="b", dedupe_key="r1"
            )
        ],
        now=T0,
    )
    assert list(Delivery.objects.values_list("channel", flat=True)) == ["email"]


def test_settings_are_saved_per_user(auth_client, other_client, telegram_on):
    body = {
        "telegram_enabled": False,
        "email_enabled": True,
        "quiet_hours_start": "22:00:00",
        "quiet_hours_end": "07:00",
        "digest_time": "20:30",
    }
    response = auth_client.put(SETTINGS, body, format="json")
    assert response.status_code == 200
    saved = auth_client.get(SETTINGS).json()
    assert (saved["quiet_hours_start"], saved["quiet_hours_end"], saved["digest_time"]) == (
        "22:00:00",
        "07:00:00",
        "20:30:00",
    )
    assert saved["telegram_enabled"] is False and saved["email_enabled"] is True
    assert other_client.get(SETTINGS).json()["email_enabled"] is False


@pytest.mark.parametrize(
    "change,field",
    [
        ({"quiet_hours_start": "22:00", "quiet_hours_end": None}, "quiet_hours_end"),
        ({"quiet_hours_start": "22:00", "quiet_hours_end": "22:00"}, "quiet_hours_end"),
        ({"digest_time": "25:00"}, "digest_time"),
        ({"telegram_enabled": None}, "telegram_enabled"),
    ],
)
def test_settings_are_validated(auth_client, change, field):
    body = {
        "telegram_enabled": True,
        "email_enabled": False,
        "quiet_hours_start": None,
        "quiet_hours_end": None,
        "digest_time": None,
        **change,
    }
    assert_error(auth_client.put(SETTINGS, body, format="json"), 400, "invalid", field)


def test_settings_show_channels_that_are_switched_off(auth_client, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    body = auth_client.get(SETTINGS).json()
    assert (body["telegram_available"], body["email_available"]) == (False, False)


@pytest.mark.parametrize(
    "method,url",
    [
        ("get", FEED),
        ("post", READ_ALL),
        ("post", "/api/notifications/1/read/"),
        ("get", SETTINGS),
        ("put", SETTINGS),
    ],
)
def test_notification_endpoints_need_auth(api_client, method, url):
    assert_error(getattr(api_client, method)(url), 401, "not_authenticated")


def test_export_includes_notifications_and_settings(auth_client, user, telegram_on):
    _notify(user, 1)
    export = auth_client.get(reverse("account-export")).json()["notifications"]
    assert export["notifications"][0]["title"] == "N1"
    assert export["settings"]["telegram_enabled"] is True
    auth_client.delete(reverse("account-data"))
    assert not Notification.objects.filter(user=user).exists()
