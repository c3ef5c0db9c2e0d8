"""The admin shows goals with their stages; stages added or deleted there recount the progress
through the one rule."""

import pytest
from django.test import Client
from django.urls import reverse

from goals.models import Goal
from goals.tests.factories import GoalFactory, GoalStageFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_list_search_and_filters(admin_client):
    GoalFactory(title="Marathon")
    GoalStageFactory(goal=GoalFactory(title="Book"), title="Write chapter one")
    changelist = reverse("admin:goals_goal_changelist")
    for query, shown, hidden in [
        ("?q=marathon", "Marathon", "Book"),
        ("?q=chapter", "Book", "Marathon"),
        ("?is_archived__exact=0", "Marathon", "nothing hidden"),
        ("?completed_at__isempty=1", "Marathon", "nothing hidden"),
    ]:
        page = admin_client.get(changelist + query).content.decode()
        assert shown in page and hidden not in page


def test_a_stage_added_in_the_inline_recounts_the_progress(admin_client):
    goal = GoalFactory(title="Marathon", completed_at=None)
    stage = GoalStageFactory(goal=goal, title="Done already")
    Goal.objects.filter(pk=goal.pk).update(progress=0)
    stage.is_completed, stage.completed_at = True, goal.created_at
    stage.save()
    prefix = "stages"
    form = {
        "user": goal.user_id,
        "title": "Marathon",
        "description": "",
        "position": 0,
        f"{prefix}-TOTAL_FORMS": 2,
        f"{prefix}-INITIAL_FORMS": 1,
        f"{prefix}-0-id": stage.pk,
        f"{prefix}-0-goal": goal.pk,
        f"{prefix}-0-position": 0,
        f"{prefix}-0-title": "Done already",
        f"{prefix}-1-goal": goal.pk,
        f"{prefix}-1-position": 1,
        f"{prefix}-1-title": "Added by an operator",
    }
    response = admin_client.post(reverse("admin:goals_goal_change", args=[goal.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    goal.refresh_from_db()
    assert goal.stages.count() == 2
    assert goal.progress == 50 and goal.completed_at is None
