from telegrambot.tests.conftest import telegram_on  # noqa: F401 - shared fixture
