import datetime as dt

import pytest
from django.urls import reverse

from goals.models import Goal, GoalStage
from goals.tests.factories import GoalFactory, GoalStageFactory
from habits.tests.factories import HabitFactory
from tests_support import assert_error

pytestmark = pytest.mark.django_db

LIST = reverse("goal-list")
ARCHIVED = reverse("goal-archived-list")


def detail(pk):
    return reverse("goal-detail", args=[pk])


def action(name, pk):
    return reverse(f"goal-{name}", args=[pk])


def test_create_goal_with_my_habits(auth_client, user):
    habit = HabitFactory(user=user, name="Run")
    body = {"title": "  Marathon  ", "deadline": "2026-10-01", "habits": [habit.pk, habit.pk]}
    response = auth_client.post(LIST, body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["title"] == "Marathon"
    assert data["deadline"] == "2026-10-01"
    assert data["habits"] == [{"id": habit.pk, "name": "Run"}]
    assert data["progress"] == 0 and data["is_completed"] is False
    assert data["stages_count"] == 0 and data["is_archived"] is False
    assert Goal.objects.get(pk=data["id"]).user == user


def test_new_goals_go_after_the_others(auth_client, user):
    GoalFactory(user=user, position=7)
    response = auth_client.post(LIST, {"title": "Next"}, format="json")
    assert response.json()["position"] == 8


def test_a_goal_after_one_at_the_last_position_still_fits(auth_client, user):
    last = GoalFactory(user=user, position=2**31 - 1)
    response = auth_client.post(LIST, {"title": "Next"}, format="json")
    assert response.status_code == 201
    assert response.json()["position"] == 2**31 - 1
    listed = [g["id"] for g in auth_client.get(LIST).json()["results"]]
    assert listed == [last.pk, response.json()["id"]]


def test_another_users_habit_is_a_field_error(auth_client, other_user):
    foreign = HabitFactory(user=other_user)
    response = auth_client.post(LIST, {"title": "x", "habits": [foreign.pk]}, format="json")
    error = assert_error(response, 400, "invalid", "habits")
    assert str(foreign.pk) in error["fields"]["habits"][0]
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "title"),
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "x", "deadline": "tomorrow"}, "deadline"),
        ({"title": "x", "position": -1}, "position"),
        ({"title": "x", "habits": ["a"]}, "habits"),
        ({"title": "x", "habits": 5}, "habits"),
        ({"title": "x", "description": "d" * 5001}, "description"),
    ],
)
def test_bad_goal_input_is_a_field_error(auth_client, body, field):
    assert_error(auth_client.post(LIST, body, format="json"), 400, "invalid", field)


def test_edit_goal_put_and_patch(auth_client, user):
    goal = GoalFactory(user=user, title="Old", description="keep")
    habit = HabitFactory(user=user)
    response = auth_client.patch(detail(goal.pk), {"habits": [habit.pk]}, format="json")
    assert response.status_code == 200
    assert [h["id"] for h in response.json()["habits"]] == [habit.pk]
    response = auth_client.put(detail(goal.pk), {"title": "New"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "New"
    assert response.json()["description"] == "keep"
    assert_error(auth_client.put(detail(goal.pk), {}, format="json"), 400, "invalid", "title")
    response = auth_client.patch(detail(goal.pk), {"habits": []}, format="json")
    assert response.json()["habits"] == []


def test_delete_goal_takes_its_stages_and_keeps_the_habits(auth_client, user):
    habit = HabitFactory(user=user)
    goal = GoalFactory(user=user)
    goal.habits.add(habit)
    GoalStageFactory(goal=goal)
    assert auth_client.delete(detail(goal.pk)).status_code == 204
    assert not Goal.objects.exists() and not GoalStage.objects.exists()
    assert habit.__class__.objects.filter(pk=habit.pk).exists()


def test_another_users_goal_is_404_everywhere(auth_client, other_user):
    goal = GoalFactory(user=other_user)
    assert_error(auth_client.get(detail(goal.pk)), 404, "not_found")
    assert_error(
        auth_client.patch(detail(goal.pk), {"title": "x"}, format="json"), 404, "not_found"
    )
    assert_error(auth_client.put(detail(goal.pk), {}, format="json"), 404, "not_found")
    assert_error(auth_client.delete(detail(goal.pk)), 404, "not_found")
    for name in ("archive", "unarchive", "complete", "reopen"):
        assert_error(auth_client.put(action(name, goal.pk)), 404, "not_found")
    assert Goal.objects.filter(pk=goal.pk, is_archived=False, completed_at=None).exists()


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", LIST),
        ("post", LIST),
        ("get", ARCHIVED),
        ("get", "/api/goals/1/"),
        ("patch", "/api/goals/1/"),
        ("delete", "/api/goals/1/"),
        ("put", "/api/goals/1/archive/"),
        ("post", "/api/goals/1/unarchive/"),
        ("put", "/api/goals/1/complete/"),
        ("post", "/api/goals/1/reopen/"),
    ],
)
def test_no_auth_is_401(api_client, method, url):
    assert_error(getattr(api_client, method)(url), 401, "not_authenticated")


