"""Read replicas: which reads may go to a PostgreSQL streaming replica, and when they may not.

A read goes to a replica only when three things hold:
1. replicas are configured (DATABASE_REPLICA_URLS; unset, everything stays on the primary);
2. the code asked for it: `with replica_reads():` (also a decorator) around a read that may be a
   second stale (public habits, older community pages, the achievements' shares, reports), or a
   queryset handed out lazily through `stale_ok(queryset)`;
3. it runs in a request or a Celery task (a *scope*, opened by ReplicaScopeMiddleware and the
   task signals) that has not written to the primary yet, and not inside a transaction there.
Read-your-own-writes: the first statement a scope sends to the primary that is not a plain
SELECT (an INSERT, UPDATE, DELETE, SELECT ... FOR UPDATE, SAVEPOINT, raw SQL included) pins the
rest of the scope to the primary. Outside a scope (the bot, management commands, a shell) no read
goes to a replica: nothing says where "the rest of the request" ends there.

Writes always go to the primary (also for an object read from a replica), and migrations run
only there: a replica is read-only and receives the schema by streaming replication.
"""

import random
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.db.models import QuerySet

# A statement that only reads: SELECT without a row lock. Anything else on the primary pins the
# scope (conservatively: a SAVEPOINT or a SET LOCAL is taken as the start of a write).
_PLAIN_SELECT = re.compile(r"\s*\(?\s*SELECT\b", re.IGNORECASE)
_ROW_LOCK = re.compile(r"\bFOR\s+(NO\s+KEY\s+UPDATE|UPDATE|KEY\s+SHARE|SHARE)\b", re.IGNORECASE)


@dataclass
class _Scope:
    wrote: bool = False
    replica: str | None = None  # chosen once, so one request reads one replica's snapshot


_scope: ContextVar[_Scope | None] = ContextVar("replica_scope", default=None)
_stale_ok: ContextVar[bool] = ContextVar("replica_stale_ok", default=False)


def replica_aliases() -> list[str]:
    """The aliases of the configured replicas in settings.DATABASES (none: no replicas)."""
    return settings.DATABASE_REPLICAS


@contextmanager
def replica_scope():
    """A request's or a task's lifetime: reads inside replica_reads() may use a replica until the
    scope first writes. A scope opened inside another (a task run eagerly in a request) is the
    same scope: the request's writes hold for the task and the other way round."""
    if _scope.get() is not None:
        yield
        return
    token = _scope.set(_Scope())
    try:
        yield
    finally:
        _scope.reset(token)


@contextmanager
def replica_reads():
    """The ORM reads inside may be a second stale and may go to a replica (see the module)."""
    token = _stale_ok.set(True)
    try:
        yield
    finally:
        _stale_ok.reset(token)


def read_alias() -> str:
    """Where a stale-OK read made now goes: a replica, or the primary (the default alias) when
    there is none, outside a scope, after this scope wrote, or inside a transaction."""
    scope = _scope.get()
    aliases = replica_aliases()
    if not aliases or scope is None or scope.wrote:
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    if scope.replica not in aliases:
        scope.replica = random.choice(aliases)
    return scope.replica


def stale_ok(queryset: QuerySet) -> QuerySet:
    """`queryset` bound to read_alias(), for a selector whose queryset is evaluated later (a
    paginated list view): decided when the selector runs."""
    return queryset.using(read_alias())


def _is_write(sql: str) -> bool:
    return not _PLAIN_SELECT.match(sql) or _ROW_LOCK.search(sql) is not None


def _pin_on_write(execute, sql, params, many, context):
    scope = _scope.get()
    if scope is not None and not scope.wrote and _is_write(sql):
        scope.wrote = True
    return execute(sql, params, many, context)


def _watch_primary(sender, connection, **kwargs):
    """Every statement the primary runs passes _pin_on_write (installed once per connection
    object, first in line: Django's execute_wrapper() contexts pop the last one)."""
    if connection.alias != DEFAULT_DB_ALIAS or not replica_aliases():
        return
    if _pin_on_write not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _pin_on_write)


def replicas_connect_signals() -> None:
    """Called by core's AppConfig.ready(): the primary's statements are watched, and each Celery
    task is a scope of its own."""
    from celery.signals import task_postrun, task_prerun

    connection_created.connect(_watch_primary, dispatch_uid="core.replicas.watch_primary")
    task_prerun.connect(_task_scope_open, dispatch_uid="core.replicas.task_open", weak=False)
    task_postrun.connect(_task_scope_close, dispatch_uid="core.replicas.task_close", weak=False)


_task_scopes: dict[str, object] = {}


def _task_scope_open(task_id=None, **kwargs):
    scope = replica_scope()
    scope.__enter__()
    _task_scopes[task_id] = scope


def _task_scope_close(task_id=None, **kwargs):
    scope = _task_scopes.pop(task_id, None)
    if scope is not None:
        scope.__exit__(None, None, None)


class ReplicaScopeMiddleware:
    """Each request is a scope (first in MIDDLEWARE, so authentication's reads are inside it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with replica_scope():
            return self.get_response(request)


class ReplicaRouter:
    """DATABASE_ROUTERS: stale-OK reads (replica_reads()) to a replica, everything else and every
    write to the primary, migrations only on the primary."""

    def db_for_read(self, model, **hints):
        aliases = replica_aliases()
        if not aliases:
            return None
        if _stale_ok.get():
            return read_alias()
        # Following a relation of an object read from a replica (a prefetch of a stale_ok()
        # list) stays on its replica while that is still allowed; Django's own fallback.
        instance = hints.get("instance")
        if instance is not None and instance._state.db == read_alias():
            return instance._state.db
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        # Explicit: Django would otherwise save an object where it was read from.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # All of them hold the same rows: an object read from a replica may be related to one
        # read from the primary.
        databases = {DEFAULT_DB_ALIAS, *replica_aliases()}
        if obj1._state.db in databases and obj2._state.db in databases:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db in replica_aliases():
            return False
        return None
