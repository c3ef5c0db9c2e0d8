import pytest
from django.urls import reverse

from goals.models import Goal, GoalStage
from goals.tests.factories import GoalFactory, GoalStageFactory
from tests_support import assert_error

pytestmark = pytest.mark.django_db


def stages(goal_id):
    return reverse("goal-stage-list", args=[goal_id])


def stage_url(goal_id, stage_id, name="detail"):
    return reverse(f"goal-stage-{name}", args=[goal_id, stage_id])


def reorder(goal_id):
    return reverse("goal-stage-reorder", args=[goal_id])


@pytest.fixture
def goal(user):
    return GoalFactory(user=user)


def test_add_stages_in_order(auth_client, goal):
    first = auth_client.post(stages(goal.pk), {"title": "Plan"}, format="json")
    assert first.status_code == 201, first.content
    body = {"title": "Do", "details": "the work", "due_date": "2026-05-01"}
    second = auth_client.post(stages(goal.pk), body, format="json").json()
    assert second["position"] == first.json()["position"] + 1
    assert second["due_date"] == "2026-05-01" and second["is_draft"] is False
    listed = auth_client.get(stages(goal.pk)).json()
    assert [s["title"] for s in listed["results"]] == ["Plan", "Do"]


def test_adding_a_stage_reopens_a_completed_goal(auth_client, goal):
    stage = GoalStageFactory(goal=goal)
    auth_client.put(stage_url(goal.pk, stage.pk, "complete"))
    assert Goal.objects.get(pk=goal.pk).completed_at is not None
    auth_client.post(stages(goal.pk), {"title": "One more"}, format="json")
    goal.refresh_from_db()
    assert goal.completed_at is None and goal.progress == 50


def test_drafts_are_listed_only_when_asked(auth_client, goal):
    GoalStageFactory(goal=goal, title="Kept")
    GoalStageFactory(goal=goal, title="Proposed", is_draft=True)

    def titles(query=""):
        return [s["title"] for s in auth_client.get(stages(goal.pk) + query).json()["results"]]

    assert titles() == ["Kept"]
    assert titles("?is_draft=false") == ["Kept"]
    assert titles("?is_draft=true") == ["Proposed"]
    assert_error(auth_client.get(stages(goal.pk) + "?is_draft=yes"), 400, "invalid", "is_draft")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "title"),
        ({"title": " "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "x", "due_date": "soon"}, "due_date"),
        ({"title": "x", "details": "d" * 5001}, "details"),
    ],
)
def test_bad_stage_input_is_a_field_error(auth_client, goal, body, field):
    assert_error(auth_client.post(stages(goal.pk), body, format="json"), 400, "invalid", field)


