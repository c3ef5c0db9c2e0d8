"""The habits-mood report, computed with pandas from plain rows (docs/reports.md).

Definitions, in one place:
- the **mood of a day** is the mean mood of that local day's journal entries; a day without an
  entry has no mood and counts on neither side;
- a habit is **done** on a day whose instance is in DONE_STATUSES, and **due and not done** on a
  day whose instance is in RATED_STATUSES but not DONE_STATUSES (missed, fix_expired). Excused
  days (EXCUSED_STATUSES) and open instances are left out: they are not due, or not decided yet;
- a habit's comparison is shown only when each side has at least MIN_DAYS_EACH_SIDE days with a
  mood; otherwise its means and difference are null and `enough_data` is false ("too little
  data"): no insight is invented from one or two days;
- weeks are ISO weeks (Monday to Sunday) clipped to the range; the best and worst weeks are the
  ones with the highest and lowest completion rate (done / due), ties broken by the mean mood and
  then the earlier week; named only when at least two weeks had a due day.

This module reads no database: reports.selectors fetches the rows, so the hand-computed fixture
of the tests can check these numbers exactly.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from habit_instances.models import DONE_STATUSES, RATED_STATUSES

MIN_DAYS_EACH_SIDE = 3
# means and differences are rounded for display; the rates to 4 places like habit stats
MOOD_DECIMALS = 2
RATE_DECIMALS = 4

NOT_DONE_STATUSES = frozenset(RATED_STATUSES - DONE_STATUSES)


@dataclass(frozen=True, slots=True)
class InstanceRow:
    habit_id: int
    day: date
    status: str


def _mood_by_day(entries: Iterable[tuple[date, int]]) -> pd.Series:
    """Local date -> mean mood of that day's entries."""
    frame = pd.DataFrame(list(entries), columns=["day", "mood"])
    if frame.empty:
        return pd.Series(dtype="float64")
    return frame.groupby("day")["mood"].mean()


def _round(value, places: int):
    return None if value is None or pd.isna(value) else round(float(value), places)


def _rate(done: int, due: int):
    return round(done / due, RATE_DECIMALS) if due else None


def _habit_rows(rated: pd.DataFrame, names: dict[int, str]) -> list[dict]:
    rows = []
    for habit_id in sorted(names, key=lambda pk: (names[pk].casefold(), pk)):
        own = rated[rated["habit_id"] == habit_id]
        with_mood = own.dropna(subset=["mood"])
        done = with_mood[with_mood["done"]]["mood"]
        not_done = with_mood[~with_mood["done"]]["mood"]
        enough = len(done) >= MIN_DAYS_EACH_SIDE and len(not_done) >= MIN_DAYS_EACH_SIDE
        mood_done = done.mean() if enough else None
        mood_not_done = not_done.mean() if enough else None
        rows.append(
            {
                "habit_id": habit_id,
                "name": names[habit_id],
                "done_days": int(len(done)),
                "not_done_days": int(len(not_done)),
                "mood_done": _round(mood_done, MOOD_DECIMALS),
                "mood_not_done": _round(mood_not_done, MOOD_DECIMALS),
                # from the unrounded means, so it is not off by a rounding step
                "difference": _round(mood_done - mood_not_done, MOOD_DECIMALS) if enough else None,
                "enough_data": enough,
                "completions": int(own["done"].sum()),
                "due": int(len(own)),
            }
        )
    return rows


def _weekday_rows(rated: pd.DataFrame, moods: pd.Series) -> list[dict]:
    mood_frame = pd.DataFrame({"day": list(moods.index), "mood": list(moods.values)})
    rows = []
    for weekday in range(7):
        own = rated[rated["weekday"] == weekday] if not rated.empty else rated
        days = (
            mood_frame[[d.weekday() == weekday for d in mood_frame["day"]]]
            if not mood_frame.empty
            else mood_frame
        )
        completions, due = int(own["done"].sum()) if len(own) else 0, int(len(own))
        rows.append(
            {
                "weekday": weekday,
                "completions": completions,
                "due": due,
                "completion_rate": _rate(completions, due),
                "mood": _round(days["mood"].mean() if len(days) else None, MOOD_DECIMALS),
                "mood_days": int(len(days)),
            }
        )
    return rows


