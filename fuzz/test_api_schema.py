"""Schemathesis against /api/schema/ with a signed-in user: no 5xx, and every answer (status,
content type, headers, body) conforms to the schema; invalid requests are refused.

Derandomized, so every run sends the same requests: a failure here is repeatable. `make fuzz`
runs the same test with more examples (FUZZ_EXAMPLES) and a random seed.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from atomic_habits_tracker.vapid_file import vapid_keys_generate
from users.services import auth_tokens_issue

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
# Every request carries a signed-in user's token (auth_headers); a negative case that "drops" the
# Authorization header would be sent with it all the same and wrongly expected to fail.
schema.config.generation.update(with_security_parameters=False)

# Operations whose success depends on a secret the fuzzer cannot know (the current password, a
# refresh or reset token): a schema-valid guess is rightly refused with 400/401, so "valid data is
# accepted" does not apply to them. Every other check does.
SECRET_CHECKING = {
    "DELETE /api/account/",
    "PUT /api/account/password/",
    "POST /api/auth/logout/",
    "POST /api/auth/refresh/",
    "POST /api/auth/reset-password/",
    "POST /api/push/actions/",  # the notification's signed action token
}

# Habit writes: the body points to another habit by id (`related_pleasant_habit`), and a random id
# is rightly refused with 400 ("No habit of yours has this id"); no schema can say which ids are
# yours. Without an id, the rules across fields refuse most bodies (a useful habit has exactly one
# of `reward_text` and `related_pleasant_habit`, a pleasant one neither): excluding only bodies
# with an id was tried and fails. Every other check (no 5xx, conformance, invalid data refused)
# still applies to them. Goal writes likewise name the owner's habits (`habits`).
REFERENCES_BY_ID = {
    "POST /api/habits/",
    "PUT /api/habits/{id}/",
    "PATCH /api/habits/{id}/",
    "POST /api/goals/",
    "PUT /api/goals/{id}/",
    "PATCH /api/goals/{id}/",
}

# Operations with a rule across fields that no schema can state (quiet hours must start and end
# at different times; a date range of at most 31 days, date_to not before date_from; check-in
# times may be empty only when the frequency is off; a push subscription's endpoint must be a URL
# of a push service this server sends to, and its keys a real P-256 point and a 16-byte secret):
# a schema-valid request that breaks it is rightly refused with a field error.
CROSS_FIELD_RULES = {
    "PUT /api/settings/notifications/",
    "GET /api/instances/",
    "PUT /api/settings/notifications/frequency/",
    "POST /api/push/subscriptions/",
    "POST /api/journal/entries/",  # not dated after the owner's today (the server's clock)
    "GET /api/reports/habits-mood/",  # `to` not before `from`, at most REPORTS_MAX_DAYS apart
}

# Operations whose success depends on what is stored or on a file's content, which no schema can
# state: a journal tag's name is unique per user whatever the case (the fuzzer's random names
# collide once case-folded); an import's file must be a real Loop zip, Beaver JSON or our export.
STORED_OR_CONTENT_RULES = {
    "POST /api/journal/tags/",
    "POST /api/imports/",
}

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
DERANDOMIZE = os.environ.get("FUZZ_RANDOM", "") != "1"


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: the request cycle must not close the connection that holds
    the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _telegram_configured(settings):
    """Fuzz the configured bot's endpoints (bind codes), not the 503 a server without a token
    gives, which the schema documents and the Telegram tests cover."""
    settings.TELEGRAM_BOT_TOKEN = "123456:fuzz-token"
    settings.TELEGRAM_BOT_NAME = "fuzz_bot"


@pytest.fixture(autouse=True)
def _ai_configured(settings):
    """Fuzz the AI breakdown switched on, not its documented 503 `ai_disabled`. No provider is
    ever called: a test's transaction never commits, so no job reaches the queue."""
    settings.AI_API_KEY = "fuzz-key"
    settings.AI_API_BASE_URL = "http://127.0.0.1:9/v1"


@pytest.fixture(autouse=True)
def _push_configured(settings):
    """Fuzz Web Push switched on (a fresh VAPID pair), not its documented 503 `push_disabled`. No
    push service is called: the fuzzed user has no subscription, so the test push answers 409."""
    keys = vapid_keys_generate()
    settings.WEBPUSH_VAPID_PUBLIC_KEY = keys["public_key"]
    settings.WEBPUSH_VAPID_PRIVATE_KEY = keys["private_key"]


@pytest.fixture
def auth_headers(user):
    return {"Authorization": f"Bearer {auth_tokens_issue(user=user)['access']}"}


@pytest.mark.slow
@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=DERANDOMIZE,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, auth_headers):
    unguessable = SECRET_CHECKING | REFERENCES_BY_ID | CROSS_FIELD_RULES | STORED_OR_CONTENT_RULES
    excluded = [positive_data_acceptance] if case.operation.label in unguessable else []
    case.call_and_validate(headers=auth_headers, excluded_checks=excluded)
