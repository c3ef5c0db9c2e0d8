"""Health checks, the API's JSON 404, the schema and docs, and the single-page-app fallback."""

import json

import pytest
from django.db import OperationalError
from django.test import Client
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core import health
from core.exceptions import ValidationFailed
from core.pagination import StandardPagination
from core.views import server_error

pytestmark = pytest.mark.django_db


def test_healthz_answers_while_the_process_runs(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_is_200_when_database_and_redis_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "failed": []}


def test_readyz_names_redis_when_it_is_down_and_logs_why_without_saying_it(
    client, settings, caplog
):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["redis"]}
    assert b"ConnectionError" not in response.content and b":1" not in response.content
    assert "ConnectionError" in caplog.text


class _BrokenConnection:
    """A database connection whose driver error names the server, as real ones do."""

    def cursor(self):
        raise OperationalError('connection to "db-internal.example" failed: password for "aht"')


def test_readyz_names_the_database_when_it_is_down_and_logs_the_driver_message(
    client, monkeypatch, caplog
):
    monkeypatch.setattr(health, "connection", _BrokenConnection())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["database"]}
    assert b"db-internal" not in response.content
    assert "db-internal.example" in caplog.text


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/no/such/thing/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_wrong_method_is_405_in_the_error_shape(auth_client):
    response = auth_client.delete("/api/auth/me/")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/auth/register/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    assert client.get("/api/redoc/").status_code == 200


def test_client_routes_fall_back_to_the_web_apps_index(client, settings, tmp_path):
    (tmp_path / "index.html").write_text("<div id=root></div>")
    settings.FRONTEND_DIST_DIR = tmp_path
    response = client.get("/habits/12")
    assert response.status_code == 200
    assert b"<div id=root>" in b"".join(response.streaming_content)


def test_without_a_build_the_root_explains_how_to_get_one(client, settings, tmp_path):
    settings.FRONTEND_DIST_DIR = tmp_path / "missing"
    response = client.get("/")
    assert response.status_code == 503
    assert b"/api/docs/" in response.content


def test_a_body_over_the_upload_limit_is_a_json_400(api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = b'{"email": "' + b"a" * 2000 + b'"}'
    response = api_client.post("/api/auth/register/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_a_body_that_is_not_utf8_is_a_parse_error(api_client):
    response = api_client.post("/api/auth/login/", b"\xff\xfe{", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_an_unexpected_api_error_is_a_json_500(rf):
    response = server_error(rf.get("/api/habits/"))
    assert response.status_code == 500
    assert json.loads(response.content)["error"]["code"] == "server_error"


def test_unknown_api_path_is_a_json_404_for_writes_too():
    """Not Django's CSRF 403 page: the API has no cookies to protect (found by fuzzing)."""
    response = Client(enforce_csrf_checks=True).post("/api/no/such/thing/", {})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("value", ["null", "0", "-1", "1.5", "²", ""])
def test_a_page_size_that_is_not_a_positive_integer_is_refused(value):
    request = Request(APIRequestFactory().get("/", {"page_size": value}))
    with pytest.raises(ValidationFailed) as refused:
        StandardPagination().get_page_size(request)
    assert "page_size" in refused.value.fields


@pytest.mark.parametrize(("value", "size"), [(None, 20), ("5", 5), ("1000", 100)])
def test_page_size_defaults_and_is_capped(value, size):
    query = {} if value is None else {"page_size": value}
    request = Request(APIRequestFactory().get("/", query))
    assert StandardPagination().get_page_size(request) == size


def test_a_misspelt_list_filter_is_a_400_naming_it(auth_client):
    response = auth_client.get("/api/habits/", {"is_activ": "true", "page": "1"})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["is_activ"]


def test_known_list_parameters_are_accepted(auth_client):
    query = {"is_active": "true", "ordering": "-name", "page": "1", "page_size": "5"}
    assert auth_client.get("/api/habits/", query).status_code == 200
    assert auth_client.get("/api/instances/today/", {"page_size": "100"}).status_code == 200


def test_an_api_path_with_a_newline_is_a_json_404(auth_client):
    response = auth_client.patch("/api/habits/%C3%A1%0A/", {}, format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
