"""Web Push: browser subscriptions as a delivery channel of the notification outbox
(docs/notifications.md)."""
