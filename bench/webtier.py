"""The web tier on loopback: several gunicorn replicas behind the real nginx, run from the repo's
own configuration (deploy/nginx/nginx.conf around frontend/nginx.conf, the compose image's site),
for the load test (bench/replicas.py) and its test (bench/tests/test_webtier.py).

Also a command, to run the same web tier by hand on a machine without containers:

    python -m bench.webtier render --prefix /tmp/aht-nginx --listen 127.0.0.1:8080 \\
        --root frontend/dist --api 127.0.0.1:8001 --api 127.0.0.1:8002
    nginx -p /tmp/aht-nginx -c /tmp/aht-nginx/nginx.conf -e /tmp/aht-nginx/error.log

Nothing here needs Django: the replicas are separate processes given an environment.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "deploy" / "nginx" / "nginx.conf"
SITE = REPO / "frontend" / "nginx.conf"
SECURITY_HEADERS = REPO / "frontend" / "security-headers.conf"
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
# A replica that failed is left out this long before a real request tries it again.
FAIL_TIMEOUT_SECONDS = 5
# After a drain's reload: nginx's new workers started, the old ones' requests answered (ours
# take well under a second), as Kubernetes' preStop pause lets the endpoints update.
DRAIN_SECONDS = 2


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    candidates = [found] if found else []
    candidates += ["/usr/sbin/nginx", "/usr/local/sbin/nginx"]
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def render(
    *, prefix: Path, listen: str, api: list[str], root: Path, down: frozenset = frozenset()
) -> Path:
    """deploy/nginx/nginx.conf and the site for this host under `prefix`; answers the main file.
    The site is frontend/nginx.conf with only its listen address and paths changed. The replicas
    in `down` are listed but sent nothing (drained before a restart)."""
    prefix.mkdir(parents=True, exist_ok=True)
    for name in TEMP_DIRS:
        (prefix / name).mkdir(exist_ok=True)
    headers = prefix / "security-headers.conf"
    shutil.copy(SECURITY_HEADERS, headers)
    site = SITE.read_text()
    for original, local in {
        "listen 8080;": f"listen {listen};",
        "root /usr/share/nginx/html;": f"root {Path(root).resolve()};",
        "include /etc/nginx/security-headers.conf;": f"include {headers};",
    }.items():
        if original not in site:
            raise ValueError(f"frontend/nginx.conf no longer has `{original}`: update render()")
        site = site.replace(original, local)
    (prefix / "site.conf").write_text(site)
    servers = "\n".join(
        f"        server {address} max_fails=1 fail_timeout={FAIL_TIMEOUT_SECONDS}s"
        + (" down;" if address in down else ";")
        for address in api
    )
    # As root, nginx's workers would drop to `nobody`, who cannot read a private temp dir.
    user = "user root;" if os.geteuid() == 0 else ""
    main = TEMPLATE.read_text()
    for placeholder, value in {
        "@USER@": user,
        "@PREFIX@": str(prefix),
        "@API_SERVERS@": servers,
    }.items():
        main = main.replace(placeholder, value)
    path = prefix / "nginx.conf"
    path.write_text(main)
    return path


def _wait(check, *, timeout: float, what: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what}: exited {process.returncode}: {_tail(log)}")
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what}: not ready within {timeout:.0f} s: {_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text()[-3000:] if log.exists() else ""


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class Replica:
    """One gunicorn on 127.0.0.1:<port> (sync workers, as the Dockerfile runs it). Stopped as an
    orchestrator stops a container: SIGTERM, then gunicorn finishes the requests it holds."""

    def __init__(self, *, port: int, env: dict, log_dir: Path, workers: int = 1):
        self.port, self.env, self.workers = port, env, workers
        self.address = f"127.0.0.1:{port}"
        self.log = log_dir / f"gunicorn-{port}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        gunicorn = Path(sys.executable).parent / "gunicorn"
        command = [str(gunicorn), "atomic_habits_tracker.wsgi", "--bind", self.address]
        # A generous worker timeout: on a loaded machine Django's first request can take a while.
        command += ["--workers", str(self.workers), "--timeout", "120", "--log-level", "warning"]
        with self.log.open("a") as out:
            self.process = subprocess.Popen(
                command, cwd=REPO, env=self.env, stdout=out, stderr=out, start_new_session=True
            )

    def wait_ready(self, timeout: float = 90) -> None:
        """Until /readyz answers 200 (the database and Redis reached), as a readiness probe."""
        url = f"http://{self.address}/readyz"
        _wait(
            lambda: _answers(url),
            timeout=timeout,
            what=f"replica {self.address}",
            process=self.process,
            log=self.log,
        )

    def stop(self, timeout: float = 60) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=timeout)

    def restart(self) -> None:
        self.stop()
        self.start()
        self.wait_ready()


class Nginx:
    """The real nginx in the foreground (daemon off) with a rendered configuration; stopped
    with SIGQUIT (graceful: open requests are finished)."""

    def __init__(self, *, prefix: Path, port: int, api: list[str], root: Path):
        self.prefix, self.port, self.api, self.root = prefix, port, api, root
        self.base = f"http://127.0.0.1:{port}"
        self.config = render(prefix=prefix, listen=f"127.0.0.1:{port}", api=api, root=root)
        self.process: subprocess.Popen | None = None

    def _command(self, *extra: str) -> list[str]:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed")
        error_log = str(self.prefix / "error.log")
        return [binary, "-p", str(self.prefix), "-c", str(self.config), "-e", error_log, *extra]

    def __enter__(self) -> "Nginx":
        checked = subprocess.run(self._command("-t"), capture_output=True, text=True)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx -t refused the configuration: {checked.stderr}")
        self.process = subprocess.Popen(
            self._command("-g", "daemon off;"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        _wait(
            lambda: _answers(f"{self.base}/nginx-health"),
            timeout=30,
            what="nginx",
            process=self.process,
            log=self.prefix / "error.log",
        )
        return self

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def drain(self, down: frozenset) -> None:
        """The upstream with `down` marked down, loaded by a graceful reload (SIGHUP: new
        workers take new requests, old ones finish theirs)."""
        render(
            prefix=self.prefix,
            listen=f"127.0.0.1:{self.port}",
            api=self.api,
            root=self.root,
            down=down,
        )
        self.process.send_signal(signal.SIGHUP)
        time.sleep(DRAIN_SECONDS)

    def access_log(self) -> list[dict]:
        """The access log's requests: status, the replica(s) tried and their statuses."""
        pattern = re.compile(r'" (\d{3}) upstream=(\S.*?) upstream_status=(\S.*?) request_time=')
        entries = []
        for line in (self.prefix / "access.log").read_text().splitlines():
            match = pattern.search(line)
            if match:
                entries.append(
                    {
                        "status": int(match.group(1)),
                        "upstream": match.group(2),
                        "upstream_status": match.group(3),
                    }
                )
        return entries


