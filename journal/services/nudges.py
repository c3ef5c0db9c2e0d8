"""The daily journal nudge: at the local time each user chose (NotificationSettings
.journal_nudge_time, off by default), "How was your day?" through the notifications outbox,
unless they already wrote an entry that day. Once a day per user (the outbox's dedupe key)."""

from datetime import datetime, timedelta

from journal.models import JournalEntry
from notifications.models import Notification, NotificationSettings
from notifications.services import NotificationRow, notifications_write
from users.timezones import zone_named

# A nudge found later than this after its time (beat was down) is not sent: "how was your day"
# at breakfast the day after says nothing useful.
NUDGE_WINDOW = timedelta(hours=1)


def journal_nudges_send(*, now: datetime) -> int:
    """Writes the nudges that are due at `now`; answers how many were written. Safe to run twice
    or concurrently: the same user and day notify once."""
    due: dict[int, str] = {}
    wanted = NotificationSettings.objects.filter(
        journal_nudge_time__isnull=False, user__is_active=True
    ).values_list("user_id", "user__timezone", "journal_nudge_time")
    for user_id, zone, at in wanted:
        local = now.astimezone(zone_named(zone))
        moment = datetime.combine(local.date(), at, tzinfo=local.tzinfo)
        if moment <= local < moment + NUDGE_WINDOW:
            due[user_id] = local.date().isoformat()
    if not due:
        return 0
    written_today = set(
        JournalEntry.objects.filter(user_id__in=list(due), date__in=set(due.values()))
        .values_list("user_id", "date")
        .distinct()
    )
    rows = [
        NotificationRow(
            user_id=user_id,
            kind=Notification.Kind.JOURNAL_NUDGE,
            title="How was your day?",
            body="Take a moment for your journal: a mood, a few tags, a line.",
            dedupe_key=f"journal_nudge:{day}",
            payload={"date": day},
        )
        for user_id, day in due.items()
        if (user_id, datetime.fromisoformat(day).date()) not in written_today
    ]
    return len(notifications_write(rows=rows, now=now))
