import pytest

from goals.tests.fake_ai import FakeAiServer


@pytest.fixture(scope="session")
def _fake_ai_server():
    server = FakeAiServer().start()
    yield server
    server.stop()


@pytest.fixture
def fake_ai(_fake_ai_server, settings):
    """The AI breakdown switched on and pointed at the local fake chat-completions server, with
    one retry per call and a short timeout; the test scripts its answers with `.answers(...)`."""
    settings.AI_API_BASE_URL = _fake_ai_server.base_url
    settings.AI_API_KEY = "test-key"
    settings.AI_MODEL = "fake-model"
    settings.AI_MAX_RETRIES = 1
    settings.AI_TIMEOUT_SECONDS = 5
    settings.AI_DAILY_LIMIT_PER_USER = 3
    _fake_ai_server.answers()
    return _fake_ai_server
