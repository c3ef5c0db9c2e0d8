from django.conf import settings
from django.db import models


class PushSubscription(models.Model):
    """One browser that accepted push for a user: where to POST (the push service's endpoint)
    and the keys that encrypt for it (RFC 8291)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000)
    # base64url: the browser's P-256 public key (65 bytes) and its auth secret (16 bytes)
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=40)
    # how the profile names the device ("Chrome on Android"), from the browser's user agent
    user_agent = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "endpoint"], name="push_endpoint_per_user"),
        ]
        # the channel's reach (users with a subscription) and the user's list: the FK's index

    def __str__(self):
        return f"Push subscription {self.pk} of {self.user}"


class PushSend(models.Model):
    """One subscription's outcome for one push delivery. A push delivery (one per notification,
    as every channel's) fans out to the user's subscriptions; this row, written as soon as a
    push service answered, is what keeps a retry of the delivery (after a 429 from another
    device's service) from sending to a device twice."""

    class Outcome(models.TextChoices):
        SENT = "sent", "Accepted by the push service"
        REJECTED = "rejected", "Refused for good (413, 400, 403): not retried"

    delivery = models.ForeignKey(
        "notifications.Delivery", on_delete=models.CASCADE, related_name="push_sends"
    )
    subscription = models.ForeignKey(
        PushSubscription, on_delete=models.CASCADE, related_name="sends"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    status_code = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["delivery", "subscription"], name="push_send_once"),
        ]

    def __str__(self):
        return f"Push of delivery {self.delivery_id} to {self.subscription_id}: {self.outcome}"


class PushActionUse(models.Model):
    """A notification's Done/Skip token that was used: the unique key makes it single-use."""

    notification = models.OneToOneField(
        "notifications.Notification", on_delete=models.CASCADE, related_name="push_action_use"
    )
    action = models.CharField(max_length=10)
    used_at = models.DateTimeField()

    def __str__(self):
        return f"{self.action} from the push of notification {self.notification_id}"