def access_log_summary(entries: list[dict]) -> dict:
    """Answers by status, the failed ones, and the requests nginx retried on another replica.
    Failed: any answer but 2xx, except 499, nginx's mark for a request whose client left before
    the answer (wrk does, for the requests in flight when it stops): no client saw a failure."""
    statuses = Counter(entry["status"] for entry in entries)
    return {
        "requests": len(entries),
        "failed": sum(
            count for status, count in statuses.items() if not 200 <= status < 300 and status != 499
        ),
        "client_closed": statuses.get(499, 0),
        "statuses": dict(statuses),
        "retried": sum(1 for entry in entries if "," in entry["upstream"]),
    }


def rolling_restart(
    replicas: list[Replica], *, settle_seconds: float, drain: Nginx | None = None
) -> list[dict]:
    """Each replica in turn: SIGTERM, wait for it to exit, start it, wait until /readyz answers;
    then `settle_seconds` before the next (nginx tries it again after its fail_timeout).
    With `drain`, that nginx first stops sending the replica anything and takes it back once it
    is ready: what Kubernetes does with a pod's endpoints. Without, nginx learns of the stop from
    the refused or reset connections and retries those requests on another replica; requests
    already queued in the stopping replica's listen backlog wait until it exits."""
    steps = []
    for replica in replicas:
        started = time.monotonic()
        if drain:
            drain.drain(frozenset({replica.address}))
        replica.stop()
        stopped = time.monotonic()
        replica.start()
        replica.wait_ready()
        if drain:
            drain.drain(frozenset())
        steps.append(
            {
                "replica": replica.address,
                "stop_s": round(stopped - started, 2),
                "down_s": round(time.monotonic() - stopped, 2),
            }
        )
        time.sleep(settle_seconds)
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    render_command = commands.add_parser("render", help="write nginx.conf and site.conf")
    render_command.add_argument("--prefix", type=Path, required=True)
    render_command.add_argument("--listen", default="127.0.0.1:8080")
    render_command.add_argument("--root", type=Path, default=REPO / "frontend" / "dist")
    render_command.add_argument("--api", action="append", required=True, help="host:port")
    arguments = parser.parse_args(argv)
    path = render(
        prefix=arguments.prefix.resolve(),
        listen=arguments.listen,
        api=arguments.api,
        root=arguments.root,
    )
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
