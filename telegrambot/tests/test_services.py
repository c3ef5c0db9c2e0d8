from datetime import UTC, datetime, timedelta
from importlib import import_module

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from core.exceptions import Conflict, RateLimited, ValidationFailed
from telegrambot import services
from telegrambot.models import TelegramProfile
from telegrambot.tasks import telegram_bind_codes_expire_task
from tests_support import bind

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def _code(user, telegram_on, now=NOW) -> str:
    return services.telegram_bind_code_create(user=user, now=now)["code"]


def _bind(code, *, telegram_id=700, chat_id=700, now=NOW):
    return services.telegram_profile_bind(
        code=code, telegram_id=telegram_id, chat_id=chat_id, username="ann", now=now
    )


def test_bind_code_expires_in_ten_minutes_with_a_deep_link(user, telegram_on):
    data = services.telegram_bind_code_create(user=user, now=NOW)
    assert data["expires_at"] == NOW + timedelta(minutes=10)
    assert data["deep_link"] == f"https://t.me/fake_habits_bot?start={data['code']}"


def test_bind_code_without_a_token_is_refused(user, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    with pytest.raises(services.TelegramDisabled):
        services.telegram_bind_code_create(user=user, now=NOW)


def test_a_new_code_replaces_the_old_one(user, telegram_on):
    old = _code(user, telegram_on)
    new = _code(user, telegram_on)
    with pytest.raises(ValidationFailed):
        _bind(old)
    assert _bind(new).is_bound


def test_binding_stores_the_chat_and_the_code_works_once(user, telegram_on):
    code = _code(user, telegram_on)
    profile = _bind(code)
    assert (profile.chat_id, profile.telegram_id, profile.telegram_username) == (700, 700, "ann")
    assert profile.bound_at == NOW and profile.bind_code is None
    with pytest.raises(ValidationFailed):
        _bind(code, telegram_id=701, chat_id=701)


def test_an_expired_code_is_refused(user, telegram_on):
    code = _code(user, telegram_on)
    with pytest.raises(ValidationFailed):
        _bind(code, now=NOW + timedelta(minutes=10, seconds=1))


def test_wrong_codes_are_rate_limited_per_telegram_user(user, telegram_on):
    for _ in range(5):
        with pytest.raises(ValidationFailed):
            _bind("nope", telegram_id=800, chat_id=800)
    with pytest.raises(RateLimited):
        _bind(_code(user, telegram_on), telegram_id=800, chat_id=800)
    assert _bind(_code(user, telegram_on), telegram_id=801, chat_id=801).is_bound


def test_a_telegram_account_bound_to_another_user_is_refused(user, other_user, telegram_on):
    bind(other_user, chat_id=700)
    with pytest.raises(Conflict) as refused:
        _bind(_code(user, telegram_on))
    assert refused.value.code == "telegram_already_bound"
    assert not TelegramProfile.objects.get(user=user).is_bound


@pytest.mark.parametrize("same", ["telegram_id", "chat_id"])
def test_either_the_account_or_the_chat_bound_elsewhere_is_refused(
    user, other_user, telegram_on, same
):
    bind(other_user, chat_id=700)
    ids = {"telegram_id": 701, "chat_id": 701, same: 700}
    with pytest.raises(Conflict) as refused:
        _bind(_code(user, telegram_on), **ids)
    assert refused.value.code == "telegram_already_bound"
    assert not TelegramProfile.objects.get(user=user).is_bound


def test_rebinding_from_a_new_chat_moves_the_binding(user, telegram_on):
    _bind(_code(user, telegram_on), telegram_id=700, chat_id=700)
    profile = _bind(_code(user, telegram_on), telegram_id=900, chat_id=900)
    assert (profile.chat_id, profile.telegram_id) == (900, 900)
    assert TelegramProfile.objects.filter(is_bound=True).count() == 1


def test_unbind_by_user_and_by_chat(user, other_user):
    bind(user, chat_id=1)
    bind(other_user, chat_id=2)
    services.telegram_profile_unbind(user=user)
    assert services.telegram_profile_unbind_chat(chat_id=2) is True
    assert services.telegram_profile_unbind_chat(chat_id=2) is False
    assert not TelegramProfile.objects.filter(is_bound=True).exists()


def test_deactivate_and_reactivate_a_chat(user):
    bind(user, chat_id=5)
    services.telegram_profile_deactivate_chat(chat_id=5, reason="blocked")
    assert TelegramProfile.objects.get(user=user).is_active is False
    services.telegram_profile_reactivate_chat(chat_id=5)
    assert TelegramProfile.objects.get(user=user).is_active is True


def test_expired_codes_are_cleaned_up_idempotently(user, other_user, telegram_on):
    services.telegram_bind_code_create(user=user, now=timezone.now() - timedelta(hours=1))
    services.telegram_bind_code_create(user=other_user, now=timezone.now())
    assert telegram_bind_codes_expire_task() == 1
    assert telegram_bind_codes_expire_task() == 0
    assert TelegramProfile.objects.get(user=other_user).bind_code


def test_the_export_names_the_bound_chat_from_one_read(user, other_user, django_assert_num_queries):
    from telegrambot.selectors import telegram_export_for_user

    bind(user, chat_id=42)
    with django_assert_num_queries(1):
        exported = telegram_export_for_user(user)
    assert exported["is_bound"] is True and exported["is_active"] is True
    assert (exported["telegram_id"], exported["chat_id"]) == (42, 42)
    assert exported["bound_at"] is not None
    assert telegram_export_for_user(other_user) == {
        "is_bound": False,
        "is_active": False,
        "telegram_username": "",
        "telegram_id": None,
        "chat_id": None,
        "bound_at": None,
    }


def test_the_bind_code_task_is_registered_by_telegrambots_own_migration():
    migration = import_module("telegrambot.migrations.0002_register_periodic_tasks")
    (spec,) = migration.TASKS
    assert spec.task == telegram_bind_codes_expire_task.name
    registered = PeriodicTask.objects.get(name=spec.name)
    assert (registered.task, registered.enabled) == (spec.task, True)
