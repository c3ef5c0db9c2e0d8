"""Done and Skip from a notification's buttons: the signed token acts once, until the
instance's fix deadline, without a JWT, through the same services as the API."""

from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from habit_instances.models import HabitInstance
from notifications.models import Notification
from push.message import action_token, push_message_for
from push.models import PushActionUse
from push.services import push_action_apply
from tests_support import assert_error, open_instance

pytestmark = pytest.mark.django_db

URL = "/api/push/actions/"


def _reminder_token(user, *, now=None):
    now = now or timezone.now()
    instance = open_instance(user, now=now)
    notification = Notification.objects.create(
        user=user,
        kind="reminder",
        title="Time to read",
        dedupe_key=f"reminder:{instance.pk}",
        payload={
            "instance_id": instance.pk,
            "habit_id": instance.habit_id,
            "actions": ["done", "skip"],
        },
        created_at=now,
    )
    message = push_message_for(notification, now=now)
    return instance, message.data["token"]


def test_done_completes_the_instance_once(api_client, user):
    instance, token = _reminder_token(user)
    response = api_client.post(URL, {"token": token, "action": "done"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"instance_id": instance.pk, "status": "completed"}
    again = api_client.post(URL, {"token": token, "action": "skip"}, format="json")
    assert_error(again, 409, "action_used")
    instance.refresh_from_db()
    assert instance.status == "completed"


def test_skip_skips_the_instance(api_client, user):
    instance, token = _reminder_token(user)
    response = api_client.post(URL, {"token": token, "action": "skip"}, format="json")
    assert response.json()["status"] == "skipped"


def test_a_token_after_the_fix_deadline_has_expired(user):
    instance, token = _reminder_token(user)
    with pytest.raises(Exception) as raised:
        push_action_apply(
            token=token, action="done", now=instance.fix_deadline + timedelta(seconds=1)
        )
    assert raised.value.status_code == 410 and raised.value.code == "action_expired"


def test_an_instance_marked_in_the_app_meanwhile_is_a_conflict_and_keeps_the_token(
    api_client, auth_client, user
):
    instance, token = _reminder_token(user)
    assert auth_client.post(f"/api/instances/{instance.pk}/complete/").status_code == 200
    response = api_client.post(URL, {"token": token, "action": "skip"}, format="json")
    assert_error(response, 409, "instance_final")
    assert not PushActionUse.objects.exists()  # rolled back with the refused mark


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        signing.dumps({"n": 1, "i": 1}, salt="another.salt"),
        signing.dumps(["n", 1], salt="push.action"),
        "",
    ],
    # the signed values hold a timestamp: ids keep the test names the same on every xdist worker
    ids=["garbage", "another-salt", "not-a-dict", "empty"],
)
def test_a_forged_or_broken_token_is_refused(api_client, user, token):
    _reminder_token(user)
    response = api_client.post(URL, {"token": token, "action": "done"}, format="json")
    assert_error(response, 400, "invalid", "token")


def test_a_token_naming_another_instance_is_not_found(api_client, user, other_user):
    instance, _ = _reminder_token(user)
    theirs, _ = _reminder_token(other_user)
    notification = Notification.objects.get(payload__instance_id=instance.pk)
    forged = action_token(notification_id=notification.pk, instance_id=theirs.pk)
    assert_error(
        api_client.post(URL, {"token": forged, "action": "done"}, format="json"), 404, "not_found"
    )
    theirs.refresh_from_db()
    assert theirs.status == "pending"


def test_an_unknown_action_is_a_field_error(api_client, user):
    _, token = _reminder_token(user)
    assert_error(
        api_client.post(URL, {"token": token, "action": "fail"}, format="json"),
        400,
        "invalid",
        "action",
    )


def test_a_closed_instance_gets_no_buttons(user):
    instance, _ = _reminder_token(user)
    HabitInstance.objects.filter(pk=instance.pk).update(status="completed")
    notification = Notification.objects.get(payload__instance_id=instance.pk)
    data = push_message_for(notification, now=timezone.now()).data
    assert "token" not in data and "actions" not in data
