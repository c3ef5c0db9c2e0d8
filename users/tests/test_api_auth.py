import pytest

from tests_support import STRONG_PASSWORD as STRONG
from tests_support import assert_error
from users.models import User
from users.tests.api import LOGIN, LOGOUT, ME, REFRESH, REGISTER, sign_in
from users.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_register_creates_user_and_returns_tokens(api_client):
    response = api_client.post(
        REGISTER,
        {"email": "Ann@Example.COM", "password": STRONG, "name": "Ann", "timezone": "Asia/Kolkata"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["user"]["email"] == "ann@example.com"
    assert body["user"]["timezone"] == "Asia/Kolkata"
    assert body["access"] and body["refresh"]
    me = api_client.get(ME, HTTP_AUTHORIZATION=f"Bearer {body['access']}")
    assert me.json()["email"] == "ann@example.com"


def test_register_without_timezone_uses_the_default(api_client, settings):
    settings.DEFAULT_USER_TIMEZONE = "Europe/Moscow"
    response = api_client.post(REGISTER, {"email": "a@b.co", "password": STRONG}, format="json")
    assert response.json()["user"]["timezone"] == "Europe/Moscow"


def test_register_refuses_an_email_taken_in_another_letter_case(api_client):
    UserFactory(email="taken@example.com")
    response = api_client.post(
        REGISTER, {"email": "TAKEN@example.com", "password": STRONG}, format="json"
    )
    assert_error(response, 400, "invalid", "email")
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "x@example.com", "password": "123"}, "password"),
        ({"email": "x@example.com", "password": "password"}, "password"),
        ({"email": "not-an-email", "password": STRONG}, "email"),
        ({"email": "x@example.com", "password": STRONG, "timezone": "Mars/Olympus"}, "timezone"),
        (
            {"email": "x@example.com", "password": STRONG, "timezone": "../../etc/passwd"},
            "timezone",
        ),
        ({"email": "x@example.com"}, "password"),
        ({"password": STRONG}, "email"),
        ({"email": ["x@example.com"], "password": STRONG}, "email"),
        ({"email": "x@example.com", "password": {"a": 1}}, "password"),
        ({"email": "x@example.com", "password": STRONG, "name": "n" * 10_000}, "name"),
        ({"email": "x" * 10_000 + "@example.com", "password": STRONG}, "email"),
        ({"email": "x@example.com", "password": STRONG, "name": "bad\x00name"}, "name"),
        ({"email": "x@example.com", "password": "p" * 10_000}, "password"),
    ],
)
def test_register_bad_input_answers_400_with_field_errors(api_client, body, field):
    response = api_client.post(REGISTER, body, format="json")
    assert_error(response, 400, "invalid", field)
    assert not User.objects.exists()


def test_register_malformed_json_is_a_400(api_client):
    response = api_client.post(REGISTER, '{"email": ', content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_register_body_that_is_not_an_object_is_a_400(api_client):
    response = api_client.post(REGISTER, [1, 2], format="json")
    assert_error(response, 400, "invalid", "non_field_errors")


def test_register_form_encoded_body_is_415(api_client):
    response = api_client.post(REGISTER, {"email": "a@b.co", "password": STRONG})
    assert_error(response, 415, "unsupported_media_type")


def test_register_is_throttled_per_client(api_client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "register": "2/hour",
        },
    }
    for n in range(2):
        api_client.post(REGISTER, {"email": f"u{n}@example.com", "password": STRONG}, format="json")
    response = api_client.post(
        REGISTER, {"email": "u9@example.com", "password": STRONG}, format="json"
    )
    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert User.objects.count() == 2


