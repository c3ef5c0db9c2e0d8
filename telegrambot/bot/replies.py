"""What the bot answers, as plain data: the handlers (handlers.py) are thin async adapters that
call these synchronous functions in a worker thread and turn the Reply into Telegram calls.

Every reply calls the same services and selectors as the API.
"""

from dataclasses import dataclass, field
from datetime import datetime

from core.exceptions import Conflict, DomainError, NotFound
from habit_instances.models import DONE_STATUSES, EXCUSED_STATUSES, OPEN_STATUSES
from habit_instances.selectors import habit_instance_get_for_user, habit_instances_today_for_user
from habit_instances.services import (
    habit_instance_mark_completed,
    habit_instance_mark_failed,
    habit_instance_mark_skipped,
    habit_instance_undo,
    mark_may_be_undone,
)
from habit_instances.stats.selectors import habit_stats_get_many
from habits.models import Schedule, weekdays_list
from habits.selectors import habit_list_for_user
from telegrambot import services
from telegrambot.bot.paging import (
    MAX_CALLBACK_DATA,
    MAX_TEXT,
    fit,
    more_data,
    parse_more,
    split_pages,
)
from telegrambot.selectors import telegram_profile_get_for_chat
from users.timezones import zone_named

COMMANDS = [
    ("today", "Today's habits with Done / Not done / Skip (excused) buttons"),
    ("habits", "Your habits"),
    ("stats", "Streaks and strength per habit"),
    ("goals", "Your open goals; tick their stages"),
    ("wallet", "Your coins and the latest entries of your ledger"),
    ("mood", "Note how you feel (1-5) in your journal, and a line if you like"),
    ("bind", "Link this chat: /bind <code>"),
    ("unbind", "Unlink this chat from your account"),
    ("help", "What this bot does"),
    ("start", "Start, or link with a code from the web app"),
]

STATUS_LABELS = {
    "scheduled": "later today",
    "pending": "time to do it",
    "completed": "done ✅",
    "completed_late": "done late ✅",
    "missed": "not done ❌",
    "fix_expired": "expired ⌛",
    "skipped": "skipped, excused ➖",
}


@dataclass
class Reply:
    text: str
    # rows of (label, callback data) for an inline keyboard
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)

    def __post_init__(self):
        # The last guard: listings page themselves (below), anything else too long is cut
        # rather than refused by Telegram.
        self.text = fit(self.text)
        for row in self.buttons:
            for _, data in row:
                if len(data.encode()) > MAX_CALLBACK_DATA:
                    raise ValueError(f"callback data over {MAX_CALLBACK_DATA} bytes: {data!r}")


HOW_TO_BIND = (
    "This chat is not linked to an Atomic Habits account yet.\n"
    "Open the web app → Profile → Telegram, press “Link Telegram” and follow the link, "
    "or send /bind <code> here."
)

HELP = "I remind you of your habits at their time and you mark them with one tap.\n\n" + "\n".join(
    f"/{name} — {description}" for name, description in COMMANDS
)


def profile_for_chat(chat_id: int):
    """The chat's bound profile (a chat that blocked the bot and speaks again is active again)."""
    profile = telegram_profile_get_for_chat(chat_id=chat_id)
    if profile is not None and not profile.is_active:
        services.telegram_profile_reactivate_chat(chat_id=chat_id)
    return profile


# A tap's callback data is "<action>:<instance id>". "skip" is what the single Skip button of
# messages sent before excused skips existed carries: it meant "not done", and still does.
MARKS = {
    "done": habit_instance_mark_completed,
    "notdone": habit_instance_mark_failed,
    "skip": habit_instance_mark_failed,
    "excused": habit_instance_mark_skipped,
    "undo": habit_instance_undo,
}
ANSWERS = {
    "done": "Done! Nice work.",
    "notdone": "Marked not done: it breaks the streak. Tomorrow is a new chance.",
    "skip": "Marked not done: it breaks the streak. Tomorrow is a new chance.",
    "excused": (
        "Skipped as excused: today counts as not due, so your streak neither grows nor breaks. "
        "Excused skips are limited per week; use Not done when you simply did not do it."
    ),
    "undo": "Undone: the habit is open again.",
}


def instance_buttons(instance_id: int) -> list[list[tuple[str, str]]]:
    return [
        [("✅ Done", f"done:{instance_id}"), ("❌ Not done", f"notdone:{instance_id}")],
        [("➖ Skip (excused)", f"excused:{instance_id}")],
    ]


def _buttons_for(instance, *, now: datetime | None) -> list[list[tuple[str, str]]]:
    """The marks of an open instance; after a mark, Undo while it may still be undone."""
    if instance.status in OPEN_STATUSES:
        return instance_buttons(instance.pk)
    if now is not None and mark_may_be_undone(instance, now=now):
        return [[("↩️ Undo", f"undo:{instance.pk}")]]
    return []


