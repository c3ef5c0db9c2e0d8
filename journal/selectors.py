"""Reads on the journal: the owner's entries (with tags and photos prefetched), tags, the
year in pixels, the stats, and the export. Everything is scoped to its owner."""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Avg, Count, Prefetch, QuerySet, Sum

from core.ownership import get_owned_or_404
from journal.models import MOOD_MAX, MOOD_MIN, JournalEntry, JournalPhoto, JournalTag


def journal_entry_list_for_user(*, user) -> QuerySet[JournalEntry]:
    """Newest first; tags and photos in one query each, whatever the page's length."""
    return (
        JournalEntry.objects.filter(user=user)
        .prefetch_related(
            Prefetch("tags", queryset=JournalTag.objects.only("id", "name").order_by("name", "id")),
            Prefetch("photos", queryset=JournalPhoto.objects.order_by("created_at", "id")),
        )
        .order_by("-date", "-time", "-id")
    )


def journal_entry_get_for_user(*, user, entry_id) -> JournalEntry:
    return get_owned_or_404(journal_entry_list_for_user(user=user), user=user, pk=entry_id)


def journal_tag_list_for_user(*, user) -> QuerySet[JournalTag]:
    """The owner's tags by name, each with how many entries carry it."""
    return (
        JournalTag.objects.filter(user=user)
        .annotate(entries_count=Count("entries"))
        .order_by("name", "id")
    )


def journal_tag_get_for_user(*, user, tag_id) -> JournalTag:
    return get_owned_or_404(journal_tag_list_for_user(user=user), user=user, pk=tag_id)


def journal_calendar_for_user(*, user, year: int) -> list[dict]:
    """A year in pixels: for each local day of `year` with entries, their mean mood and count
    (one grouped query; days without entries are absent)."""
    days = (
        JournalEntry.objects.filter(
            user=user, date__gte=date(year, 1, 1), date__lte=date(year, 12, 31)
        )
        .values("date")
        .annotate(mean_mood=Avg("mood"), entries=Count("id"))
        .order_by("date")
    )
    return [
        {"date": day["date"], "mood": round(day["mean_mood"], 2), "entries": day["entries"]}
        for day in days
    ]


def _streaks(days: list[date], *, today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with an entry. The current run ends today or
    yesterday: a day not written yet breaks nothing until it is over."""
    longest = run = 0
    previous = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = run if previous is not None and today - previous <= timedelta(days=1) else 0
    return current, longest


def journal_stats_for_user(*, user, today: date) -> dict:
    """Mood distribution, mean mood by weekday (Monday = 0) and the entry streak in days, from
    two grouped queries (by mood, and by day)."""
    by_mood = dict(
        JournalEntry.objects.filter(user=user)
        .values_list("mood")
        .annotate(count=Count("id"))
        .order_by()
    )
    by_day = list(
        JournalEntry.objects.filter(user=user)
        .values_list("date")
        .annotate(total=Count("id"), mood_sum=Sum("mood"))
        .order_by("date")
    )
    weekday_sum: dict[int, float] = defaultdict(float)
    weekday_count: dict[int, int] = defaultdict(int)
    for day, count, mood_sum in by_day:
        weekday_sum[day.weekday()] += float(mood_sum)
        weekday_count[day.weekday()] += count
    current, longest = _streaks([day for day, _, _ in by_day], today=today)
    total = sum(by_mood.values())
    return {
        "entries": total,
        "mean_mood": (
            round(sum(mood * count for mood, count in by_mood.items()) / total, 2)
            if total
            else None
        ),
        "distribution": [
            {"mood": mood, "count": by_mood.get(mood, 0)} for mood in range(MOOD_MIN, MOOD_MAX + 1)
        ],
        "by_weekday": [
            {
                "weekday": weekday,
                "mean_mood": (
                    round(weekday_sum[weekday] / weekday_count[weekday], 2)
                    if weekday_count[weekday]
                    else None
                ),
                "entries": weekday_count[weekday],
            }
            for weekday in range(7)
        ],
        "streak": {"current": current, "longest": longest},
        "days_with_entries": len(by_day),
    }


def journal_photo_keys_for_user(user) -> list[str]:
    """Every stored photo of the user's entries, for the account wipe and deletion."""
    return list(JournalPhoto.objects.filter(entry__user=user).values_list("key", flat=True))


def journal_export_for_user(user) -> dict:
    """The account export's "journal" section (the shape other work relies on: docs/journal.md)."""
    entries = journal_entry_list_for_user(user=user).order_by("date", "time", "id")
    return {
        "tags": list(
            JournalTag.objects.filter(user=user)
            .order_by("name", "id")
            .values_list("name", flat=True)
        ),
        "entries": [
            {
                "date": entry.date.isoformat(),
                "time": entry.time.isoformat(),
                "mood": entry.mood,
                "energy": entry.energy,
                "note": entry.note,
                "tags": [tag.name for tag in entry.tags.all()],
                "photos": [
                    {
                        "key": photo.key,
                        "content_type": photo.content_type,
                        "original_name": photo.original_name,
                        "size": photo.size,
                        "sha256": photo.sha256,
                        "created_at": photo.created_at.isoformat(),
                    }
                    for photo in entry.photos.all()
                ],
            }
            for entry in entries
        ],
    }
