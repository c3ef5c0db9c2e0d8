import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import OrderingFilter
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from core.events import subscribe, unsubscribe
from habits.data_version import habit_data_changed
from habits.events import HABIT_SAVED
from habits.filters import HabitFilter
from habits.models import Habit
from habits.selectors import habit_list_for_user, habit_rows_for_user
from habits.serializers import HabitOutputSerializer, habit_rows_data
from habits.services import habit_copy, habit_create, habit_update
from habits.tests.factories import HabitFactory, PleasantHabitFactory
from habits.views import HabitListCreateApi
from tests_support import assert_error

pytestmark = pytest.mark.django_db

LIST = reverse("habit-list")
PUBLIC = reverse("habit-public-list")
BODY = {
    "name": "Read",
    "action": "read 10 pages",
    "place": "armchair",
    "time_of_day": "23:59:00",
    "reward_text": "coffee",
}


def detail(pk):
    return reverse("habit-detail", args=[pk])


@pytest.fixture
def saved():
    """(habit_id, now) of every HABIT_SAVED announced while the test runs."""
    seen = []

    def record(*, habit_id, now):
        seen.append((habit_id, now))

    subscribe(HABIT_SAVED, record)
    yield seen
    unsubscribe(HABIT_SAVED, record)


NOW = dt.datetime(2026, 3, 10, 22, 30, tzinfo=dt.UTC)


def test_create_habit_fills_in_the_defaults(auth_client, user, saved):
    response = auth_client.post(LIST, BODY, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["related_pleasant_habit_name"] is None
    assert body["periodicity_days"] == 1 and body["is_active"] is True
    # what an omitted field means, spelt out here rather than read from the code
    omitted = [
        "description",
        "is_pleasant",
        "related_pleasant_habit",
        "repeat_limit",
        "grace_minutes",
        "fix_minutes",
        "is_public",
    ]
    assert {field: body[field] for field in omitted} == {
        "description": "",
        "is_pleasant": False,
        "related_pleasant_habit": None,
        "repeat_limit": 21,
        "grace_minutes": 30,
        "fix_minutes": 120,
        "is_public": False,
    }
    # habit_instances makes today's instance from this (its tests/test_habit_saved.py)
    assert [habit_id for habit_id, _ in saved] == [body["id"]]


def test_creates_edits_and_copies_announce_the_saved_habit_with_their_now(user, other_user, saved):
    user.timezone = "Asia/Tokyo"  # 07:30 on March 11th there
    user.save()
    habit = habit_create(user=user, data=BODY, now=NOW)
    assert habit.start_date == dt.date(2026, 3, 11)  # the owner's local today
    later = NOW + dt.timedelta(minutes=1)
    habit_update(user=user, habit_id=habit.pk, data={"name": "Walk"}, now=later)
    source = HabitFactory(user=other_user, is_public=True)
    copy = habit_copy(user=user, habit_id=source.pk, now=later)
    assert saved == [(habit.pk, NOW), (habit.pk, later), (copy.pk, later)]


def test_a_refused_edit_announces_nothing(auth_client, user, saved):
    habit = HabitFactory(user=user)
    response = auth_client.patch(detail(habit.pk), {"reward_text": ""}, format="json")
    assert response.status_code == 400
    assert saved == []


def test_create_useful_habit_with_a_pleasant_related_habit(auth_client, user):
    pleasant = PleasantHabitFactory(user=user, name="Coffee")
    body = {**BODY, "reward_text": "", "related_pleasant_habit": pleasant.pk}
    response = auth_client.post(LIST, body, format="json")
    assert response.status_code == 201
    assert response.json()["related_pleasant_habit_name"] == "Coffee"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reward_text": ""}, "non_field_errors"),
        ({"is_pleasant": True}, "reward_text"),
        ({"periodicity_days": 4}, "periodicity_days"),
        ({"repeat_limit": 22}, "repeat_limit"),
        ({"grace_minutes": -1}, "grace_minutes"),
        ({"fix_minutes": "many"}, "fix_minutes"),
        ({"time_of_day": "25:00"}, "time_of_day"),
        ({"name": "x" * 10_000}, "name"),
        ({"name": "nul\x00byte"}, "name"),
        ({"start_date": "2026-02-30"}, "start_date"),
        ({"related_pleasant_habit": 10**30}, "related_pleasant_habit"),
        ({"related_pleasant_habit": "abc"}, "related_pleasant_habit"),
    ],
)
def test_create_bad_input_is_400(auth_client, changes, field):
    assert_error(auth_client.post(LIST, {**BODY, **changes}, format="json"), 400, "invalid", field)


