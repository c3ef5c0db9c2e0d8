"""Readiness checks: each answers whether its service responds and logs why when it does not.

/readyz is public, so the reason (driver messages carry host names, ports and sometimes user
names) goes to the log for operators, never into the response.
"""

import logging

import redis
from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)


def database_ready() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any driver error means "not ready"
        logger.exception("Readiness: the database does not answer")
        return False
    return True


def redis_ready() -> bool:
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        logger.exception("Readiness: Redis does not answer")
        return False
    finally:
        client.close()
    return True
