"""Progress is right after any sequence of stage changes: hypothesis draws sequences of ticks,
unticks, adds, deletes, drafts accepted or discarded and completions by hand, runs them through the
services, and compares the goal after each step with a plain model of the rule."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.exceptions import Conflict
from goals import services
from goals.models import Goal
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)
# Adds and ticks weigh more, so that sequences reach goals of several stages partly done.
OPERATIONS = (
    ["add"] * 3
    + ["tick"] * 3
    + [
        "delete",
        "untick",
        "draft",
        "accept",
        "complete",
        "reopen",
    ]
)


class Expected:
    """The rule, without a database: stage id -> done, the draft ids, and whether completed."""

    def __init__(self):
        self.stages: dict[int, bool] = {}
        self.drafts: list[int] = []
        self.completed = False

    def follow_the_stages(self):
        if self.stages:
            self.completed = all(self.stages.values())

    @property
    def progress(self) -> int:
        if not self.stages:
            return 100 if self.completed else 0
        return 100 * sum(self.stages.values()) // len(self.stages)


def _apply(operation: str, pick: int, *, user, goal: Goal, expected: Expected) -> None:
    ids = sorted(expected.stages)
    chosen = ids[pick % len(ids)] if ids else None
    stage_args = {"user": user, "goal_id": goal.pk, "stage_id": chosen, "now": NOW}
    if operation == "add":
        stage, _ = services.goal_stage_create(
            user=user, goal_id=goal.pk, data={"title": "s"}, now=NOW
        )
        expected.stages[stage.pk] = False
        expected.follow_the_stages()
    elif operation == "draft":
        stage, _ = services.goal_stage_create(
            user=user, goal_id=goal.pk, data={"title": "d"}, now=NOW, is_draft=True
        )
        expected.drafts.append(stage.pk)
    elif operation == "accept":
        kept = expected.drafts[: pick % (len(expected.drafts) + 1)]
        services.goal_stages_accept_drafts(user=user, goal_id=goal.pk, ids=kept, now=NOW)
        expected.stages.update(dict.fromkeys(kept, False))
        expected.drafts = []
        expected.follow_the_stages()
    elif chosen is not None and operation == "delete":
        services.goal_stage_delete(**stage_args)
        del expected.stages[chosen]
        expected.follow_the_stages()
    elif chosen is not None and operation in ("tick", "untick"):
        done = operation == "tick"
        service = services.goal_stage_complete if done else services.goal_stage_uncomplete
        if expected.stages[chosen] == done:
            with pytest.raises(Conflict):
                service(**stage_args)
        else:
            service(**stage_args)
            expected.stages[chosen] = done
            expected.follow_the_stages()
    elif operation == "complete":
        refused = expected.completed or not all(expected.stages.values())
        if refused:
            with pytest.raises(Conflict):
                services.goal_complete(user=user, goal_id=goal.pk, now=NOW)
        else:
            services.goal_complete(user=user, goal_id=goal.pk, now=NOW)
            expected.completed = True
    elif operation == "reopen":
        if expected.stages or not expected.completed:
            with pytest.raises(Conflict):
                services.goal_reopen(user=user, goal_id=goal.pk, now=NOW)
        else:
            services.goal_reopen(user=user, goal_id=goal.pk, now=NOW)
            expected.completed = False


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 20)), max_size=20))
def test_progress_and_completion_follow_every_sequence_of_stage_changes(db, steps):
    user = UserFactory()
    goal = services.goal_create(user=user, data={"title": "Goal"}, now=NOW)
    expected = Expected()
    for operation, pick in steps:
        _apply(operation, pick, user=user, goal=goal, expected=expected)
        goal.refresh_from_db()
        assert goal.progress == expected.progress, (operation, expected.stages)
        assert (goal.completed_at is not None) == expected.completed, (operation, expected.stages)