def test_related_habit_must_be_pleasant_active_and_mine(auth_client, user, other_user):
    useful = HabitFactory(user=user)
    inactive = PleasantHabitFactory(user=user, is_active=False)
    foreign = PleasantHabitFactory(user=other_user)
    for related in (useful, inactive, foreign):
        body = {**BODY, "reward_text": "", "related_pleasant_habit": related.pk}
        assert_error(
            auth_client.post(LIST, body, format="json"), 400, "invalid", "related_pleasant_habit"
        )


def test_habit_cannot_be_its_own_related_habit(auth_client, user):
    habit = PleasantHabitFactory(user=user)
    body = {"is_pleasant": False, "related_pleasant_habit": habit.pk}
    assert_error(
        auth_client.patch(detail(habit.pk), body, format="json"),
        400,
        "invalid",
        "related_pleasant_habit",
    )


def test_patch_is_checked_against_the_merged_object(auth_client, user):
    habit = HabitFactory(user=user, reward_text="coffee")
    pleasant = PleasantHabitFactory(user=user)
    # adding a related habit to a habit that already has a reward breaks "exactly one"
    response = auth_client.patch(
        detail(habit.pk), {"related_pleasant_habit": pleasant.pk}, format="json"
    )
    assert_error(response, 400, "invalid", "non_field_errors")
    ok = auth_client.patch(
        detail(habit.pk), {"related_pleasant_habit": pleasant.pk, "reward_text": ""}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["related_pleasant_habit"] == pleasant.pk


@pytest.mark.parametrize(
    ("method", "body"),
    [
        ("patch", {"is_pleasant": False, "reward_text": "cake"}),
        ("patch", {"is_active": False}),
        ("delete", None),
    ],
)
def test_pleasant_habit_with_dependents_answers_409_naming_them(auth_client, user, method, body):
    pleasant = PleasantHabitFactory(user=user)
    dependent = HabitFactory(user=user, reward_text="", related_pleasant_habit=pleasant, name="Run")
    response = getattr(auth_client, method)(detail(pleasant.pk), body, format="json")
    error = assert_error(response, 409, "habit_has_dependents")
    assert error["details"]["dependent_habits"] == [{"id": dependent.pk, "name": "Run"}]
    assert Habit.objects.filter(pk=pleasant.pk, is_pleasant=True, is_active=True).exists()


def test_list_is_owner_scoped_filtered_and_ordered(auth_client, user, other_user):
    HabitFactory(user=user, name="B", time_of_day=dt.time(9))
    PleasantHabitFactory(user=user, name="A", time_of_day=dt.time(8), is_public=True)
    HabitFactory(user=other_user)
    names = [h["name"] for h in auth_client.get(LIST).json()["results"]]
    assert names == ["A", "B"]
    assert [
        h["name"] for h in auth_client.get(LIST, {"is_pleasant": "false"}).json()["results"]
    ] == ["B"]
    assert [h["name"] for h in auth_client.get(LIST, {"is_public": "true"}).json()["results"]] == [
        "A"
    ]
    assert [h["name"] for h in auth_client.get(LIST, {"ordering": "-name"}).json()["results"]] == [
        "B",
        "A",
    ]


@pytest.mark.parametrize(
    ("query", "status", "code", "field"),
    [
        ({"is_active": "maybe"}, 400, "invalid", "is_active"),
        ({"is_public": "1"}, 400, "invalid", "is_public"),
        ({"page": "x"}, 400, "invalid", "page"),
    ],
)
def test_list_bad_filters_are_4xx(auth_client, user, query, status, code, field):
    HabitFactory(user=user)
    response = auth_client.get(LIST, query)
    assert response.status_code in (400, 404)
    assert "error" in response.json()
    assert_error(response, status, code, field)


def test_list_is_one_query_and_counts_only_past_a_full_page(
    auth_client, user, django_assert_num_queries
):
    """The page's rows with what their next due dates need (their instances of today and this
    week) in one statement; the user comes from its cached snapshot (users.tokens), selecting it
    is the one more query of the first request. The page read with one row more than it shows
    tells whether it is the last one, so the count needs no COUNT query unless more rows follow
    a full page. The list as first asked for is then kept (habits.kept): no query until a write.
    """
    pleasant = PleasantHabitFactory(user=user)
    HabitFactory.create_batch(2, user=user, reward_text="", related_pleasant_habit=pleasant)
    with django_assert_num_queries(2):
        auth_client.get(LIST)
    with django_assert_num_queries(0):
        assert auth_client.get(LIST).json()["count"] == 3
    HabitFactory.create_batch(10, user=user, reward_text="", related_pleasant_habit=pleasant)
    habit_data_changed(user_ids=[user.pk])  # what the services do; the factories write directly
    with django_assert_num_queries(1):
        assert auth_client.get(LIST).json()["count"] == 13
    with django_assert_num_queries(2):  # a full page with more behind it: the total is counted
        first = auth_client.get(LIST, {"page_size": 5}).json()
    assert first["count"] == 13 and len(first["results"]) == 5 and first["next"]
    with django_assert_num_queries(1):
        last = auth_client.get(LIST, {"page_size": 5, "page": 3}).json()
    assert last["count"] == 13 and len(last["results"]) == 3 and last["next"] is None
    assert_error(auth_client.get(LIST, {"page_size": 5, "page": 4}), 404, "not_found")


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"ordering": "name"},
        {"ordering": "-created_at"},
        {"ordering": "-time_of_day,name"},
        {"ordering": "nonsense"},
        {"is_active": "false"},
        {"is_pleasant": "true", "is_public": "false", "ordering": "-name"},
    ],
)
def test_list_rows_are_the_selector_filtered_and_ordered_as_the_orm_would(
    auth_client, user, other_user, query
):
    pleasant = PleasantHabitFactory(user=user, name="Coffee", time_of_day=dt.time(6))
    HabitFactory(user=user, name="Walk", reward_text="", related_pleasant_habit=pleasant)
    HabitFactory(user=user, name="Read", time_of_day=dt.time(6), is_public=True)
    HabitFactory(user=user, name="Stretch", time_of_day=dt.time(21), is_active=False)
    PleasantHabitFactory(user=user, name="Music", time_of_day=dt.time(6))
    HabitFactory(user=other_user, name="Not mine")
    found = [h["id"] for h in auth_client.get(LIST, query).json()["results"]]
    assert found == _orm_list_ids(user, query)


