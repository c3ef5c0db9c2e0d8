"""The registry of delivery channels: how the outbox reaches a user besides the feed.

The app that sends on a channel registers it in its AppConfig.ready() (email here in
notifications, Telegram in telegrambot); the outbox then writes one delivery per registered
channel a user can receive on, and hands the due ones to the channel after commit, without
knowing the channels. A new channel (Web Push) is one more registration, not an edit of the
outbox. The pattern is core.user_data's.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Channel:
    # stored in Delivery.channel
    name: str
    # the NotificationSettings boolean field by which a user turns the channel on
    preference: str
    # False when the server has no way to send on it (no token, no SMTP): no deliveries then
    is_configured: Callable[[], bool]
    # after the commit that wrote them, the ids of due deliveries of this channel go here; the
    # rows are the truth, so a failure here only delays them until the republish task
    publish: Callable[[list[int]], None]
    # (user_ids=…) -> the ones it can reach now (bound, not blocked); None: everyone.
    # `user_ids` is anything `user_id__in=` takes (a list, or a subquery for big batches).
    reachable_user_ids: Callable[..., Iterable[int]] | None = None
    # Users who never saved their settings have the configured channel of the lowest rank on and
    # the others off (channel_defaults): Telegram when there is a bot, else email.
    default_rank: int = 100
    # On for users who never saved settings whatever the ranks say: for a channel that reaches
    # only what the user set up themselves (Web Push: a device they subscribed), so on costs
    # nothing until they do, and subscribing needs no second step.
    default_on: bool = False


_channels: dict[str, Channel] = {}


def register_channel(channel: Channel) -> None:
    _channels[channel.name] = channel


def channels_registered() -> list[Channel]:
    return list(_channels.values())


def channel_named(name: str) -> Channel | None:
    return _channels.get(name)


def channel_defaults() -> dict[str, bool]:
    """preference field -> on, for a user who never saved settings: one channel that works on
    this server (the configured one of the lowest rank), or none when none is configured. Read
    at every use, not stored, so configuring a bot or SMTP later reaches those users too."""
    configured = [channel for channel in _channels.values() if channel.is_configured()]
    first = min(configured, key=lambda channel: channel.default_rank, default=None)
    defaults: dict[str, bool] = {}
    for channel in _channels.values():
        defaults[channel.preference] = (
            defaults.get(channel.preference, False) or channel is first or channel.default_on
        )
    return defaults
