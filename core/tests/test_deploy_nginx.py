"""The frontend's nginx (frontend/nginx.conf + security-headers.conf): read as nginx parses it,
then — where nginx is installed (.ci/run installs it) — run for real on a loopback port in front
of gunicorn with the environment compose gives the api service."""

import http.client
import os
import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils.crypto import get_random_string

from core.tests.deployment import (
    REPO,
    compose_dotenv,
    dockerfile_stages,
    local_process_environment,
    parse_nginx,
    service_environment,
)
from tests_support import subprocess_database_url
from users.models import User

FRONTEND = REPO / "frontend"
SNIPPET_PATH = "/etc/nginx/security-headers.conf"  # where frontend/Dockerfile puts it
SECURITY_HEADERS = {
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
}


def _server():
    return parse_nginx((FRONTEND / "nginx.conf").read_text()).all("server")[0]


def _locations():
    return {" ".join(location.args): location for location in _server().all("location")}


def _headers_snippet() -> dict[str, list[str]]:
    snippet = parse_nginx((FRONTEND / "security-headers.conf").read_text())
    return {args[0]: args[1:] for args in snippet.values("add_header")}


def _csp() -> dict[str, list[str]]:
    policy = _headers_snippet()["Content-Security-Policy"][0]
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in policy.split(";")
        if directive.strip()
    }


def test_the_image_puts_both_files_where_nginx_reads_them():
    copies = [
        i.arguments for i in dockerfile_stages(FRONTEND / "Dockerfile")[-1] if i.keyword == "COPY"
    ]
    assert "nginx.conf /etc/nginx/conf.d/default.conf" in copies
    assert "nginx-upstream.conf /etc/nginx/conf.d/00-upstream.conf" in copies
    assert f"security-headers.conf {SNIPPET_PATH}" in copies


def test_every_location_serving_the_web_app_sends_the_security_headers():
    """nginx drops inherited add_header lines in a location with its own, so each includes them."""
    spa_locations = [loc for loc in _locations().values() if loc.all("try_files")]
    assert len(spa_locations) == 2  # /assets/ and the client-side routes
    for location in spa_locations:
        assert [SNIPPET_PATH] in location.values("include")
    assert set(_headers_snippet()) == SECURITY_HEADERS
    assert all(args[-1] == "always" for args in _headers_snippet().values())  # on 404s too


def test_the_content_security_policy_allows_the_app_and_nothing_else():
    csp = _csp()
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # the built app has no inline or third-party script
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]  # MUI's emotion writes <style>s
    assert csp["connect-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    sources = {source for values in csp.values() for source in values}
    assert sources <= {"'self'", "'none'", "'unsafe-inline'", "data:"}  # no third-party origin
    headers = _headers_snippet()
    assert headers["X-Content-Type-Options"][0] == "nosniff"
    assert headers["X-Frame-Options"][0] == "DENY"
    assert headers["Referrer-Policy"][0] == "same-origin"  # reset links carry tokens in the URL


def test_django_gets_the_browsers_host_and_original_scheme():
    maps = parse_nginx((FRONTEND / "nginx.conf").read_text()).all("map")
    assert [m.args for m in maps] == [["$http_x_forwarded_proto", "$forwarded_proto"]]
    entries = {(entry.name, *entry.args) for entry in maps[0].block}
    assert entries == {("default", "$scheme"), ("https", "https")}
    for pattern, location in _locations().items():
        if location.all("proxy_pass"):
            assert ["Host", "$http_host"] in location.values("proxy_set_header"), pattern
    api = _locations()["~ ^/(api|admin|static|ical)/"]
    assert ["X-Forwarded-Proto", "$forwarded_proto"] in api.values("proxy_set_header")
    assert not api.all("add_header")  # Django's pages keep Django's headers


# --- the real nginx ------------------------------------------------------------------------------
NGINX = shutil.which("nginx") or next(
    (path for path in ["/usr/sbin/nginx", "/usr/local/sbin/nginx"] if os.access(path, os.X_OK)),
    None,
)
needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx is not installed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"exited {process.returncode}: {log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}: {log.read_text()[-3000:]}")


def _render(tmp_path: Path, port: int, api_port: int, dist: Path) -> Path:
    """frontend/nginx.conf as the image's nginx.conf includes it, on loopback ports, with the
    api upstream at `api_port`; only addresses and paths change."""
    # The image's conf.d: the compose upstream, then the site.
    site = (FRONTEND / "nginx-upstream.conf").read_text() + (FRONTEND / "nginx.conf").read_text()
    replacements = {
        "server api:8000;": f"server 127.0.0.1:{api_port};",
        "listen 8080;": f"listen 127.0.0.1:{port};",
        "root /usr/share/nginx/html;": f"root {dist};",
        f"include {SNIPPET_PATH};": f"include {tmp_path / 'security-headers.conf'};",
    }
    for original, local in replacements.items():
        assert original in site, original
        site = site.replace(original, local)
    shutil.copy(FRONTEND / "security-headers.conf", tmp_path / "security-headers.conf")
    (tmp_path / "default.conf").write_text(site)
    temp_paths = "".join(
        f"    {kind}_temp_path {tmp_path / kind};\n"
        for kind in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    )
    mime_types = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").is_file() else ""
    main = tmp_path / "nginx.conf"
    main.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # workers must read the 0700 tmp dirs
        + f"daemon off;\nworker_processes 1;\npid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'error.log'} warn;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n    {mime_types}\n    default_type application/octet-stream;\n"
        f"    access_log off;\n{temp_paths}    include {tmp_path / 'default.conf'};\n}}\n"
    )
    return main