def _orm_list_ids(user, query: dict) -> list[int]:
    """The list's ids as the ORM path of a ListAPIView would give them: the selector with the
    view's filter and ordering backends applied."""
    view = HabitListCreateApi(request=None, format_kwarg=None)
    request = APIView().initialize_request(APIRequestFactory().get(LIST, query))
    request.user = user
    expected = OrderingFilter().filter_queryset(
        request,
        DjangoFilterBackend().filter_queryset(request, habit_list_for_user(user=user), view),
        view,
    )
    return list(expected.values_list("pk", flat=True))


def test_every_filter_and_ordering_of_the_list_is_one_its_sql_can_express():
    """habits.sql filters by a field's exact value and orders by field names: a filter or an
    ordering field of another kind must change habits.sql first."""
    for name, declared in HabitFilter.base_filters.items():
        assert Habit._meta.get_field(declared.field_name).concrete, name
        assert declared.lookup_expr == "exact", name
    for name in [*HabitListCreateApi.ordering_fields, *HabitListCreateApi.ordering]:
        assert Habit._meta.get_field(name.lstrip("-")).concrete, name


def test_each_filter_value_and_each_ordering_gives_the_rows_the_orm_would(
    auth_client, user, other_user
):
    """Derived from the view's own filter set and ordering fields, so one added later is
    compared too (distinct names and times: an ordering by one field has no ties here)."""
    pleasant = PleasantHabitFactory(user=user, name="Coffee", time_of_day=dt.time(6))
    HabitFactory(user=user, name="Walk", reward_text="", related_pleasant_habit=pleasant)
    HabitFactory(user=user, name="Read", time_of_day=dt.time(6, 30), is_public=True)
    HabitFactory(user=user, name="Stretch", time_of_day=dt.time(21), is_active=False)
    PleasantHabitFactory(user=user, name="Music", time_of_day=dt.time(5), is_public=True)
    HabitFactory(user=user, name="Old", time_of_day=dt.time(22), is_archived=True)
    HabitFactory(user=other_user, name="Not mine", is_public=True)
    queries = [
        {name: value} for name in HabitFilter.base_filters for value in ("true", "false")
    ] + [
        {"ordering": sign + name}
        for name in HabitListCreateApi.ordering_fields
        for sign in ("", "-")
    ]
    for query in queries:
        found = [h["id"] for h in auth_client.get(LIST, query).json()["results"]]
        expected = _orm_list_ids(user, query)
        assert found == expected, query
        if "ordering" not in query:
            assert expected, query  # each filter value keeps some habits and drops others
            assert len(expected) < Habit.objects.filter(user=user).count(), query


