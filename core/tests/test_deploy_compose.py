"""docker-compose.yml: the services, who holds which database password, and how Django treats
HTTP and HTTPS with the environment compose gives the `api` service (production settings)."""

import json
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from core.tests.deployment import (
    REPO,
    compose_dotenv,
    compose_file,
    local_process_environment,
    read_env_file,
    service_environment,
)

APP_SERVICES = ["api", "worker", "worker-ai", "worker-batch", "beat", "bot"]


def test_compose_file_defines_the_stack():
    services = compose_file()["services"]
    assert set(services) == {"db", "redis", "migrate", *APP_SERVICES, "frontend"}
    assert services["frontend"]["ports"] == ["8080:8080"]
    # Only the frontend's nginx is reachable from outside: it sets the headers Django trusts.
    assert [name for name, service in services.items() if "ports" in service] == ["frontend"]
    for name in [*APP_SERVICES, "migrate"]:
        assert services[name]["environment"]["DJANGO_SETTINGS_MODULE"].endswith(".prod")


def test_compose_refuses_to_start_without_the_database_passwords():
    dotenv = read_env_file(REPO / ".env.example")  # copied, not yet filled in
    with pytest.raises(ValueError, match="DB_APP_PASSWORD"):
        service_environment("api", dotenv)


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_processes_connect_as_the_app_role_and_hold_no_other_password(service):
    dotenv = compose_dotenv()
    environment = service_environment(service, dotenv)
    url = urlsplit(environment["DATABASE_URL"])
    assert (url.username, url.password) == ("aht_app", dotenv["DB_APP_PASSWORD"])
    for secret in ["POSTGRES_PASSWORD", "DB_OWNER_PASSWORD", "DB_APP_PASSWORD"]:
        assert environment[secret] == ""


def test_only_migrate_connects_as_the_schema_owner():
    dotenv = compose_dotenv()
    environment = service_environment("migrate", dotenv)
    url = urlsplit(environment["DATABASE_URL"])
    assert (url.username, url.password) == ("aht_owner", dotenv["DB_OWNER_PASSWORD"])
    assert environment["POSTGRES_PASSWORD"] == ""


def test_the_database_container_creates_the_roles_on_first_start():
    db = compose_file()["services"]["db"]
    assert "./deploy/postgres/initdb:/docker-entrypoint-initdb.d:ro" in db["volumes"]
    assert (REPO / "deploy" / "postgres" / "initdb" / "10-roles.sh").is_file()
    environment = service_environment("db", compose_dotenv())
    assert environment["DB_APP_PASSWORD"] and environment["DB_OWNER_PASSWORD"]


# --- HTTP and HTTPS through the proxy -----------------------------------------------------------
_REQUESTS_SCRIPT = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.test import Client

answers = []
for request in json.load(sys.stdin):
    response = Client().get(request["path"], headers=request["headers"])
    answers.append({"status": response.status_code, "headers": dict(response.headers)})
secure = {name: getattr(settings, name) for name in ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"]}
print(json.dumps({"answers": answers, "settings": secure}))
"""


def _api_answers(dotenv, tmp_path, *requests):
    """Runs `requests` through Django with the environment compose gives the api service."""
    environment = local_process_environment(service_environment("api", dotenv), tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", _REQUESTS_SCRIPT],
        input=json.dumps(list(requests)), env=environment, cwd=REPO,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def _via_proxy(proto, host="localhost:8080"):
    """A request as the frontend's nginx forwards it: the browser's Host and scheme."""
    return {"path": "/api/auth/me/", "headers": {"Host": host, "X-Forwarded-Proto": proto}}


def test_out_of_the_box_plain_http_is_served_and_https_gets_hsts(tmp_path):
    result = _api_answers(compose_dotenv(), tmp_path, _via_proxy("http"), _via_proxy("https"))
    plain, tls = result["answers"]
    assert plain["status"] == 401  # the API's answer, not a redirect to https://localhost:8080
    assert "Location" not in plain["headers"]
    assert "Strict-Transport-Security" not in plain["headers"]
    assert tls["status"] == 401
    assert tls["headers"]["Strict-Transport-Security"].startswith("max-age=2592000")
    # Cookies must come back over plain HTTP, or the admin cannot sign in.
    assert result["settings"] == {"SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False}


def test_behind_a_tls_terminator_https_is_served_and_plain_http_redirected(tmp_path):
    dotenv = compose_dotenv(
        DJANGO_SECURE_SSL_REDIRECT="true", DJANGO_ALLOWED_HOSTS="habits.example.org"
    )
    host = "habits.example.org"
    result = _api_answers(dotenv, tmp_path, _via_proxy("https", host), _via_proxy("http", host))
    tls, plain = result["answers"]
    assert tls["status"] == 401  # served, not redirected again: no loop
    assert "Strict-Transport-Security" in tls["headers"]
    assert plain["status"] == 301
    assert plain["headers"]["Location"] == "https://habits.example.org/api/auth/me/"
    assert result["settings"] == {"SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True}


def test_the_workers_together_serve_every_queue_and_beat_runs_alone():
    services = compose_file()["services"]
    served = []
    for service in services.values():
        command = service.get("command", [])
        if command[:4] == ["celery", "-A", "atomic_habits_tracker", "worker"]:
            served += command[command.index("--queues") + 1].split(",")
    assert sorted(served) == sorted(settings.TASK_QUEUE_NAMES)
    assert "deploy" not in services["beat"] and "deploy" not in services["bot"]
