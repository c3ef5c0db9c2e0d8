"""The web tier for real (bench/webtier.py): nginx from deploy/nginx/nginx.conf in front of two
gunicorn replicas; one is restarted (SIGTERM, exit, start, ready) while authenticated requests
flow through nginx, and not one request fails. Nothing is timed here: `make bench-replicas`
measures (docs/performance.md, "Web tier")."""

import http.client
import os
import threading
import time

import pytest
from django.conf import settings as django_settings
from rest_framework_simplejwt.tokens import AccessToken

from bench.webtier import (
    Nginx,
    Replica,
    access_log_summary,
    free_port,
    nginx_binary,
    render,
    rolling_restart,
)
from tests_support import subprocess_database_url

needs_nginx = pytest.mark.skipif(
    nginx_binary() is None, reason="nginx is not installed (.ci/run installs it)"
)


def test_the_rendered_configuration_is_the_compose_site_over_every_replica(tmp_path):
    config = render(
        prefix=tmp_path, listen="127.0.0.1:9", api=["127.0.0.1:1", "127.0.0.1:2"], root=tmp_path
    )
    main, site = config.read_text(), (tmp_path / "site.conf").read_text()
    assert "@" not in main.replace("$remote_addr", "")  # every placeholder filled in
    assert main.count("max_fails=1") == 2 and "keepalive 32;" in main
    assert f"pid {tmp_path}/nginx.pid;" in main and f"access_log {tmp_path}/access.log" in main
    # The site is frontend/nginx.conf, failover and all: only its address and paths changed.
    assert "proxy_next_upstream error timeout http_502 http_503;" in site
    assert "listen 127.0.0.1:9;" in site and f"root {tmp_path};" in site


def _get_forever(port: int, token: str, stop: threading.Event, outcomes: list) -> None:
    """GET /api/auth/me/ through nginx until told to stop; each outcome is a status or the
    exception a client would have seen."""
    while not stop.is_set():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request(
                "GET",
                "/api/auth/me/",
                headers={"Host": "localhost", "Authorization": f"Bearer {token}"},
            )
            response = connection.getresponse()
            response.read()
            outcomes.append(response.status)
        except OSError as error:
            outcomes.append(repr(error))
        finally:
            connection.close()


@needs_nginx
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # the replicas must see the user
def test_a_replica_restarted_under_load_fails_no_request(tmp_path, user):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "atomic_habits_tracker.settings.ci",
        "TEST_REDIS_NAMESPACE": django_settings.REDIS_NAMESPACE,
        "DATABASE_URL": subprocess_database_url(),
        "REDIS_URL": django_settings.REDIS_URL,
        "LOG_DIR": str(tmp_path),
    }
    replicas = [Replica(port=free_port(), env=env, log_dir=tmp_path) for _ in range(2)]
    token = str(AccessToken.for_user(user))
    (tmp_path / "dist").mkdir()
    stop, outcomes, clients = threading.Event(), [], []
    try:
        for replica in replicas:
            replica.start()
        for replica in replicas:
            replica.wait_ready()
        nginx = Nginx(
            prefix=tmp_path / "nginx",
            port=free_port(),
            api=[replica.address for replica in replicas],
            root=tmp_path / "dist",
        )
        with nginx:
            clients = [
                threading.Thread(target=_get_forever, args=(nginx.port, token, stop, outcomes))
                for _ in range(2)
            ]
            for client in clients:
                client.start()
            time.sleep(1)
            before = len(outcomes)
            rolling_restart(replicas[:1], settle_seconds=1)
            during = len(outcomes) - before
            stop.set()
            for client in clients:
                client.join(timeout=90)
            log = access_log_summary(nginx.access_log())
            upstreams = {entry["upstream"] for entry in nginx.access_log()}
    finally:
        stop.set()
        for replica in replicas:
            replica.stop()
    failed = [outcome for outcome in outcomes if outcome != 200]
    assert failed == [], failed[:5]
    assert during > 0  # requests were flowing while the replica was down and coming back
    assert log["failed"] == 0 and log["requests"] == len(outcomes)
    assert {replica.address for replica in replicas} <= {
        address for entry in upstreams for address in entry.split(", ")
    }
