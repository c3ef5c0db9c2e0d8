"""One sign-in policy for every way in: the API login, the admin login and any later one.

Every way in calls `django.contrib.auth.authenticate(request, …)`, so the policy lives in the
authentication backends (AUTHENTICATION_BACKENDS, in this order):

1. LoginThrottleBackend: at most the `login` throttle rate of attempts per client address,
   whatever the accounts (against password spraying); the same rate and the same counter as
   DRF's throttles use.
2. django-axes' AxesStandaloneBackend: after AXES_FAILURE_LIMIT failures for one account *from
   one address* that pair is locked for AXES_COOLOFF_TIME. Locking per account and address means
   nobody can lock a victim out by typing their email from elsewhere.
3. ModelBackend checks the password (and hashes one for unknown emails, so timing tells nothing).

docs/security.md says what this promises.
"""

import math

from django.core.exceptions import PermissionDenied
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from users.models import normalize_email


class LoginThrottle(SimpleRateThrottle):
    scope = "login"

    @property
    def THROTTLE_RATES(self):  # noqa: N802 - the name DRF looks up; read per call, as in core
        return api_settings.DEFAULT_THROTTLE_RATES

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginThrottleBackend:
    """Authenticates nobody; refuses the attempt when its address is over the rate. The caller
    learns why from `request.login_retry_after` (seconds). Deliberately not a BaseBackend: with
    no get_user() it can never be recorded as the backend of a session."""

    def authenticate(self, request, **credentials):
        if request is None:
            return None
        throttle = LoginThrottle()
        if throttle.allow_request(request, None):
            return None
        request.login_retry_after = math.ceil(throttle.wait() or 1)
        raise PermissionDenied("Too many sign-in attempts from this address.")


def client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the client address exactly as the throttles see it (honouring
    NUM_PROXIES), so the lockout and the throttle never disagree about who is asking."""
    return BaseThrottle().get_ident(request)


def login_username(request, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the account an attempt is for, as the login compares it, so
    `Ann@X.org` and `ann@x.org` count against the same lock."""
    username = (credentials or {}).get("username")
    if username is None:
        username = request.POST.get("username")
    return normalize_email(username) or None
