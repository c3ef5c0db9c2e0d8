"""The push endpoints: the key, the devices, the test push; 400 shapes, 401, another user's 404,
the feature off (503 push_disabled)."""

import pytest
from django.utils import timezone

from push.models import PushSubscription
from tests_support import assert_error

pytestmark = pytest.mark.django_db

URL = "/api/push/subscriptions/"


def test_the_public_key_is_served_when_push_is_configured(auth_client, vapid_keys):
    response = auth_client.get("/api/push/vapid-public-key/")
    assert response.status_code == 200
    assert response.json() == {"public_key": vapid_keys["public_key"]}


def test_without_keys_push_says_it_is_off_and_logs_why(auth_client, new_device, settings, caplog):
    device = new_device("phone")
    settings.WEBPUSH_VAPID_PRIVATE_KEY = ""
    assert_error(auth_client.get("/api/push/vapid-public-key/"), 503, "push_disabled")
    assert_error(
        auth_client.post(URL, device.subscription_json(), format="json"), 503, "push_disabled"
    )
    assert_error(auth_client.post("/api/push/test/"), 503, "push_disabled")
    assert "WEBPUSH_VAPID_PUBLIC_KEY" in caplog.text


def test_a_browser_subscribes_once_and_a_repeat_refreshes_its_keys(auth_client, user, new_device):
    device = new_device("phone")
    body = {**device.subscription_json(), "user_agent": "Firefox on Linux"}
    first = auth_client.post(URL, body, format="json")
    assert first.status_code == 201, first.content
    assert first.json()["user_agent"] == "Firefox on Linux"
    body["keys"]["auth"] = "AAAAAAAAAAAAAAAAAAAAAA"
    again = auth_client.post(URL, body, format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert PushSubscription.objects.get(user=user).auth == "AAAAAAAAAAAAAAAAAAAAAA"


def test_the_label_defaults_to_the_user_agent(auth_client, new_device):
    response = auth_client.post(
        URL, new_device("phone").subscription_json(), format="json", HTTP_USER_AGENT="Mozilla/5.0 X"
    )
    assert response.json()["user_agent"] == "Mozilla/5.0 X"


def test_an_endpoint_another_account_had_moves_to_the_new_one(
    auth_client, other_user, user, new_device
):
    device = new_device("shared")
    data = device.subscription_json()
    PushSubscription.objects.create(
        user=other_user,
        endpoint=data["endpoint"],
        p256dh=data["keys"]["p256dh"],
        auth=data["keys"]["auth"],
        created_at=timezone.now(),
    )
    assert auth_client.post(URL, data, format="json").status_code == 201
    assert list(PushSubscription.objects.values_list("user", flat=True)) == [user.pk]


@pytest.mark.parametrize(
    ("endpoint", "why"),
    [
        ("https://evil.example.com/push/1", "not a push service"),
        ("ftp://127.0.0.1/push/1", "https"),
        ("http://user:pw@127.0.0.1/push/1", "credentials"),
        ("http://127.0.0.1:99999/push/1", "valid URL"),
        ("http://127.0.0.1/push/1 x", "spaces"),
        ("not a url", "spaces"),
        ("http://127.0.0.1.evil.example/push", "not a push service"),
    ],
)
def test_endpoints_are_held_to_the_push_services(auth_client, new_device, endpoint, why):
    body = {**new_device("phone").subscription_json(), "endpoint": endpoint}
    error = assert_error(auth_client.post(URL, body, format="json"), 400, "invalid", "endpoint")
    assert why in error["fields"]["endpoint"][0]


def test_http_endpoints_are_refused_unless_allowed(auth_client, new_device, settings):
    settings.WEBPUSH_ALLOW_HTTP_ENDPOINTS = False
    body = new_device("phone").subscription_json()
    assert_error(auth_client.post(URL, body, format="json"), 400, "invalid", "endpoint")


def test_fcm_endpoints_are_accepted_by_default(auth_client, new_device, settings):
    settings.WEBPUSH_ENDPOINT_HOSTS = ["fcm.googleapis.com"]
    settings.WEBPUSH_ALLOW_HTTP_ENDPOINTS = False
    body = {**new_device("phone").subscription_json()}
    body["endpoint"] = "https://fcm.googleapis.com/fcm/send/abc:APA91b"
    assert auth_client.post(URL, body, format="json").status_code == 201


@pytest.mark.parametrize(
    ("keys", "bad"),
    [
        ({"p256dh": "AAAA", "auth": "AAAAAAAAAAAAAAAAAAAAAA"}, "p256dh"),
        ({"p256dh": None, "auth": "x"}, "p256dh"),
        ({"auth": "AAAAAAAAAAAAAAAAAAAAAA"}, "p256dh"),
        ({"p256dh": "!!!", "auth": "AAAAAAAAAAAAAAAAAAAAAA"}, "p256dh"),
    ],
)
def test_keys_must_be_what_encryption_needs(auth_client, new_device, keys, bad):
    body = {**new_device("phone").subscription_json(), "keys": keys}
    error = assert_error(auth_client.post(URL, body, format="json"), 400, "invalid", "keys")
    assert bad in error["fields"]["keys"]


def test_a_short_auth_secret_is_refused(auth_client, new_device):
    body = new_device("phone").subscription_json()
    body["keys"]["auth"] = "AAAA"
    error = assert_error(auth_client.post(URL, body, format="json"), 400, "invalid", "keys")
    assert "auth" in error["fields"]["keys"]


@pytest.mark.parametrize(
    "body",
    [{}, {"endpoint": 5, "keys": {}}, {"endpoint": "x\x00", "keys": []}, []],
)
def test_malformed_bodies_get_the_error_shape(auth_client, push_service, body):
    assert_error(auth_client.post(URL, body, format="json"), 400, "invalid")


def test_the_list_is_the_users_own_in_constant_queries(
    auth_client, user, other_user, subscribe, django_assert_num_queries
):
    subscribe(other_user, "theirs")
    subscribe(user, "one")
    auth_client.get(URL)  # the first request loads the signed-in user into the cache
    with django_assert_num_queries(1):
        first = auth_client.get(URL)
    subscribe(user, "two")
    subscribe(user, "three")
    with django_assert_num_queries(1):
        response = auth_client.get(URL)
    assert first.json()["count"] == 1
    assert [s["user_agent"] for s in response.json()["results"]] == [
        "Test browser three",
        "Test browser two",
        "Test browser one",
    ]


def test_removing_a_device(auth_client, user, subscribe):
    subscription = subscribe(user, "phone")
    assert auth_client.delete(f"{URL}{subscription.pk}/").status_code == 204
    assert not PushSubscription.objects.exists()
    assert_error(auth_client.delete(f"{URL}{subscription.pk}/"), 404, "not_found")


def test_another_users_device_is_not_found(auth_client, other_user, subscribe):
    theirs = subscribe(other_user, "theirs")
    assert_error(auth_client.delete(f"{URL}{theirs.pk}/"), 404, "not_found")
    assert PushSubscription.objects.filter(pk=theirs.pk).exists()


def test_everything_but_actions_needs_a_sign_in(api_client, push_service):
    for method, url in [
        ("get", "/api/push/vapid-public-key/"),
        ("get", URL),
        ("post", URL),
        ("delete", f"{URL}1/"),
        ("post", "/api/push/test/"),
    ]:
        assert getattr(api_client, method)(url).status_code == 401


def test_the_test_push_reaches_every_device_and_retires_gone_ones(
    auth_client, user, subscribe, push_service
):
    subscribe(user, "phone")
    subscribe(user, "old")
    subscribe(user, "busy")
    push_service.answer("old", 410)
    push_service.answer("busy", 429)
    response = auth_client.post("/api/push/test/")
    assert response.status_code == 200
    assert response.json() == {"sent": 1, "removed": 1, "failed": 1}
    assert push_service.received[0].payload["title"] == "Test notification"
    assert PushSubscription.objects.filter(user=user).count() == 2


def test_the_test_push_without_a_device_says_so(auth_client, push_service):
    assert_error(auth_client.post("/api/push/test/"), 409, "no_subscription")
