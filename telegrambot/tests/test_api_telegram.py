import pytest
from django.urls import reverse

from telegrambot.models import TelegramProfile
from tests_support import assert_error, bind

pytestmark = pytest.mark.django_db

STATUS = reverse("telegram")
CODE = reverse("telegram-bind-code")


def test_status_when_not_bound(auth_client, telegram_on):
    assert auth_client.get(STATUS).json() == {
        "enabled": True,
        "bot_name": "fake_habits_bot",
        "is_bound": False,
        "is_active": False,
        "telegram_username": "",
        "bound_at": None,
    }


def test_status_when_bound(auth_client, user, telegram_on):
    bind(user, chat_id=3)
    TelegramProfile.objects.filter(user=user).update(telegram_username="ann")
    body = auth_client.get(STATUS).json()
    assert (body["is_bound"], body["is_active"], body["telegram_username"]) == (True, True, "ann")
    assert body["bound_at"]


def test_status_says_disabled_without_a_token(auth_client, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    assert auth_client.get(STATUS).json()["enabled"] is False


def test_bind_code_is_created(auth_client, telegram_on):
    response = auth_client.post(CODE)
    assert response.status_code == 201
    body = response.json()
    assert body["deep_link"] == f"https://t.me/fake_habits_bot?start={body['code']}"
    assert body["expires_at"]


def test_bind_code_without_a_token_is_503_in_the_error_shape(auth_client, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    assert_error(auth_client.post(CODE), 503, "telegram_disabled")


def test_delete_unbinds(auth_client, user):
    bind(user, chat_id=3)
    assert auth_client.delete(STATUS).status_code == 204
    assert not TelegramProfile.objects.get(user=user).is_bound


@pytest.mark.parametrize("method,url", [("get", STATUS), ("delete", STATUS), ("post", CODE)])
def test_telegram_endpoints_need_auth(api_client, method, url):
    assert_error(getattr(api_client, method)(url), 401, "not_authenticated")


def test_export_includes_the_binding_and_wipe_removes_it(auth_client, user):
    bind(user, chat_id=3)
    export = auth_client.get(reverse("account-export")).json()
    assert export["telegram"]["is_bound"] is True and export["telegram"]["chat_id"] == 3
    assert "notifications" in export
    assert auth_client.delete(reverse("account-data")).status_code == 204
    assert not TelegramProfile.objects.filter(user=user).exists()
