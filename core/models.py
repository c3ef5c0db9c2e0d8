from django.db import models

# The largest id a bigint primary key holds: an id from a request above it can match nothing, and
# passed on it overflows the database driver (SQLite: OverflowError) instead of answering 404/400.
MAX_ID = 2**63 - 1


def is_storable_id(value: int) -> bool:
    """Whether an id from a request can name a row at all: raw SQL and foreign key filters must
    not receive one past MAX_ID (SQLite's driver overflows); Django's own pk lookups answer
    nothing for it already."""
    return 0 < value <= MAX_ID


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
