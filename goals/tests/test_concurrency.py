import datetime as dt
import threading

import pytest
from django.db import connection

from core.events import subscribe, unsubscribe
from goals.events import GOAL_COMPLETED
from goals.models import Goal
from goals.services import goal_stage_complete, goal_stage_create
from goals.tests.factories import GoalFactory

NOW = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


@pytest.mark.postgresql_only(reason="SQLite has one writer at a time: nothing runs concurrently")
@pytest.mark.django_db(transaction=True)
def test_stages_ticked_at_once_count_each_other_and_complete_the_goal_once(user):
    """Each tick counts the stages with the goal's row locked: without the lock, ticks running
    together would each count the others as open, and the goal would never complete."""
    goal = GoalFactory(user=user)
    stages = [
        goal_stage_create(user=user, goal_id=goal.pk, data={"title": f"s{n}"}, now=NOW)[0]
        for n in range(6)
    ]
    completions = []

    def record(**payload):
        completions.append(payload)

    barrier = threading.Barrier(len(stages))

    def tick(stage_id):
        try:
            barrier.wait()
            goal_stage_complete(user=user, goal_id=goal.pk, stage_id=stage_id, now=NOW)
        finally:
            connection.close()

    subscribe(GOAL_COMPLETED, record)
    try:
        threads = [threading.Thread(target=tick, args=(stage.pk,)) for stage in stages]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        unsubscribe(GOAL_COMPLETED, record)
    goal = Goal.objects.get(pk=goal.pk)
    assert goal.progress == 100 and goal.completed_at == NOW
    assert completions == [{"goal_id": goal.pk, "now": NOW}]
