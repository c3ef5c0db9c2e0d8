from django.conf import settings
from django.db import models

from core.models import TimeStampedModel


class CalendarFeed(TimeStampedModel):
    """A user's iCal subscription. The URL's token is never stored: it is derived from `nonce`
    with the server's SECRET_KEY (ical.tokens), so the profile can show the URL again, while a
    copy of the database alone does not reveal it. `token_hash` (SHA-256 of the token) finds the
    feed of a request in one indexed lookup."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    nonce = models.CharField(max_length=64)
    # the feed request's lookup: WHERE token_hash = sha256(<token from the URL>)
    token_hash = models.CharField(max_length=64, unique=True)

    def __str__(self):
        return f"calendar feed of user {self.user_id}"
