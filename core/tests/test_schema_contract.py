"""The schema is the contract (issue 10, item 7): query parameters are checked as it says, and it
lists every answer and body an operation has."""

import re

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from habits.tests.factories import HabitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "query", "field"),
    [
        ("/api/habits/", "is_public=", "is_public"),
        ("/api/habits/", "is_active=&page=1", "is_active"),
        ("/api/habits/", "ordering=", "ordering"),
        ("/api/habits/", "page=", "page"),
        ("/api/habits/", "page=abc", "page"),
        ("/api/habits/", "page=0", "page"),
        # past any list, and past what the database's OFFSET can hold (a 500 before; fuzzing)
        ("/api/habits/", "page=41514618576935128192258246967296&is_public=true", "page"),
        ("/api/habits/public/", "page=1000001", "page"),
        ("/api/habits/", "page_size=", "page_size"),
        ("/api/habits/public/", "page=", "page"),
        ("/api/instances/today/", "page=", "page"),
        ("/api/notifications/", "page_size=", "page_size"),
    ],
)
def test_an_empty_or_malformed_query_parameter_is_a_400_naming_it(auth_client, url, query, field):
    response = auth_client.get(f"{url}?{query}")
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]


def test_an_empty_filter_of_a_habits_instances_is_a_400(auth_client):
    habit = auth_client.post(
        "/api/habits/",
        {
            "name": "Tea",
            "action": "brew tea",
            "place": "kitchen",
            "time_of_day": "08:00",
            "is_pleasant": True,
        },
        format="json",
    ).json()
    response = auth_client.get(f"/api/habits/{habit['id']}/instances/?status=&date_from=")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"status", "date_from"}


def test_valid_query_parameters_still_work(auth_client, user):
    for name in ("Apple", "Cherry", "Banana"):
        HabitFactory(user=user, name=name, is_public=False)
    HabitFactory(user=user, name="Zebra", is_public=True)
    response = auth_client.get("/api/habits/?is_public=false&page=1&page_size=2&ordering=-name")
    assert response.status_code == 200
    # filtered, ordered and paged as asked: the checks let the parameters through to their work
    body = response.json()
    assert body["count"] == 3
    assert [habit["name"] for habit in body["results"]] == ["Cherry", "Banana"]


def test_a_page_past_the_end_is_still_a_404(auth_client):
    assert auth_client.get("/api/habits/?page=99").status_code == 404


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize("action", ["complete", "fail"])
def test_the_schema_lists_the_409s_of_marking_an_instance(schema, action):
    operation = schema["paths"][f"/api/instances/{{id}}/{action}/"]["post"]
    assert "409" in operation["responses"]
    assert "instance_final" in operation["responses"]["409"]["description"]


def test_the_schema_says_deleting_the_account_requires_a_body(schema):
    body = schema["paths"][reverse("account")]["delete"]["requestBody"]
    assert body["required"] is True
    assert "application/json" in body["content"]


def test_deletes_without_a_body_document_none(schema):
    assert "requestBody" not in schema["paths"]["/api/habits/{id}/"]["delete"]
    assert "requestBody" not in schema["paths"][reverse("account-data")]["delete"]


def test_the_schema_says_a_free_text_query_parameter_is_not_empty(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/habits/"]["get"]["parameters"]}
    assert parameters["ordering"]["schema"]["minLength"] == 1
    assert "minLength" not in parameters["is_public"]["schema"]  # an enum says it already


def test_a_required_trimmed_text_asks_for_a_character_that_is_not_white_space(schema, auth_client):
    """ "\u001c" is white space to str.strip(): DRF trims it to blank and refuses it, so the schema
    must not allow it (found by fuzzing POST /api/rewards/)."""
    body = schema["components"]["schemas"]["RewardInputRequest"]["properties"]
    assert re.search(body["name"]["pattern"], "Cinema")
    assert not re.search(body["name"]["pattern"], "\u001c \t")
    note = body["note"]["oneOf"][0]  # blank allowed: only the NUL is refused
    assert re.search(note["pattern"], " ")
    response = auth_client.post("/api/rewards/", {"name": "\u001c", "price": 5}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()["error"]["fields"]
