"""Fixtures every app's tests share: `user`, `other_user`, `api_client`, `auth_client`."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from users.services import auth_tokens_issue
from users.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _clean_redis_namespace():
    """Each test starts with an empty cache in this process's own Redis namespace (throttles,
    lockouts and cached stats must not leak from one test into another)."""
    yield
    client = cache._cache.get_client(write=True)
    prefix = cache.make_key("")
    for key in client.scan_iter(match=f"{prefix}*", count=500):
        client.delete(key)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def api_client():
    return APIClient()


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {auth_tokens_issue(user=user)['access']}")
    return client


@pytest.fixture
def auth_client(user):
    return client_for(user)


@pytest.fixture
def other_client(other_user):
    return client_for(other_user)
