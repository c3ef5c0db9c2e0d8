"""One sign-in policy for every way in (issue 10, item 5): the API login and the admin login share
the lock per account and address (django-axes) and the throttle per address."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests_support import assert_error
from users.tests.api import LOGIN
from users.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = reverse("admin:login")
ATTACKER, OWNER = "203.0.113.9", "198.51.100.7"


@pytest.fixture
def operator(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def lock_after_three(settings):
    settings.AXES_FAILURE_LIMIT = 3


def _api_login(email, password, address=ATTACKER):
    return APIClient(REMOTE_ADDR=address).post(
        LOGIN, {"email": email, "password": password}, format="json"
    )


def _admin_login(email, password, address=ATTACKER):
    client = Client(REMOTE_ADDR=address)
    response = client.post(
        ADMIN_LOGIN, {"username": email, "password": password, "next": "/admin/"}
    )
    return response, client


def _signed_in_to_admin(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_the_api_lock_is_per_account_and_address(user, lock_after_three):
    for _ in range(3):
        _api_login(user.email, "wrong")
    locked = _api_login(user.email, TEST_PASSWORD)
    assert_error(locked, 429, "account_locked")
    assert int(locked["Retry-After"]) > 0
    # The owner, elsewhere, is not locked out by someone typing their email.
    assert _api_login(user.email, TEST_PASSWORD, address=OWNER).status_code == 200


def test_the_lock_ignores_the_letter_case_of_the_email(user, lock_after_three):
    for email in (user.email.upper(), user.email.title(), user.email):
        _api_login(email, "wrong")
    assert_error(_api_login(user.email, TEST_PASSWORD), 429, "account_locked")


def test_a_locked_out_operator_cannot_sign_in_to_the_admin(operator, lock_after_three):
    for _ in range(3):
        _admin_login(operator.email, "wrong")
    response, client = _admin_login(operator.email, TEST_PASSWORD)
    assert response.status_code == 429
    assert not _signed_in_to_admin(client)
    response, client = _admin_login(operator.email, TEST_PASSWORD, address=OWNER)
    assert response.status_code == 302
    assert _signed_in_to_admin(client)


def test_failures_at_the_admin_and_the_api_count_against_one_lock(operator, lock_after_three):
    _admin_login(operator.email, "wrong")
    _api_login(operator.email, "wrong")
    _admin_login(operator.email, "wrong")
    assert_error(_api_login(operator.email, TEST_PASSWORD), 429, "account_locked")


def test_a_successful_admin_sign_in_forgets_the_failures(operator, lock_after_three):
    for _ in range(2):
        _admin_login(operator.email, "wrong")
    assert _admin_login(operator.email, TEST_PASSWORD)[0].status_code == 302
    for _ in range(2):
        _admin_login(operator.email, "wrong")
    assert _admin_login(operator.email, TEST_PASSWORD)[0].status_code == 302


@pytest.fixture
def two_attempts_a_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "login": "2/minute",
        },
    }


def test_the_api_login_is_throttled_per_address_across_accounts(two_attempts_a_minute):
    first, second, third = (UserFactory() for _ in range(3))
    _api_login(first.email, "wrong")
    _api_login(second.email, "wrong")
    throttled = _api_login(third.email, TEST_PASSWORD)
    assert_error(throttled, 429, "throttled")
    assert int(throttled["Retry-After"]) > 0
    assert _api_login(third.email, TEST_PASSWORD, address=OWNER).status_code == 200


def test_the_admin_login_shares_the_throttle(operator, two_attempts_a_minute):
    other = UserFactory()
    _api_login(other.email, "wrong")
    _admin_login(other.email, "wrong")
    response, client = _admin_login(operator.email, TEST_PASSWORD)
    assert response.status_code != 302
    assert not _signed_in_to_admin(client)
    # Refused for the address, not the account: from elsewhere the operator signs in.
    response, client = _admin_login(operator.email, TEST_PASSWORD, address=OWNER)
    assert response.status_code == 302
    assert _signed_in_to_admin(client)
