"""Tokens the server takes back (issue 10, items 2 and 4): a token that names no user is a 401,
never a 500; logout, password change or reset, signing out everywhere and account deletion stop
earlier access tokens at once, not 30 minutes later."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from tests_support import STRONG_PASSWORD as STRONG
from tests_support import assert_error
from users import tokens
from users.models import User
from users.tests.api import (
    ACCOUNT,
    FORGOT,
    LOGIN,
    LOGOUT,
    ME,
    PASSWORD,
    REFRESH,
    REGISTER,
    RESET,
    reset_link_parts,
    sign_in,
)
from users.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _me(access: str):
    return APIClient().get(ME, HTTP_AUTHORIZATION=f"Bearer {access}")


def _refresh(refresh: str):
    return APIClient().post(REFRESH, {"refresh": refresh}, format="json")


def _signed(token_class, **claims) -> str:
    """A token we signed ourselves, with whatever claims a test needs."""
    token = token_class()
    for name, value in claims.items():
        token[name] = value
    return str(token)


# --- item 2: tokens that name no user ---------------------------------------------------------


def test_a_deleted_users_rotated_refresh_token_is_401(user):
    session = sign_in(user)
    rotated = _refresh(session["refresh"]).json()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {rotated['access']}")
    assert client.delete(ACCOUNT, {"password": TEST_PASSWORD}, format="json").status_code == 204
    assert_error(_refresh(rotated["refresh"]), 401, "token_not_valid")
    assert_error(_me(rotated["access"]), 401, "token_not_valid")


def test_deleting_an_account_revokes_the_tokens_of_every_session(user):
    one, two = sign_in(user), sign_in(user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {one['access']}")
    client.delete(ACCOUNT, {"password": TEST_PASSWORD}, format="json")
    assert_error(_refresh(two["refresh"]), 401, "token_not_valid")
    assert_error(_me(two["access"]), 401, "token_not_valid")


def test_a_user_deleted_elsewhere_is_401_on_refresh(user):
    """The admin deletes users without our services: the refresh token is not blacklisted."""
    session = sign_in(user)
    User.objects.filter(pk=user.pk).delete()
    assert_error(_refresh(session["refresh"]), 401, "token_not_valid")
    assert_error(_me(session["access"]), 401, "token_not_valid")


@pytest.mark.parametrize(
    "user_id",
    ["abc", "1.5", 1.5, [1], {"id": 1}, True, "9" * 30, "-1", "0", 2**70, "", None, "١"],
)
def test_a_validly_signed_token_that_names_no_user_is_401(user_id):
    assert_error(_me(_signed(AccessToken, user_id=user_id)), 401, "token_not_valid")
    assert_error(_refresh(_signed(RefreshToken, user_id=user_id)), 401, "token_not_valid")
    assert_error(
        APIClient().post(
            LOGOUT, {"refresh": _signed(RefreshToken, user_id=user_id)}, format="json"
        ),
        400,
        "invalid",
        "refresh",
    )


def test_a_token_of_a_user_that_never_existed_is_401():
    assert_error(_me(_signed(AccessToken, user_id="987654321")), 401, "token_not_valid")
    assert_error(_refresh(_signed(RefreshToken, user_id="987654321")), 401, "token_not_valid")


def test_an_inactive_users_tokens_are_401(user):
    session = sign_in(user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert_error(_me(session["access"]), 401, "token_not_valid")
    assert_error(_refresh(session["refresh"]), 401, "token_not_valid")


# --- item 4: access tokens stop at once -------------------------------------------------------


def test_logout_stops_the_sessions_access_token_and_no_other(user):
    this, other = sign_in(user), sign_in(user)
    assert APIClient().post(LOGOUT, {"refresh": this["refresh"]}, format="json").status_code == 204
    assert_error(_me(this["access"]), 401, "token_not_valid")
    assert _me(other["access"]).status_code == 200


def test_logout_also_stops_access_tokens_issued_by_rotation_in_that_session(user):
    session = sign_in(user)
    rotated = _refresh(session["refresh"]).json()
    APIClient().post(LOGOUT, {"refresh": rotated["refresh"]}, format="json")
    assert_error(_me(rotated["access"]), 401, "token_not_valid")
    assert_error(_me(session["access"]), 401, "token_not_valid")


def test_logout_everywhere_stops_every_session(user):
    this, other = sign_in(user), sign_in(user)
    response = APIClient().post(
        LOGOUT, {"refresh": this["refresh"], "everywhere": True}, format="json"
    )
    assert response.status_code == 204
    for session in (this, other):
        assert_error(_me(session["access"]), 401, "token_not_valid")
        assert_error(_refresh(session["refresh"]), 401, "token_not_valid")


def test_a_password_change_stops_earlier_access_tokens_and_the_new_ones_work(user):
    this, other = sign_in(user), sign_in(user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {this['access']}")
    fresh = client.put(
        PASSWORD, {"current_password": TEST_PASSWORD, "new_password": STRONG}, format="json"
    ).json()
    assert_error(_me(this["access"]), 401, "token_not_valid")
    assert_error(_me(other["access"]), 401, "token_not_valid")
    assert_error(_refresh(other["refresh"]), 401, "token_not_valid")
    assert _me(fresh["access"]).status_code == 200
    assert _refresh(fresh["refresh"]).status_code == 200


def test_a_password_reset_stops_earlier_access_tokens(user):
    session = sign_in(user)
    APIClient().post(FORGOT, {"email": user.email}, format="json")
    uid, token = reset_link_parts(mail.outbox[0])
    body = {"uid": uid, "token": token, "new_password": STRONG}
    assert APIClient().post(RESET, body, format="json").status_code == 204
    assert_error(_me(session["access"]), 401, "token_not_valid")
    assert_error(_refresh(session["refresh"]), 401, "token_not_valid")


def test_tokens_issued_before_versions_existed_count_as_version_zero(user):
    legacy = AccessToken.for_user(user)  # no `ver`, no `sid` claim
    assert _me(str(legacy)).status_code == 200
    tokens.token_version_bump(user=user)
    assert_error(_me(str(legacy)), 401, "token_not_valid")


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (REGISTER, {"email": "new@example.com", "password": STRONG}),
        (LOGIN, {"email": "{email}", "password": TEST_PASSWORD}),
    ],
)
def test_token_answers_are_not_stored_by_caches(user, url, body):
    body = {key: value.format(email=user.email) for key, value in body.items()}
    response = APIClient().post(url, body, format="json")
    assert response.status_code in (200, 201)
    assert response["Cache-Control"] == "no-store"
    refreshed = _refresh(response.json()["refresh"])
    assert refreshed["Cache-Control"] == "no-store"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {refreshed.json()['access']}")
    password = STRONG if url == REGISTER else TEST_PASSWORD
    changed = client.put(
        PASSWORD,
        {"current_password": password, "new_password": "yet-another-passphrase-9"},
        format="json",
    )
    assert changed.status_code == 200
    assert changed["Cache-Control"] == "no-store"


# --- the cached version -----------------------------------------------------------------------


def test_the_version_is_cached_so_logout_need_not_read_it_from_the_database(
    user, django_assert_num_queries
):
    access = sign_in(user)["access"]
    payload = AccessToken(access).payload
    tokens.token_check(payload=payload)  # fills the cache
    with django_assert_num_queries(0):
        assert tokens.token_check(payload=payload) == user.pk


def test_a_bump_drops_the_cached_version_at_once_and_sets_the_new_one_on_commit(
    user, django_capture_on_commit_callbacks
):
    access = sign_in(user)["access"]
    payload = AccessToken(access).payload
    tokens.token_check(payload=payload)  # cached: version 0
    with django_capture_on_commit_callbacks(execute=True):
        tokens.token_version_bump(user=user)
        # Before the commit: nothing cached, so readers ask the database.
        assert cache.get(tokens._version_key(user.pk)) is None
        # A reader that read the old row just before the commit puts it back...
        cache.add(tokens._version_key(user.pk), 0)
    # ...and the commit's set replaces it: the old token stays refused.
    assert cache.get(tokens._version_key(user.pk)) == 1
    with pytest.raises(tokens.InvalidToken):
        tokens.token_check(payload=payload)


def test_another_users_bump_leaves_my_tokens_alone(user):
    other = UserFactory()
    mine = sign_in(user)
    tokens.token_version_bump(user=other)
    assert _me(mine["access"]).status_code == 200


def test_a_password_an_operator_sets_in_the_admin_stops_the_users_tokens(user):
    operator = UserFactory(is_staff=True, is_superuser=True)
    session = sign_in(user)
    admin = Client()
    admin.force_login(operator)
    response = admin.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": STRONG, "password2": STRONG, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content[:500]
    assert_error(_me(session["access"]), 401, "token_not_valid")
    assert_error(_refresh(session["refresh"]), 401, "token_not_valid")


# --- issue 12, item 10: an ended session says so in words -------------------------------------

SESSION_ENDED = "Your session has ended. Please sign in again."


def test_an_expired_access_token_says_the_session_ended_in_a_sentence(user):
    session = sign_in(user)
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        error = assert_error(_me(session["access"]), 401, "token_not_valid")
    assert error["message"] == SESSION_ENDED


@pytest.mark.parametrize("token", ["not.a.token", "garbage"])
def test_an_unreadable_token_says_the_session_ended_on_access_and_refresh(token):
    assert assert_error(_me(token), 401, "token_not_valid")["message"] == SESSION_ENDED
    assert assert_error(_refresh(token), 401, "token_not_valid")["message"] == SESSION_ENDED


def test_a_signed_out_refresh_token_says_the_session_ended(user):
    session = sign_in(user)
    assert (
        APIClient().post(LOGOUT, {"refresh": session["refresh"]}, format="json").status_code == 204
    )
    error = assert_error(_refresh(session["refresh"]), 401, "token_not_valid")
    assert error["message"] == SESSION_ENDED
