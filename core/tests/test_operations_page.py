"""The operators' health page in the admin: every registered section, the slots still waiting
for their app (the last backup), staff only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.operations import (
    StatusRow,
    StatusSection,
    _sections,
    operations_status_read,
    operations_status_register,
)
from habit_instances.tasks import habit_instances_generate_today_task
from notifications import services as notification_services
from notifications.services import NotificationRow
from tests_support import bind

pytestmark = pytest.mark.django_db


def test_staff_see_queues_outbox_generation_and_the_backup_slot(admin_client, user, telegram_on):
    bind(user, chat_id=9)
    notification_services.notifications_write(
        rows=[
            NotificationRow(user_id=user.pk, kind="reminder", title="T", body="B", dedupe_key="k")
        ],
        now=timezone.now(),
    )
    habit_instances_generate_today_task.apply()

    response = admin_client.get(reverse("admin-operations"))

    assert response.status_code == 200
    page = response.content.decode()
    for title in ["Celery queues", "Notifications outbox", "Daily generation", "Last backup"]:
        assert title in page
    assert "telegram" in page and "1 waiting" in page
    assert "min ago" in page  # the generation run just recorded
    assert "last success" in page and "none" in page  # the backups app's section: none yet
    assert reverse("admin-operations") in admin_client.get(reverse("admin:index")).content.decode()


def test_the_page_is_for_staff_only(client, user):
    client.force_login(user)
    response = client.get(reverse("admin-operations"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_slot_no_app_registered_says_it_is_not_set_up():
    registered = _sections.pop("backups", None)
    try:
        shown = dict(operations_status_read())
    finally:
        if registered is not None:
            _sections["backups"] = registered
    assert "not set up" in shown["Last backup"][0].value


def test_an_app_fills_the_backup_slot_by_registering_its_section():
    registered = _sections.get("backups")
    operations_status_register(
        StatusSection(
            key="backups",
            title="Last backup",
            read=lambda: [StatusRow("last backup", "2026-12-01 03:00 UTC, 12 MB")],
        )
    )
    try:
        shown = dict(operations_status_read())
    finally:
        if registered is not None:
            _sections["backups"] = registered
    assert [row.value for row in shown["Last backup"]] == ["2026-12-01 03:00 UTC, 12 MB"]


def test_a_section_that_cannot_be_read_says_so_and_the_others_still_show():
    def broken():
        raise ConnectionError("broker away")

    operations_status_register(StatusSection(key="test-broken", title="Broken", read=broken))
    try:
        shown = dict(operations_status_read())
    finally:
        _sections.pop("test-broken")
    assert shown["Broken"][0].ok is False and "broker away" in shown["Broken"][0].value
    assert "Daily generation" in shown
