"""The Django admin changes users through the same services as the API."""

import pytest
from django.test import Client
from django.urls import reverse

from core.events import subscribe, unsubscribe
from users.events import USER_TIMEZONE_CHANGED
from users.models import User
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zone_changes():
    seen = []

    def record(**payload):
        seen.append(payload)

    subscribe(USER_TIMEZONE_CHANGED, record)
    yield seen
    unsubscribe(USER_TIMEZONE_CHANGED, record)


def _save_in_admin(user, **changes):
    operator = UserFactory(is_staff=True, is_superuser=True)
    admin = Client()
    admin.force_login(operator)
    form = {
        "email": user.email,
        "name": user.name,
        "timezone": user.timezone,
        "is_active": "on",
        **changes,
    }
    response = admin.post(reverse("admin:users_user_change", args=[user.pk]), form)
    assert response.status_code == 302, response.content[:2000]


def test_a_timezone_an_operator_sets_is_announced_like_the_users_own_change(zone_changes):
    user = UserFactory(timezone="Europe/Moscow")
    _save_in_admin(user, timezone="America/New_York", name="Renamed")
    assert [(c["user_id"], c["old_timezone"], c["new_timezone"]) for c in zone_changes] == [
        (user.pk, "Europe/Moscow", "America/New_York")
    ]
    saved = User.objects.get(pk=user.pk)
    assert (saved.timezone, saved.name) == ("America/New_York", "Renamed")


def test_an_admin_save_without_a_zone_change_announces_nothing(zone_changes):
    user = UserFactory(timezone="Europe/Moscow")
    _save_in_admin(user, name="Renamed")
    assert zone_changes == []
    assert User.objects.get(pk=user.pk).name == "Renamed"