@pytest.fixture
def stack(tmp_path, django_db_setup):
    """nginx on a loopback port in front of gunicorn running the api service's compose
    environment (out of the box: .env.example with its secrets filled in)."""
    port, api_port = _free_port(), _free_port()
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text('<div id="root"></div>')
    (dist / "assets" / "index-abc123.js").write_text("console.log('app')")
    config = _render(tmp_path, port, api_port, dist)
    checked = subprocess.run(
        [NGINX, "-t", "-c", str(config), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr

    environment = local_process_environment(service_environment("api", compose_dotenv()), tmp_path)
    environment["DATABASE_URL"] = subprocess_database_url()
    gunicorn_log, nginx_log = tmp_path / "gunicorn.log", tmp_path / "nginx.out"
    # A generous worker timeout: on a loaded machine Django's first request can take a while.
    command = ["gunicorn", "atomic_habits_tracker.wsgi", "--bind", f"127.0.0.1:{api_port}"]
    command += ["--timeout", "120"]
    with gunicorn_log.open("w") as out:
        gunicorn = subprocess.Popen(command, cwd=REPO, env=environment, stdout=out, stderr=out)
    with nginx_log.open("w") as out:
        nginx = subprocess.Popen(
            [NGINX, "-c", str(config), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
            stdout=out,
            stderr=out,
        )
    try:
        _wait_for_port(api_port, gunicorn, gunicorn_log)
        _wait_for_port(port, nginx, tmp_path / "error.log")
        assert _get(port, "/healthz").status == 200  # Django has answered once: it is warm
        yield port
    finally:
        for process in (nginx, gunicorn):
            process.terminate()
            process.wait(timeout=10)


def _get(port, path, method="GET", headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=90)
    connection.request(
        method, path, body=body, headers={"Host": f"localhost:{port}", **(headers or {})}
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@needs_nginx
@pytest.mark.django_db
def test_the_web_app_and_the_api_through_nginx(stack):
    for path, status in [
        ("/", 200),
        ("/habits/7", 200),
        ("/assets/index-abc123.js", 200),
        ("/assets/gone.js", 404),
    ]:
        response = _get(stack, path)
        assert response.status == status, path
        assert set(response.headers) >= SECURITY_HEADERS, path
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "immutable" in _get(stack, "/assets/index-abc123.js").headers["Cache-Control"]
    # the calendar feed's URLs reach Django (a JSON 404 for an unknown token), not the web app
    feed = _get(stack, "/ical/not-a-token.ics")
    assert feed.status == 404 and feed.headers["Content-Type"] == "application/json"

    # Plain HTTP on the compose port: the API answers, no redirect to https://localhost:<port>.
    plain = _get(stack, "/api/auth/me/")
    assert plain.status == 401 and plain.headers["Location"] is None
    assert plain.headers["Strict-Transport-Security"] is None
    assert plain.headers["Content-Security-Policy"] is None  # Django's pages, Django's headers

    # Behind a TLS terminator (it says https): served once, not redirected in a loop, with HSTS.
    tls = _get(stack, "/api/auth/me/", headers={"X-Forwarded-Proto": "https"})
    assert tls.status == 401
    assert tls.headers["Strict-Transport-Security"].startswith("max-age=")


@needs_nginx
@pytest.mark.django_db(transaction=True)  # gunicorn must see the operator's account
def test_an_operator_signs_in_to_the_admin_on_the_compose_port(stack):
    """The browser's Origin carries the port (http://localhost:8080) and Django checks the admin's
    CSRF against the Host it is given, so nginx must pass the port on; over plain HTTP the
    session cookie must not be Secure, or the browser never sends it back."""
    password = secrets.token_urlsafe(12)
    # A hasher the production settings know (the test settings hash with MD5 only).
    encoded = PBKDF2PasswordHasher().encode(password, "saltsaltsalt", iterations=1000)
    User.objects.create(
        email="operator@example.org", password=encoded, is_staff=True, is_superuser=True
    )
    csrf = get_random_string(32)
    form = urlencode(
        {"username": "operator@example.org", "password": password, "csrfmiddlewaretoken": csrf}
    )
    response = _get(
        stack,
        "/admin/login/?next=/admin/",
        method="POST",
        body=form,
        headers={
            "Cookie": f"csrftoken={csrf}",
            "Origin": f"http://localhost:{stack}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert response.status == 302, response.status  # 403 when Django sees a Host without the port
    assert response.headers["Location"] == "/admin/"
    cookies = response.headers.get_all("Set-Cookie")
    assert any(cookie.startswith("sessionid=") for cookie in cookies)
    assert not [cookie for cookie in cookies if "Secure" in cookie]
