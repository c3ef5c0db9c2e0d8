from django.conf import settings
from django.db import models
from django.db.models import Q


class TelegramProfile(models.Model):
    """The link between a web account and a Telegram chat, and the one-time code that makes it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="telegram_profile"
    )
    telegram_id = models.BigIntegerField(null=True, blank=True)
    chat_id = models.BigIntegerField(null=True, blank=True)
    telegram_username = models.CharField(max_length=64, blank=True)
    bind_code = models.CharField(max_length=32, null=True, blank=True, unique=True)
    bind_code_expires_at = models.DateTimeField(null=True, blank=True)
    is_bound = models.BooleanField(default=False)
    # False once Telegram said the chat is gone (bot blocked, chat not found); the next message
    # from that chat turns it back on.
    is_active = models.BooleanField(default=True)
    bound_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # One Telegram account and one chat speak for at most one web account.
            models.UniqueConstraint(
                fields=["telegram_id"],
                condition=Q(is_bound=True),
                name="tg_profile_telegram_id_bound",
            ),
            models.UniqueConstraint(
                fields=["chat_id"], condition=Q(is_bound=True), name="tg_profile_chat_id_bound"
            ),
        ]

    def __str__(self):
        state = f"chat {self.chat_id}" if self.is_bound else "not bound"
        return f"Telegram of {self.user} ({state})"
