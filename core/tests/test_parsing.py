"""Every way a request body can fail to parse is a 400 in the one error shape, on every endpoint
that takes a body, signed in or not (issue 10, item 1)."""

import pytest
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.urls import reverse

from core.exceptions import api_exception_handler
from core.parsing import MAX_JSON_DEPTH

pytestmark = pytest.mark.django_db

DEEP_ARRAY = "[" * 10_000 + "]" * 10_000
DEEP_OBJECT = '{"a":' * 2_000 + "1" + "}" * 2_000
JUST_TOO_DEEP = "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)
# Deep enough to pass the decoder's own recursion check, so only the depth limit refuses it.
JUST_TOO_DEEP_OBJECT = '{"a":' * (MAX_JSON_DEPTH + 1) + "1" + "}" * (MAX_JSON_DEPTH + 1)

# (method, url name, signed in)
ENDPOINTS = [
    ("post", "auth-register", False),
    ("post", "auth-login", False),
    ("post", "auth-forgot-password", False),
    ("post", "auth-refresh", False),
    ("patch", "auth-me", True),
    ("post", "habit-list", True),
    ("delete", "account", True),
]


def _send(client, method, name, body, content_type="application/json"):
    return getattr(client, method)(reverse(name), body, content_type=content_type)


def _assert_parse_error(response):
    assert response.status_code == 400, response.content[:300]
    error = response.json()["error"]
    assert error["code"] == "parse_error"
    assert error["message"]
    assert error["fields"] == {}


@pytest.mark.parametrize(("method", "name", "signed_in"), ENDPOINTS)
@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_OBJECT], ids=["array", "object"])
def test_deeply_nested_json_is_a_400(api_client, auth_client, method, name, signed_in, body):
    client = auth_client if signed_in else api_client
    _assert_parse_error(_send(client, method, name, body))


def test_a_body_just_past_the_depth_limit_is_a_400_and_one_at_it_parses(api_client):
    _assert_parse_error(_send(api_client, "post", "auth-login", JUST_TOO_DEEP))
    at_limit = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    response = _send(api_client, "post", "auth-login", at_limit)
    assert response.json()["error"]["code"] == "invalid"  # parsed; not an object


def test_objects_just_past_the_depth_limit_are_a_400_and_at_it_parse(api_client):
    _assert_parse_error(_send(api_client, "post", "auth-login", JUST_TOO_DEEP_OBJECT))
    at_limit = '{"a":' * MAX_JSON_DEPTH + "1" + "}" * MAX_JSON_DEPTH
    response = _send(api_client, "post", "auth-login", at_limit)
    assert response.json()["error"]["code"] == "invalid"  # parsed; no email, no password


@pytest.mark.parametrize(("method", "name", "signed_in"), ENDPOINTS)
def test_a_body_over_the_upload_limit_is_a_400(
    api_client, auth_client, settings, method, name, signed_in
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = auth_client if signed_in else api_client
    body = '{"email": "' + "a" * 2000 + '@example.com"}'
    _assert_parse_error(_send(client, method, name, body))


def test_a_body_in_an_unknown_charset_is_read_as_utf8(api_client):
    response = _send(
        api_client, "post", "auth-login", b'{"email": "a"}', "application/json; charset=klingon"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"].keys() == {"email", "password"}


def test_non_ascii_text_in_an_unknown_charset_is_read_as_utf8(auth_client):
    body = '{"name": "Zoë"}'.encode()
    response = _send(auth_client, "patch", "auth-me", body, "application/json; charset=klingon")
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Zoë"


def test_bytes_that_are_not_in_the_declared_charset_are_a_400(auth_client):
    response = _send(auth_client, "patch", "auth-me", b'{"name": "\xff\xfe"}')
    _assert_parse_error(response)


def test_a_body_in_another_declared_charset_parses(auth_client, user):
    body = '{"name": "Zoë"}'.encode("utf-16")
    response = _send(auth_client, "patch", "auth-me", body, "application/json; charset=utf-16")
    assert response.status_code == 200
    assert response.json()["name"] == "Zoë"


def test_djangos_own_body_limits_are_parse_errors_in_the_one_shape():
    """Django raises these when something reads `request.body` or a form past
    DATA_UPLOAD_MAX_MEMORY_SIZE / DATA_UPLOAD_MAX_NUMBER_FIELDS; left to Django they are an HTML
    400 outside the error shape."""
    for exc in (RequestDataTooBig("too big"), TooManyFieldsSent("too many")):
        response = api_exception_handler(exc, {})
        assert response.status_code == 400
        assert response.data["error"]["code"] == "parse_error"
