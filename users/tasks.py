"""Thin Celery tasks of the account app.

The password-reset mail goes through Celery rather than the notifications outbox: notifications
is a higher layer that users must not import (demo > telegrambot > notifications >
habit_instances > habits > users > core), and a reset link is not a notification (no feed entry,
no channel settings, no quiet hours). Celery's own retry gives it what the outbox would: an
unreachable mail server delays the mail instead of losing it.
"""

import smtplib

from celery import shared_task

from users import services

# Transient mail failures: the SMTP server refused or dropped us, or was not reachable at all.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


@shared_task(
    ignore_result=True,
    # Acknowledged on receipt, unlike the other tasks (settings CELERY_TASK_ACKS_LATE): it is not
    # idempotent (nothing records that the mail went out), so a worker killed after sending would
    # have it run again and mail a second link; a lost one the user simply asks for again.
    acks_late=False,
    autoretry_for=MAIL_ERRORS,
    # Waits of up to 30 s, 60 s, 120 s … 600 s (capped below): at most 65 minutes over the ten
    # retries. Full jitter draws each wait between 0 and its bound, so half that on average.
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=10,
)
def user_password_reset_mail_send_task(email: str) -> bool:
    return services.user_password_reset_mail_send(email=email)