def instance_reply(instance, *, user, now: datetime | None = None) -> Reply:
    habit = instance.habit
    at = instance.scheduled_at.astimezone(zone_named(user.timezone)).strftime("%H:%M")
    text = (
        f"{habit.name or habit.action} — {at}\n"
        f"{habit.action} at {habit.place}\n"
        f"Status: {STATUS_LABELS.get(instance.status, instance.status)}"
    )
    return Reply(text, _buttons_for(instance, now=now))


def reply_help(*, chat_id: int) -> Reply:
    return Reply(HELP if profile_for_chat(chat_id) else f"{HELP}\n\n{HOW_TO_BIND}")


def reply_bind(*, chat_id: int, telegram_id: int, username: str, code: str, now: datetime) -> Reply:
    if not code:
        return Reply(
            "Send /bind followed by the code from the web app (Profile → Telegram), "
            "for example: /bind Ab3dEf"
        )
    try:
        profile = services.telegram_profile_bind(
            code=code, telegram_id=telegram_id, chat_id=chat_id, username=username, now=now
        )
    except DomainError as exc:  # a wrong code, the rate limit, a taken account: said as is
        return Reply(exc.message)
    return Reply(
        f"Linked to {profile.user.email}. Reminders will arrive here at each habit's time.\n"
        "Try /today."
    )


def reply_start(
    *, chat_id: int, telegram_id: int, username: str, code: str, now: datetime
) -> Reply:
    if code:
        return reply_bind(
            chat_id=chat_id, telegram_id=telegram_id, username=username, code=code, now=now
        )
    profile = profile_for_chat(chat_id)
    if profile is None:
        return Reply(f"Hello! I am the Atomic Habits bot.\n\n{HOW_TO_BIND}")
    return Reply(f"Welcome back, {profile.user.name or profile.user.email}!\n\n{HELP}")


def reply_unbind(*, chat_id: int) -> Reply:
    if services.telegram_profile_unbind_chat(chat_id=chat_id):
        return Reply("This chat is unlinked. No more reminders here. /bind links it again.")
    return Reply("This chat was not linked to any account.")


# Listings: each answers one page, and a *More* button (paging.more_data) asks for the next.
HABITS, STATS, TODAY = "habits", "stats", "today"
TODAY_PER_PAGE = 5  # /today sends one message per open instance: a page is this many of them
HEADER_ROOM = 40  # code units kept free on a page for its header ("Your habits (page 2 of 3):")
MORE_LABEL = "More ▸"


def _more_buttons(listing: str, page: int, pages: int) -> list[list[tuple[str, str]]]:
    return [[(MORE_LABEL, more_data(listing, page + 1))]] if page + 1 < pages else []


def _lines_page(*, listing: str, title: str, lines: list[str], page: int) -> Reply:
    """One page of a listing shown as lines of one message."""
    budget = MAX_TEXT - HEADER_ROOM
    pages = split_pages([fit(line, budget) for line in lines], budget=budget)
    page = min(page, len(pages) - 1)  # a stale button after the list shrank: the last page
    header = f"{title} (page {page + 1} of {len(pages)}):" if len(pages) > 1 else f"{title}:"
    return Reply(header + "\n" + "\n".join(pages[page]), _more_buttons(listing, page, len(pages)))


def reply_today(*, chat_id: int, now: datetime, after: int | None = None) -> list[Reply]:
    """Today's open instances, a page of TODAY_PER_PAGE messages. A next page starts after the
    instance `after` (the last one shown), not at a count: the mark buttons of the page
    before close instances, and a count of open ones would then skip as many."""
    profile = profile_for_chat(chat_id)
    if profile is None:
        return [Reply(HOW_TO_BIND)]
    instances = list(habit_instances_today_for_user(user=profile.user, now=now))
    if not instances:
        return [Reply("Nothing is due today. Enjoy the day!")]
    # an id not among today's (yesterday's button, a deleted habit): from the start
    start = next((n + 1 for n, i in enumerate(instances) if i.pk == after), 0)
    open_ones = [i for i in instances[start:] if i.status in OPEN_STATUSES]
    done = sum(1 for i in instances if i.status in DONE_STATUSES)
    due = sum(1 for i in instances if i.status not in EXCUSED_STATUSES)  # excused: not due
    summary = f"Today: {done} of {due} done."
    if not open_ones:
        rest = "Nothing left open — well done!" if start == 0 else "Nothing more open after those."
        return [Reply(f"{summary} {rest}")]
    page, left = open_ones[:TODAY_PER_PAGE], len(open_ones) - TODAY_PER_PAGE
    answers = [] if start else [Reply(summary)]
    answers += [instance_reply(i, user=profile.user) for i in page]
    if left > 0:
        more = [[(MORE_LABEL, more_data(TODAY, page[-1].pk))]]
        answers.append(Reply(f"{left} more open today.", more))
    return answers


WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def schedule_in_words(habit) -> str:
    """ "every day", "every 3 days", "on Mon, Wed, Fri", "3 times a week"."""
    if habit.schedule == Schedule.WEEKDAYS:
        return "on " + ", ".join(WEEKDAY_NAMES[day] for day in weekdays_list(habit.weekdays))
    if habit.schedule == Schedule.TIMES_PER_WEEK:
        return (
            "once a week" if habit.times_per_week == 1 else f"{habit.times_per_week} times a week"
        )
    if habit.periodicity_days == 1:
        return "every day"
    return f"every {habit.periodicity_days} days"


def _pause_in_words(habit) -> str:
    if not habit.is_active:
        return " (off)"
    if habit.paused_from is None:
        return ""
    if habit.paused_until is None:
        return f" (paused from {habit.paused_from:%d %b})"
    return f" (paused {habit.paused_from:%d %b} to {habit.paused_until:%d %b})"


def reply_habits(*, chat_id: int, page: int = 0) -> Reply:
    profile = profile_for_chat(chat_id)
    if profile is None:
        return Reply(HOW_TO_BIND)
    habits = list(habit_list_for_user(user=profile.user).filter(is_archived=False))
    if not habits:
        return Reply("You have no habits yet. Create one in the web app.")
    lines = [
        f"• {h.name or h.action}: {h.action} at {h.place}, {schedule_in_words(h)} at "
        f"{h.time_of_day.strftime('%H:%M')}" + _pause_in_words(h)
        for h in habits
    ]
    return _lines_page(listing=HABITS, title="Your habits", lines=lines, page=page)


def reply_stats(*, chat_id: int, now: datetime, page: int = 0) -> Reply:
    profile = profile_for_chat(chat_id)
    if profile is None:
        return Reply(HOW_TO_BIND)
    habits = list(
        # the stats read the owner's zone from habit.user: joined here, not one query per habit
        habit_list_for_user(user=profile.user)
        .filter(is_active=True, is_archived=False)
        .select_related("user")
    )
    if not habits:
        return Reply("No active habits, so no stats yet.")
    # one cache read (and one computation of what is missing) for all habits, not one per habit
    stats_of = habit_stats_get_many(habits=habits, now=now)
    lines = []
    for habit in habits:
        stats = stats_of[habit.pk]
        strength = round(100 * (stats.get("strength") or {}).get("score", 0))
        lines.append(
            f"• {habit.name or habit.action}: streak {stats['current_streak']} "
            f"(best {stats['max_streak']}), strength {strength}%"
        )
    return _lines_page(listing=STATS, title="Your stats", lines=lines, page=page)


def reply_more(*, chat_id: int, data: str, now: datetime) -> tuple[str, list[Reply]]:
    """A *More* tap: (short answer for the tap, the page's messages). The page is of the
    tapping chat's own user, whoever's message carried the button."""
    listing, position = parse_more(data) or ("", 0)
    if listing == TODAY:
        return "", reply_today(chat_id=chat_id, now=now, after=position)
    if listing == HABITS:
        return "", [reply_habits(chat_id=chat_id, page=position)]
    if listing == STATS:
        return "", [reply_stats(chat_id=chat_id, now=now, page=position)]
    return "This button is not understood.", []


def reply_instance_button(*, chat_id: int, data: str, now: datetime) -> tuple[str, Reply | None]:
    """A Done / Not done / Skip (excused) / Undo tap: (short answer for the tap, the edited
    message or None)."""
    action, _, raw_id = (data or "").partition(":")
    mark = MARKS.get(action)
    if mark is None or not raw_id.isdigit():
        return "This button is not understood.", None
    profile = profile_for_chat(chat_id)
    if profile is None:
        return "This chat is not linked to an account. Send /start.", None
    try:
        instance = mark(user=profile.user, instance_id=int(raw_id), now=now)
    except NotFound:
        return "That is not one of your habits.", None
    except Conflict as exc:
        current = habit_instance_get_for_user(user=profile.user, instance_id=int(raw_id))
        edited = instance_reply(current, user=profile.user, now=now) if current else None
        return exc.message, edited
    return ANSWERS[action], instance_reply(instance, user=profile.user, now=now)


def render_notification(notification) -> Reply:
    """A notification as a Telegram message; reminders and nudges carry the mark buttons."""
    text = f"{notification.title}\n{notification.body}".strip()
    instance_id = (notification.payload or {}).get("instance_id")
    wants_buttons = "done" in (notification.payload or {}).get("actions", [])
    return Reply(text, instance_buttons(instance_id) if instance_id and wants_buttons else [])
