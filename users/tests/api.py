"""What the account app's API tests share: its endpoints, signing in over the API, and the reset
link a mail carries. Imported by name; the fixtures stay in conftest.py."""

import re

from django.urls import reverse
from rest_framework.test import APIClient

from users.tests.factories import TEST_PASSWORD

REGISTER = reverse("auth-register")
LOGIN = reverse("auth-login")
REFRESH = reverse("auth-refresh")
LOGOUT = reverse("auth-logout")
ME = reverse("auth-me")
FORGOT = reverse("auth-forgot-password")
RESET = reverse("auth-reset-password")
PASSWORD = reverse("account-password")
ACCOUNT = reverse("account")
DATA = reverse("account-data")
EXPORT = reverse("account-export")


def sign_in(user) -> dict:
    """A new session of `user` (signed in with the factories' password): its tokens."""
    response = APIClient().post(
        LOGIN, {"email": user.email, "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def reset_link_parts(message) -> tuple[str, str]:
    """The `uid` and `token` of the web app's reset link in a password-reset mail."""
    match = re.search(r"/reset-password\?uid=([\w-]+)&token=([\w-]+)", message.body)
    assert match, message.body
    return match.group(1), match.group(2)