def test_edit_and_delete_a_stage(auth_client, goal):
    stage = GoalStageFactory(goal=goal, title="Old", details="keep")
    response = auth_client.patch(stage_url(goal.pk, stage.pk), {"title": "New"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "New" and response.json()["details"] == "keep"
    bad = auth_client.patch(stage_url(goal.pk, stage.pk), {"title": ""}, format="json")
    assert_error(bad, 400, "invalid", "title")
    assert auth_client.delete(stage_url(goal.pk, stage.pk)).status_code == 204
    assert not GoalStage.objects.exists()


def test_deleting_the_last_open_stage_completes_the_goal(auth_client, goal):
    done = GoalStageFactory(goal=goal)
    open_stage = GoalStageFactory(goal=goal)
    auth_client.put(stage_url(goal.pk, done.pk, "complete"))
    auth_client.delete(stage_url(goal.pk, open_stage.pk))
    goal.refresh_from_db()
    assert goal.progress == 100 and goal.completed_at is not None


def test_tick_and_untick_answer_the_stage_and_the_progress(auth_client, goal):
    one, two, three = GoalStageFactory.create_batch(3, goal=goal)
    response = auth_client.put(stage_url(goal.pk, one.pk, "complete"))
    assert response.status_code == 200
    data = response.json()
    assert data["stage"]["id"] == one.pk and data["stage"]["is_completed"] is True
    assert data["progress"] == 33 and data["goal_completed_at"] is None
    auth_client.post(stage_url(goal.pk, two.pk, "complete"))
    data = auth_client.post(stage_url(goal.pk, three.pk, "complete")).json()
    assert data["progress"] == 100 and data["goal_completed_at"] is not None
    data = auth_client.put(stage_url(goal.pk, two.pk, "uncomplete")).json()
    assert data["stage"]["completed_at"] is None
    assert data["progress"] == 66 and data["goal_completed_at"] is None


def test_a_second_tick_or_untick_is_a_conflict(auth_client, goal):
    stage = GoalStageFactory(goal=goal)
    assert_error(
        auth_client.put(stage_url(goal.pk, stage.pk, "uncomplete")), 409, "stage_not_completed"
    )
    auth_client.put(stage_url(goal.pk, stage.pk, "complete"))
    response = auth_client.put(stage_url(goal.pk, stage.pk, "complete"))
    assert_error(response, 409, "stage_already_completed")


def test_a_draft_cannot_be_ticked(auth_client, goal):
    draft = GoalStageFactory(goal=goal, is_draft=True)
    assert_error(auth_client.put(stage_url(goal.pk, draft.pk, "complete")), 409, "stage_is_draft")


def test_reorder_with_every_id(auth_client, goal):
    a, b, c = GoalStageFactory.create_batch(3, goal=goal)
    GoalStageFactory(goal=goal, is_draft=True)  # drafts are not ordered with the stages
    response = auth_client.post(reorder(goal.pk), {"ids": [c.pk, a.pk, b.pk]}, format="json")
    assert response.status_code == 200, response.content
    assert [s["id"] for s in response.json()] == [c.pk, a.pk, b.pk]
    listed = auth_client.get(stages(goal.pk)).json()["results"]
    assert [s["id"] for s in listed] == [c.pk, a.pk, b.pk]


def test_reorder_names_the_missing_extra_and_repeated_ids(auth_client, goal, other_user):
    a, b = GoalStageFactory.create_batch(2, goal=goal)
    foreign = GoalStageFactory(goal=GoalFactory(user=other_user))
    body = {"ids": [a.pk, a.pk, foreign.pk]}
    error = assert_error(
        auth_client.post(reorder(goal.pk), body, format="json"), 400, "invalid", "ids"
    )
    assert error["fields"]["ids"] == [
        f"Repeated ids: {a.pk}.",
        f"Missing ids: {b.pk}.",
        f"Not stages of this goal: {foreign.pk}.",
    ]
    for body in ({}, {"ids": "1"}, {"ids": [0]}):
        assert_error(auth_client.post(reorder(goal.pk), body, format="json"), 400, "invalid", "ids")


def test_another_users_goal_or_stage_is_404(auth_client, goal, other_user):
    theirs = GoalFactory(user=other_user)
    their_stage = GoalStageFactory(goal=theirs)
    assert_error(auth_client.get(stages(theirs.pk)), 404, "not_found")
    assert_error(
        auth_client.post(stages(theirs.pk), {"title": "x"}, format="json"), 404, "not_found"
    )
    assert_error(
        auth_client.post(reorder(theirs.pk), {"ids": [their_stage.pk]}, format="json"),
        404,
        "not_found",
    )
    # their stage under my goal, and under theirs
    for goal_id in (goal.pk, theirs.pk):
        url = stage_url(goal_id, their_stage.pk)
        assert_error(auth_client.patch(url, {"title": "x"}, format="json"), 404, "not_found")
        assert_error(auth_client.delete(url), 404, "not_found")
        for name in ("complete", "uncomplete"):
            assert_error(
                auth_client.put(stage_url(goal_id, their_stage.pk, name)), 404, "not_found"
            )
    their_stage.refresh_from_db()
    assert their_stage.title != "x" and not their_stage.is_completed


def test_my_stage_under_my_other_goal_is_404(auth_client, goal, user):
    stage = GoalStageFactory(goal=GoalFactory(user=user))
    assert_error(auth_client.put(stage_url(goal.pk, stage.pk, "complete")), 404, "not_found")


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/goals/1/stages/"),
        ("post", "/api/goals/1/stages/"),
        ("patch", "/api/goals/1/stages/2/"),
        ("delete", "/api/goals/1/stages/2/"),
        ("post", "/api/goals/1/stages/reorder/"),
        ("put", "/api/goals/1/stages/2/complete/"),
        ("post", "/api/goals/1/stages/2/uncomplete/"),
    ],
)
def test_no_auth_is_401(api_client, method, url):
    assert_error(getattr(api_client, method)(url), 401, "not_authenticated")


@pytest.mark.parametrize("rows", [1, 30])
def test_stage_list_query_count_does_not_grow(auth_client, goal, rows, django_assert_num_queries):
    GoalStageFactory.create_batch(rows, goal=goal)
    # the user, the goal (owner check), the page; a full page with more behind it: the count
    with django_assert_num_queries(4 if rows > 20 else 3):
        response = auth_client.get(stages(goal.pk))
    assert response.json()["count"] == rows
