import datetime as dt

import pytest
from django.urls import reverse

from core.events import subscribe, unsubscribe
from core.exceptions import ValidationFailed
from goals import services
from goals.events import GOAL_COMPLETED, STAGE_COMPLETED
from goals.models import Goal, GoalStage
from goals.tests.factories import GoalFactory, GoalStageFactory
from habits.tests.factories import HabitFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=1)


@pytest.fixture
def announced():
    """Every goal event announced while the test runs, as (event, payload)."""
    seen = []

    def recorder(name):
        def record(**payload):
            seen.append((name, payload))

        return record

    handlers = {
        GOAL_COMPLETED: recorder(GOAL_COMPLETED),
        STAGE_COMPLETED: recorder(STAGE_COMPLETED),
    }
    for name, handler in handlers.items():
        subscribe(name, handler)
    yield seen
    for name, handler in handlers.items():
        unsubscribe(name, handler)


def _add(user, goal, title="s", **kwargs):
    stage, _ = services.goal_stage_create(
        user=user, goal_id=goal.pk, data={"title": title}, now=NOW, **kwargs
    )
    return stage


def test_ticks_announce_the_stage_and_the_goal_once_with_their_now(user, announced):
    goal = GoalFactory(user=user)
    one, two = _add(user, goal), _add(user, goal)
    services.goal_stage_complete(user=user, goal_id=goal.pk, stage_id=one.pk, now=NOW)
    services.goal_stage_complete(user=user, goal_id=goal.pk, stage_id=two.pk, now=LATER)
    assert announced == [
        (STAGE_COMPLETED, {"stage_id": one.pk, "goal_id": goal.pk, "now": NOW}),
        (STAGE_COMPLETED, {"stage_id": two.pk, "goal_id": goal.pk, "now": LATER}),
        (GOAL_COMPLETED, {"goal_id": goal.pk, "now": LATER}),
    ]
    goal.refresh_from_db()
    assert goal.completed_at == LATER
    # deleting a done stage keeps the goal completed, since its first completion
    services.goal_stage_delete(user=user, goal_id=goal.pk, stage_id=one.pk, now=LATER)
    goal.refresh_from_db()
    assert goal.completed_at == LATER and len(announced) == 3


def test_a_goal_completed_by_hand_announces_it(user, announced):
    goal = GoalFactory(user=user)
    services.goal_complete(user=user, goal_id=goal.pk, now=NOW)
    assert announced == [(GOAL_COMPLETED, {"goal_id": goal.pk, "now": NOW})]


def test_refused_changes_announce_nothing(user, announced):
    goal = GoalFactory(user=user)
    stage = _add(user, goal)
    services.goal_stage_complete(user=user, goal_id=goal.pk, stage_id=stage.pk, now=NOW)
    announced.clear()
    with pytest.raises(Exception, match="already completed"):
        services.goal_stage_complete(user=user, goal_id=goal.pk, stage_id=stage.pk, now=NOW)
    with pytest.raises(Exception, match="already completed"):
        services.goal_complete(user=user, goal_id=goal.pk, now=NOW)
    assert announced == []


def test_accepting_drafts_keeps_the_chosen_ones_in_order_after_the_stages(user):
    goal = GoalFactory(user=user)
    done = _add(user, goal, "done")
    services.goal_stage_complete(user=user, goal_id=goal.pk, stage_id=done.pk, now=NOW)
    first, second, third = (_add(user, goal, t, is_draft=True) for t in ("a", "b", "c"))
    goal.refresh_from_db()
    assert goal.progress == 100  # drafts count for nothing

    goal = services.goal_stages_accept_drafts(
        user=user, goal_id=goal.pk, ids=[third.pk, first.pk], now=NOW
    )
    stages = list(GoalStage.objects.filter(goal=goal).order_by("position"))
    assert [(s.title, s.is_draft) for s in stages] == [("done", False), ("c", False), ("a", False)]
    assert not GoalStage.objects.filter(pk=second.pk).exists()
    assert goal.progress == 33 and goal.completed_at is None


def test_accepting_ids_that_are_not_drafts_of_the_goal_is_a_field_error(user, other_user):
    goal = GoalFactory(user=user)
    stage = _add(user, goal)
    draft = _add(user, goal, is_draft=True)
    theirs = GoalStageFactory(goal=GoalFactory(user=other_user), is_draft=True)
    for ids in ([stage.pk], [theirs.pk], [draft.pk, draft.pk]):
        with pytest.raises(ValidationFailed) as refused:
            services.goal_stages_accept_drafts(user=user, goal_id=goal.pk, ids=ids, now=NOW)
        assert "ids" in refused.value.fields
    assert GoalStage.objects.filter(pk=draft.pk, is_draft=True).exists()
    assert GoalStage.objects.filter(pk=theirs.pk, is_draft=True).exists()


def test_export_and_wipe_through_the_account_endpoints(auth_client, user, other_user):
    habit = HabitFactory(user=user)
    goal = services.goal_create(
        user=user, data={"title": "Marathon", "habits": [habit.pk]}, now=NOW
    )
    stage = _add(user, goal, "Run 5 km")
    theirs = GoalFactory(user=other_user, title="Not mine")

    exported = auth_client.get(reverse("account-export")).json()["goals"]
    assert [g["title"] for g in exported] == ["Marathon"]
    assert exported[0]["habits"] == [habit.pk]
    assert [(s["id"], s["title"]) for s in exported[0]["stages"]] == [(stage.pk, "Run 5 km")]

    assert auth_client.delete(reverse("account-data")).status_code == 204
    assert list(Goal.objects.all()) == [theirs]
    assert not GoalStage.objects.filter(pk=stage.pk).exists()
