"""Starts every process of the system in one terminal with honcho; one Ctrl-C stops them all.

web (gunicorn), Celery worker, Celery beat, the embedded Redis when no REDIS_URL is configured,
and the Telegram bot when TELEGRAM_BOT_TOKEN is set.
"""

import os
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "atomic_habits_tracker.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import get_commands  # noqa: E402

from atomic_habits_tracker.vapid_file import vapid_keys_write_file  # noqa: E402


def main() -> None:
    # Celery's default queue and the AI breakdown's own (settings CELERY_TASK_ROUTES): a worker
    # takes tasks only from the queues it names.
    queues = "celery,ai,imports"
    python = shlex.quote(sys.executable)
    bin_dir = Path(sys.executable).parent
    host, port = settings.WEB_HOST, settings.WEB_PORT
    processes = {}
    embedded_url = f"redis://127.0.0.1:{settings.EMBEDDED_REDIS_PORT}/0"
    embedded_redis = embedded_url == settings.REDIS_URL
    if embedded_redis:
        processes["redis"] = (
            f"{python} scripts/embedded_redis.py serve {settings.EMBEDDED_REDIS_PORT}"
        )
    processes["web"] = (
        f"env LOG_FILE_NAME=web.log {bin_dir}/gunicorn atomic_habits_tracker.wsgi "
        f"--bind {host}:{port} --workers {settings.WEB_WORKERS} --access-logfile -"
    )
    processes["worker"] = (
        f"env LOG_FILE_NAME=worker.log {bin_dir}/celery -A atomic_habits_tracker worker "
        f"--queues {queues} --loglevel INFO --concurrency 2"
    )
    processes["beat"] = (
        f"env LOG_FILE_NAME=beat.log {bin_dir}/celery -A atomic_habits_tracker beat --loglevel INFO"
    )
    if not (settings.WEBPUSH_VAPID_PUBLIC_KEY or settings.WEBPUSH_VAPID_PRIVATE_KEY):
        # Web Push needs a key pair; a server that never had one gets its own, kept in var/
        # like the SQLite database, and read by every process's settings from there.
        vapid_keys_write_file(settings.WEBPUSH_VAPID_FILE)
        print(f"Web Push: generated a VAPID key pair into {settings.WEBPUSH_VAPID_FILE}.")
    if not getattr(settings, "TELEGRAM_BOT_TOKEN", ""):
        print("Telegram bot: off (set TELEGRAM_BOT_TOKEN to turn it on).")
    elif "runbot" in get_commands():
        processes["bot"] = f"env LOG_FILE_NAME=bot.log {python} manage.py runbot"

    procfile = Path(settings.VAR_DIR) / "Procfile"
    procfile.write_text("".join(f"{name}: {command}\n" for name, command in processes.items()))
    base = f"http://{host}:{port}"
    print(
        f"\nAtomic Habits Tracker is starting ({', '.join(processes)}).\n"
        f"  Web app:   {base}/\n  Admin:     {base}/admin/   (make superuser creates an operator)\n"
        f"  API docs:  {base}/api/docs/\n  Readiness: {base}/readyz\n"
        f"  Database:  {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
        f"   Redis: {'embedded' if embedded_redis else settings.REDIS_URL}\n"
        f"  Logs:      stdout and {settings.LOG_DIR}/\nPress Ctrl-C to stop everything.\n",
        flush=True,
    )
    os.chdir(ROOT)
    honcho = str(bin_dir / "honcho")
    os.execv(honcho, [honcho, "-f", str(procfile), "-d", str(ROOT), "start"])


if __name__ == "__main__":
    main()