def _week_rows(rated: pd.DataFrame, moods: pd.Series, start: date, end: date) -> list[dict]:
    rows = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        first, last = max(monday, start), min(monday + timedelta(days=6), end)
        own = rated[(rated["day"] >= first) & (rated["day"] <= last)] if len(rated) else rated
        week_moods = [m for d, m in moods.items() if first <= d <= last]
        completions, due = (int(own["done"].sum()) if len(own) else 0), int(len(own))
        rows.append(
            {
                "week_start": monday.isoformat(),
                "first_day": first.isoformat(),
                "last_day": last.isoformat(),
                "completions": completions,
                "due": due,
                "completion_rate": _rate(completions, due),
                "mood": _round(
                    sum(week_moods) / len(week_moods) if week_moods else None, MOOD_DECIMALS
                ),
                "mood_days": len(week_moods),
            }
        )
        monday += timedelta(days=7)
    return rows


def _best_and_worst(weeks: list[dict]) -> tuple[dict | None, dict | None]:
    rated_weeks = [week for week in weeks if week["due"]]
    if len(rated_weeks) < 2:
        return None, None

    def rank(week):  # higher is better; a week without mood ranks below one with it
        mood = week["mood"] if week["mood"] is not None else float("-inf")
        return (week["completion_rate"], mood)

    best = max(rated_weeks, key=lambda w: (*rank(w), -rated_weeks.index(w)))
    worst = min(rated_weeks, key=lambda w: (*rank(w), rated_weeks.index(w)))
    return best, worst


def headline_for(habits: list[dict]) -> str | None:
    """The habit whose done and not-done days differ most in mood, among those with enough data;
    None when none has (the web app then says there is too little data)."""
    shown = [h for h in habits if h["enough_data"] and h["difference"]]
    if not shown:
        return None
    top = max(shown, key=lambda h: (abs(h["difference"]), -h["habit_id"]))
    direction = "higher" if top["difference"] > 0 else "lower"
    return (
        f"On days you did “{top['name']}” your mood was {abs(top['difference']):.2f} {direction} "
        f"({top['done_days']} vs {top['not_done_days']} days)."
    )


def habits_mood_report(
    *,
    date_from: date,
    date_to: date,
    habit_names: dict[int, str],
    instances: Iterable[InstanceRow],
    entries: Iterable[tuple[date, int]],
) -> dict:
    """The report over the local days date_from..date_to (inclusive). `instances` may hold any
    status: only the rated ones count. `habit_names`: every habit the report lists."""
    moods = _mood_by_day(entries)
    rated = pd.DataFrame(
        [(row.habit_id, row.day, row.status) for row in instances if row.status in RATED_STATUSES],
        columns=["habit_id", "day", "status"],
    )
    rated["done"] = rated["status"].isin(DONE_STATUSES).astype(bool)
    rated["weekday"] = [day.weekday() for day in rated["day"]]
    rated["mood"] = rated["day"].map(moods).astype("float64") if len(rated) else []
    habits = _habit_rows(rated, habit_names)
    weeks = _week_rows(rated, moods, date_from, date_to)
    best, worst = _best_and_worst(weeks)
    return {
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        "min_days_each_side": MIN_DAYS_EACH_SIDE,
        "mood_days": int(len(moods)),
        "mood": _round(moods.mean() if len(moods) else None, MOOD_DECIMALS),
        "headline": headline_for(habits),
        "habits": habits,
        "weekdays": _weekday_rows(rated, moods),
        "weeks": weeks,
        "best_week": best,
        "worst_week": worst,
    }
