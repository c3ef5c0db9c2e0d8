import pytest
from django.core import mail

from tests_support import STRONG_PASSWORD as STRONG
from tests_support import assert_error
from users.models import User
from users.tests.api import (
    ACCOUNT,
    DATA,
    EXPORT,
    FORGOT,
    LOGIN,
    ME,
    PASSWORD,
    REFRESH,
    RESET,
    reset_link_parts,
    sign_in,
)
from users.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_forgot_password_mails_a_link_to_the_web_app(api_client, user, settings):
    settings.FRONTEND_URL = "https://habits.example.org"
    response = api_client.post(FORGOT, {"email": user.email.upper()}, format="json")
    assert response.status_code == 202
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "https://habits.example.org/reset-password?uid=" in mail.outbox[0].body


def test_forgot_password_answers_the_same_for_an_unknown_email(api_client, user):
    known = api_client.post(FORGOT, {"email": user.email}, format="json")
    unknown = api_client.post(FORGOT, {"email": "nobody@example.com"}, format="json")
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert len(mail.outbox) == 1


def test_forgot_password_bad_email_is_400(api_client):
    assert_error(api_client.post(FORGOT, {"email": "nope"}, format="json"), 400, "invalid", "email")


def test_forgot_password_is_throttled(api_client, user):
    for _ in range(5):
        api_client.post(FORGOT, {"email": user.email}, format="json")
    assert_error(api_client.post(FORGOT, {"email": user.email}, format="json"), 429, "throttled")


def test_reset_password_sets_the_password_once(api_client, user):
    api_client.post(FORGOT, {"email": user.email}, format="json")
    uid, token = reset_link_parts(mail.outbox[0])
    body = {"uid": uid, "token": token, "new_password": STRONG}
    assert api_client.post(RESET, body, format="json").status_code == 204
    login = api_client.post(LOGIN, {"email": user.email, "password": STRONG}, format="json")
    assert login.status_code == 200
    again = api_client.post(
        RESET, {**body, "new_password": "another-long-passphrase-7"}, format="json"
    )
    assert_error(again, 400, "invalid", "token")


def test_reset_password_revokes_existing_refresh_tokens(api_client, user):
    old = sign_in(user)
    api_client.post(FORGOT, {"email": user.email}, format="json")
    uid, token = reset_link_parts(mail.outbox[0])
    api_client.post(RESET, {"uid": uid, "token": token, "new_password": STRONG}, format="json")
    assert api_client.post(REFRESH, {"refresh": old["refresh"]}, format="json").status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"uid": "garbage", "token": "garbage", "new_password": STRONG},
        {"uid": "MQ", "token": "x" * 200, "new_password": STRONG},
        {"uid": "", "token": "", "new_password": ""},
        {},
    ],
)
def test_reset_password_bad_input_is_400(api_client, user, body):
    response = api_client.post(RESET, body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]


def test_reset_password_refuses_a_weak_password(api_client, user):
    api_client.post(FORGOT, {"email": user.email}, format="json")
    uid, token = reset_link_parts(mail.outbox[0])
    response = api_client.post(
        RESET, {"uid": uid, "token": token, "new_password": "1234"}, format="json"
    )
    assert_error(response, 400, "invalid", "new_password")


def test_change_password_returns_new_tokens_and_revokes_the_others(api_client, auth_client, user):
    other_session = sign_in(user)
    response = auth_client.put(
        PASSWORD, {"current_password": TEST_PASSWORD, "new_password": STRONG}, format="json"
    )
    assert response.status_code == 200
    fresh = response.json()
    assert (
        api_client.post(REFRESH, {"refresh": other_session["refresh"]}, format="json").status_code
        == 401
    )
    assert api_client.post(REFRESH, {"refresh": fresh["refresh"]}, format="json").status_code == 200
    user.refresh_from_db()
    assert user.check_password(STRONG)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"current_password": "wrong", "new_password": STRONG}, "current_password"),
        ({"current_password": TEST_PASSWORD, "new_password": "123"}, "new_password"),
        ({"current_password": TEST_PASSWORD}, "new_password"),
    ],
)
def test_change_password_bad_input_is_400(auth_client, user, body, field):
    assert_error(auth_client.put(PASSWORD, body, format="json"), 400, "invalid", field)
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_delete_account_needs_the_password(auth_client, user):
    assert_error(
        auth_client.delete(ACCOUNT, {"password": "wrong"}, format="json"),
        400,
        "invalid",
        "password",
    )
    assert User.objects.filter(pk=user.pk).exists()
    assert (
        auth_client.delete(ACCOUNT, {"password": TEST_PASSWORD}, format="json").status_code == 204
    )
    assert not User.objects.filter(pk=user.pk).exists()


def test_deleted_account_tokens_stop_working(auth_client, user):
    auth_client.delete(ACCOUNT, {"password": TEST_PASSWORD}, format="json")
    assert auth_client.get(ME).status_code == 401


def test_wipe_data_keeps_the_account(auth_client, user):
    assert auth_client.delete(DATA).status_code == 204
    assert User.objects.filter(pk=user.pk).exists()


def test_export_contains_the_account_as_an_attachment(auth_client, user):
    response = auth_client.get(EXPORT)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response.json()["account"]["email"] == user.email


def test_export_shows_only_my_own_account(auth_client, user):
    UserFactory(email="someone-else@example.com")
    assert "someone-else" not in auth_client.get(EXPORT).content.decode()


@pytest.mark.parametrize(
    ("method", "url"),
    [("put", PASSWORD), ("delete", ACCOUNT), ("delete", DATA), ("get", EXPORT)],
)
def test_account_endpoints_without_auth_are_401(api_client, method, url):
    assert_error(getattr(api_client, method)(url, {}, format="json"), 401, "not_authenticated")
