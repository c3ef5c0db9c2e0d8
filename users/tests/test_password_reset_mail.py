"""Forgot-password tells nobody which emails have accounts (issue 10, item 3): the request only
queues the mail, so it does the same work, gives the same answer and takes the same time for a
known and an unknown email, and a mail server that is down changes nothing in the answer."""

import smtplib

import pytest
from django.core import mail

from users import services
from users.tasks import user_password_reset_mail_send_task
from users.tests.api import FORGOT
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(
        user_password_reset_mail_send_task, "delay", lambda **kwargs: calls.append(kwargs)
    )
    return calls


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1


def test_known_and_unknown_emails_do_the_same_work_and_get_the_same_answer(
    api_client, user, queued, smtp_down, django_assert_num_queries
):
    answers = []
    for email in (user.email, "nobody@example.com"):
        with django_assert_num_queries(0):  # not even a lookup of the account
            response = api_client.post(FORGOT, {"email": email.upper()}, format="json")
        answers.append((response.status_code, response.json()))
    assert answers[0] == answers[1]
    assert answers[0][0] == 202
    assert queued == [{"email": user.email}, {"email": "nobody@example.com"}]
    assert mail.outbox == []


def test_the_task_mails_a_link_to_a_known_active_account_only(user, settings):
    settings.FRONTEND_URL = "https://habits.example.org"
    assert (
        user_password_reset_mail_send_task.apply(kwargs={"email": "nobody@example.com"}).get()
        is False
    )
    inactive = UserFactory(is_active=False)
    assert user_password_reset_mail_send_task.apply(kwargs={"email": inactive.email}).get() is False
    assert user_password_reset_mail_send_task.apply(kwargs={"email": user.email}).get() is True
    assert [message.to for message in mail.outbox] == [[user.email]]
    assert "https://habits.example.org/reset-password?uid=" in mail.outbox[0].body


def test_the_task_retries_while_the_mail_server_fails(user, monkeypatch):
    real_send_mail, failures = services.send_mail, []

    def flaky_send_mail(**kwargs):
        if len(failures) < 2:
            failures.append(1)
            raise smtplib.SMTPServerDisconnected("gone")
        return real_send_mail(**kwargs)

    monkeypatch.setattr(services, "send_mail", flaky_send_mail)
    monkeypatch.setattr(user_password_reset_mail_send_task, "retry_backoff", False)
    assert user_password_reset_mail_send_task.apply(kwargs={"email": user.email}).get() is True
    assert len(failures) == 2
    assert len(mail.outbox) == 1


def test_a_refused_connection_is_retried_too():
    assert issubclass(ConnectionRefusedError, user_password_reset_mail_send_task.autoretry_for)
