"""A request's user comes from a cached snapshot of its row (users.tokens, issue 11): no query
once it is cached, and every change of the row counts from the next request."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests_support import STRONG_PASSWORD as STRONG
from tests_support import assert_error
from users import tokens
from users.tests.api import ME, PASSWORD, sign_in
from users.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _client(access: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def test_a_request_selects_the_user_once_then_reads_the_snapshot(user, django_assert_num_queries):
    client = _client(sign_in(user)["access"])
    with django_assert_num_queries(1):
        assert client.get(ME).status_code == 200
    with django_assert_num_queries(0):
        answer = client.get(ME).json()
    assert answer["email"] == user.email and answer["timezone"] == user.timezone
    assert answer["date_joined"].startswith(user.date_joined.date().isoformat())


def test_a_new_timezone_is_seen_by_the_next_request(user, django_capture_on_commit_callbacks):
    client = _client(sign_in(user)["access"])
    assert client.get(ME).json()["timezone"] == user.timezone  # cached
    with django_capture_on_commit_callbacks(execute=True):
        changed = client.patch(ME, {"timezone": "Asia/Tokyo"}, format="json")
    assert changed.status_code == 200
    assert client.get(ME).json()["timezone"] == "Asia/Tokyo"
    assert cache.get(tokens._snapshot_key(user.pk))["timezone"] == "Asia/Tokyo"


def test_a_deactivated_account_is_locked_out_although_its_snapshot_was_cached(user):
    client = _client(sign_in(user)["access"])
    assert client.get(ME).status_code == 200  # cached as active
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert_error(client.get(ME), 401, "token_not_valid")
    assert_error(client.get(ME), 401, "token_not_valid")  # and the inactive row is cached


def test_an_operator_deactivating_in_the_admin_locks_the_user_out(user):
    client = _client(sign_in(user)["access"])
    assert client.get(ME).status_code == 200
    operator = UserFactory(is_staff=True, is_superuser=True)
    admin = Client()
    admin.force_login(operator)
    form = {
        "email": user.email,
        "name": user.name,
        "timezone": user.timezone,
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }  # is_active unticked
    response = admin.post(reverse("admin:users_user_change", args=[user.pk]), form)
    assert response.status_code == 302, response.content[:2000]
    assert_error(client.get(ME), 401, "token_not_valid")


def test_a_reader_that_selected_the_row_before_the_commit_cannot_put_it_back(
    user, django_capture_on_commit_callbacks
):
    client = _client(sign_in(user)["access"])
    client.get(ME)
    stale = cache.get(tokens._snapshot_key(user.pk))
    with django_capture_on_commit_callbacks(execute=True):
        user.timezone = "Asia/Tokyo"
        user.save(update_fields=["timezone"])
        assert cache.get(tokens._snapshot_key(user.pk)) is None  # dropped at once
        # A request that selected the row just before the commit caches what it read...
        cache.add(tokens._snapshot_key(user.pk), stale)
    # ...and the commit's set replaces it.
    assert client.get(ME).json()["timezone"] == "Asia/Tokyo"


def test_a_revocation_counts_at_once_although_the_snapshot_was_cached(user):
    old = sign_in(user)
    client = _client(old["access"])
    assert client.get(ME).status_code == 200  # cached: version 0
    tokens.token_version_bump(user=user)
    assert_error(client.get(ME), 401, "token_not_valid")
    assert _client(sign_in(user)["access"]).get(ME).status_code == 200


def test_fields_the_snapshot_does_not_hold_load_from_the_database(user):
    """The password is not cached: the change-password view reads the row's current hash."""
    client = _client(sign_in(user)["access"])
    client.get(ME)  # cached
    changed = client.put(
        PASSWORD, {"current_password": TEST_PASSWORD, "new_password": STRONG}, format="json"
    )
    assert changed.status_code == 200, changed.content
    client = _client(changed.json()["access"])
    client.get(ME)  # cached again, after the change
    stale = client.put(
        PASSWORD, {"current_password": TEST_PASSWORD, "new_password": STRONG}, format="json"
    )
    assert_error(stale, 400, "invalid", field="current_password")
    again = client.put(
        PASSWORD, {"current_password": STRONG, "new_password": TEST_PASSWORD}, format="json"
    )
    assert again.status_code == 200, again.content


def test_a_sign_in_keeps_the_snapshot(user, django_capture_on_commit_callbacks):
    """Signing in writes last_login, which the snapshot does not hold: nothing to drop."""
    client = _client(sign_in(user)["access"])
    client.get(ME)
    with django_capture_on_commit_callbacks() as callbacks:
        sign_in(user)
    assert cache.get(tokens._snapshot_key(user.pk)) is not None
    assert callbacks == []