def test_login_returns_tokens_for_any_letter_case_of_the_email(api_client, user):
    response = api_client.post(
        LOGIN, {"email": user.email.upper(), "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["user"]["id"] == user.pk
    assert response.json()["access"]


def test_login_with_a_wrong_password_is_401(api_client, user):
    response = api_client.post(LOGIN, {"email": user.email, "password": "nope"}, format="json")
    assert_error(response, 401, "authentication_failed")


def test_login_of_an_unknown_email_is_401(api_client):
    response = api_client.post(LOGIN, {"email": "who@example.com", "password": "x"}, format="json")
    assert_error(response, 401, "authentication_failed")


def test_repeated_failed_logins_lock_the_account_even_for_the_right_password(
    api_client, user, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        api_client.post(LOGIN, {"email": user.email, "password": "wrong"}, format="json")
    response = api_client.post(
        LOGIN, {"email": user.email, "password": TEST_PASSWORD}, format="json"
    )
    assert_error(response, 429, "account_locked")
    assert 0 < int(response["Retry-After"]) <= settings.AXES_COOLOFF_TIME.total_seconds()


def test_a_successful_login_resets_the_failure_count(api_client, user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        api_client.post(LOGIN, {"email": user.email, "password": "wrong"}, format="json")
    api_client.post(LOGIN, {"email": user.email, "password": TEST_PASSWORD}, format="json")
    for _ in range(2):
        api_client.post(LOGIN, {"email": user.email, "password": "wrong"}, format="json")
    response = api_client.post(
        LOGIN, {"email": user.email, "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 200


def test_login_of_an_inactive_user_is_401(api_client):
    inactive = UserFactory(is_active=False)
    response = api_client.post(
        LOGIN, {"email": inactive.email, "password": TEST_PASSWORD}, format="json"
    )
    assert_error(response, 401, "authentication_failed")


def test_refresh_rotates_and_refuses_the_rotated_out_token(api_client, user):
    tokens = sign_in(user)
    first = api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")
    assert first.status_code == 200
    assert first.json()["refresh"] != tokens["refresh"]
    again = api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")
    assert_error(again, 401, "token_not_valid")


def test_refresh_with_garbage_is_401_and_without_body_is_400(api_client):
    assert_error(
        api_client.post(REFRESH, {"refresh": "garbage"}, format="json"), 401, "token_not_valid"
    )
    assert_error(api_client.post(REFRESH, {}, format="json"), 400, "invalid", "refresh")


def test_logout_blacklists_the_refresh_token(api_client, user):
    tokens = sign_in(user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    response = api_client.post(LOGOUT, {"refresh": tokens["refresh"]}, format="json")
    assert response.status_code == 204
    api_client.credentials()
    assert (
        api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json").status_code == 401
    )


def test_logout_needs_only_the_refresh_token(api_client, user):
    """The web app forgets its tokens before it signs out, and an expired access token must not
    stop a sign-out: holding the refresh token is what the session is."""
    tokens = sign_in(user)
    assert api_client.post(LOGOUT, {"refresh": tokens["refresh"]}, format="json").status_code == 204
    assert (
        api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json").status_code == 401
    )


@pytest.mark.parametrize("refresh", ["garbage", ""])
def test_logout_with_a_bad_refresh_token_is_400(api_client, refresh):
    assert_error(
        api_client.post(LOGOUT, {"refresh": refresh}, format="json"), 400, "invalid", "refresh"
    )


def test_me_without_auth_or_with_a_bad_token_is_401(api_client):
    assert_error(api_client.get(ME), 401, "not_authenticated")
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not.a.token")
    assert_error(api_client.get(ME), 401, "token_not_valid")


def test_me_patch_updates_name_and_timezone(auth_client, user):
    response = auth_client.patch(
        ME, {"name": "  Zoe ", "timezone": "Pacific/Kiritimati"}, format="json"
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.name, user.timezone) == ("Zoe", "Pacific/Kiritimati")


@pytest.mark.parametrize(
    "body",
    [
        {"timezone": "Nowhere/Land"},
        {"timezone": ""},
        {"name": "x" * 151},
        {"timezone": 5},
        {"display_name": "x" * 51},
        {"display_name": None},
    ],
)
def test_me_patch_bad_input_is_400_and_changes_nothing(auth_client, user, body):
    response = auth_client.patch(ME, body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]
    user.refresh_from_db()
    assert user.timezone == "UTC"


def test_me_patch_sets_and_clears_the_display_name(auth_client, user):
    assert auth_client.get(ME).json()["display_name"] == ""  # none until the user chooses one
    response = auth_client.patch(ME, {"display_name": " zoe_runs "}, format="json")
    assert response.status_code == 200
    assert response.json()["display_name"] == "zoe_runs"
    assert auth_client.patch(ME, {"display_name": ""}, format="json").json()["display_name"] == ""
    user.refresh_from_db()
    assert user.display_name == ""


def test_me_patch_without_auth_is_401(api_client):
    assert api_client.patch(ME, {"name": "x"}, format="json").status_code == 401
