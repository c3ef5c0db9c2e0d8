"""The API docs and the admin as an operator meets them (issue 12, item 19): Swagger UI and ReDoc
load nothing from third-party hosts (drf-spectacular-sidecar serves their scripts), and the admin
says whose it is and spells its models right."""

import re

import pytest
from django.test import Client

from users.tests.factories import UserFactory

# every src=, href= and url(...) of a page, and any absolute http(s) URL in its text
REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)""")
ABSOLUTE = re.compile(r"""(?:https?:)?//[\w.-]+""")


def _references(html: str) -> list[str]:
    return [a or b for a, b in REFERENCE.findall(html)]


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_api_docs_load_nothing_from_another_host(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    references = _references(html)
    assert any(ref.startswith("/static/drf_spectacular_sidecar/") for ref in references)
    assert all(ref.startswith("/") and not ref.startswith("//") for ref in references), references
    assert ABSOLUTE.findall(html) == [], "a third-party URL in the page"


def test_swagger_ui_has_no_validator_badge(client):
    """Its default badge sends the schema's URL to validator.swagger.io."""
    assert '"validatorUrl": null' in client.get("/api/docs/").content.decode()


@pytest.mark.django_db
def test_the_admin_is_branded_and_spells_deliveries():
    operator = Client()
    operator.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = operator.get("/admin/").content.decode()
    assert "Atomic Habits Tracker admin" in page
    assert "Django administration" not in page
    assert "Deliveries" in page and "Deliverys" not in page
