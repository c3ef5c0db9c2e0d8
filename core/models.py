from django.db import models

# The largest id a bigint primary key holds: an id from a request above it can match nothing, and
# passed on it overflows the database driver (SQLite: OverflowError) instead of answering 404/400.
MAX_ID = 2**63 - 1


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