def test_archive_and_unarchive_with_put_or_post(auth_client, user):
    goal = GoalFactory(user=user)
    response = auth_client.put(action("archive", goal.pk))
    assert response.status_code == 200 and response.json()["is_archived"] is True
    archived_at = response.json()["archived_at"]
    assert archived_at is not None
    again = auth_client.post(action("archive", goal.pk))  # idempotent: the first time stays
    assert again.status_code == 200 and again.json()["archived_at"] == archived_at
    assert auth_client.get(LIST).json()["results"] == []
    assert [g["id"] for g in auth_client.get(ARCHIVED).json()["results"]] == [goal.pk]
    response = auth_client.post(action("unarchive", goal.pk))
    assert response.json()["is_archived"] is False and response.json()["archived_at"] is None
    assert [g["id"] for g in auth_client.get(LIST).json()["results"]] == [goal.pk]


def test_list_filters_by_status(auth_client, user):
    open_goal = GoalFactory(user=user)
    done = GoalFactory(user=user, completed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    GoalFactory()  # someone else's

    def ids(query):
        return [g["id"] for g in auth_client.get(LIST + query).json()["results"]]

    assert ids("") == [open_goal.pk, done.pk]
    assert ids("?status=open") == [open_goal.pk]
    assert ids("?status=completed") == [done.pk]
    assert_error(auth_client.get(LIST + "?status=later"), 400, "invalid", "status")
    assert_error(auth_client.get(LIST + "?state=open"), 400, "invalid", "state")


def test_complete_and_reopen_a_goal_without_stages(auth_client, user):
    goal = GoalFactory(user=user)
    response = auth_client.put(action("complete", goal.pk))
    assert response.status_code == 200
    assert response.json()["is_completed"] is True and response.json()["progress"] == 100
    assert_error(auth_client.post(action("complete", goal.pk)), 409, "goal_already_completed")
    response = auth_client.post(action("reopen", goal.pk))
    assert response.json()["is_completed"] is False and response.json()["progress"] == 0
    assert_error(auth_client.put(action("reopen", goal.pk)), 409, "goal_not_completed")


def test_a_goal_with_open_stages_is_completed_by_ticking_them(auth_client, user):
    goal = GoalFactory(user=user)
    GoalStageFactory(goal=goal)
    error = assert_error(auth_client.put(action("complete", goal.pk)), 409, "goal_has_open_stages")
    assert error["details"] == {"open_stages": 1}


@pytest.mark.parametrize("rows", [1, 25])
def test_goal_list_query_count_does_not_grow(auth_client, user, rows, django_assert_num_queries):
    habits = HabitFactory.create_batch(2, user=user)
    for goal in GoalFactory.create_batch(rows, user=user):
        goal.habits.set(habits)
        GoalStageFactory.create_batch(2, goal=goal)
    # the user, the page with counts, its habits; a full page with more behind it: the count
    expected = 4 if rows > 20 else 3
    with django_assert_num_queries(expected):
        response = auth_client.get(LIST)
    assert response.status_code == 200
    assert response.json()["count"] == rows
    assert all(len(g["habits"]) == 2 and g["stages_count"] == 2 for g in response.json()["results"])


def test_get_a_goal_with_its_stage_counts(auth_client, user):
    goal = GoalFactory(user=user, title="Book")
    GoalStageFactory(goal=goal, is_completed=True, completed_at=goal.created_at)
    GoalStageFactory(goal=goal)
    GoalStageFactory(goal=goal, is_draft=True)  # drafts are not counted
    data = auth_client.get(detail(goal.pk)).json()
    assert (data["title"], data["stages_count"], data["completed_stages_count"]) == ("Book", 2, 1)


def test_the_archived_list_filters_by_status_too(auth_client, user):
    archived = {"is_archived": True, "archived_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}
    done = GoalFactory(user=user, completed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), **archived)
    GoalFactory(user=user, **archived)
    results = auth_client.get(ARCHIVED + "?status=completed").json()["results"]
    assert [g["id"] for g in results] == [done.pk]
