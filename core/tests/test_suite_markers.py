"""The suite's own markers (conftest.py) do what they say."""

import pytest
from django.db import connection


@pytest.mark.postgresql_only(reason="checks the marker itself")
def test_a_postgresql_only_test_runs_on_postgresql_and_is_skipped_elsewhere():
    assert connection.vendor == "postgresql"