def test_list_rows_render_exactly_as_the_serializer(user):
    pleasant = PleasantHabitFactory(user=user, name="Coffee \u00e9", time_of_day=dt.time(6, 5, 9))
    HabitFactory(
        user=user,
        reward_text="",
        related_pleasant_habit=pleasant,
        periodicity_days=7,
        repeat_limit=45,
        is_public=True,
        start_date=dt.date(2026, 2, 28),
    )
    HabitFactory(user=user, is_active=False, grace_minutes=0, fix_minutes=1440)
    ordering = ["time_of_day", "id"]
    rows = habit_rows_for_user(user=user, filters={}, ordering=ordering, now=timezone.now())[0:10]
    habits = habit_list_for_user(user=user).order_by(*ordering)
    assert habit_rows_data(rows) == HabitOutputSerializer(habits, many=True).data


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("get", ""),
        ("put", ""),
        ("patch", ""),
        ("delete", ""),
        ("post", "copy/"),
        ("get", "stats/"),
        ("get", "instances/"),
    ],
)
def test_another_users_habit_is_404(auth_client, other_user, method, suffix):
    habit = HabitFactory(user=other_user)  # private
    response = getattr(auth_client, method)(detail(habit.pk) + suffix, BODY, format="json")
    assert_error(response, 404, "not_found")
    assert Habit.objects.filter(pk=habit.pk, name=habit.name).exists()


@pytest.mark.parametrize("pk", [10**18, 2**63, 10**30])
def test_huge_ids_are_404(auth_client, pk):
    assert_error(auth_client.get(f"/api/habits/{pk}/"), 404, "not_found")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", LIST),
        ("post", LIST),
        ("get", PUBLIC),
        ("get", "/api/habits/1/"),
        ("post", "/api/habits/1/copy/"),
        ("get", "/api/habits/1/stats/"),
        ("get", "/api/stats/overview/"),
    ],
)
def test_no_auth_is_401(api_client, method, path):
    assert_error(getattr(api_client, method)(path), 401, "not_authenticated")


def test_put_replaces_and_delete_removes(auth_client, user):
    habit = HabitFactory(user=user)
    response = auth_client.put(detail(habit.pk), {**BODY, "name": "Write"}, format="json")
    assert response.status_code == 200 and response.json()["name"] == "Write"
    assert auth_client.delete(detail(habit.pk)).status_code == 204
    assert not Habit.objects.filter(pk=habit.pk).exists()


def test_account_export_includes_habits_and_instances(auth_client, user):
    auth_client.post(LIST, BODY, format="json")
    data = auth_client.get(reverse("account-export")).json()
    assert data["habits"][0]["name"] == "Read"
    assert len(data["habits"][0]["instances"]) == 1


def test_data_wipe_and_account_delete_remove_habits_with_dependents(auth_client, user):
    pleasant = PleasantHabitFactory(user=user)
    HabitFactory(user=user, reward_text="", related_pleasant_habit=pleasant)
    assert auth_client.delete(reverse("account-data")).status_code == 204
    assert not Habit.objects.filter(user=user).exists()
    pleasant = PleasantHabitFactory(user=user)
    HabitFactory(user=user, reward_text="", related_pleasant_habit=pleasant)
    user.delete()
    assert not Habit.objects.exists()
