"""What the bot answers about goals, as plain data (like replies.py, which holds the rest): /goals
lists the open goals with their progress, a goal's button opens its stages, and a stage's
button ticks it through the same service as the API (goals.services.goal_stage_complete), which
checks the owner.

Callback data: `goal:<goal_id>` opens a goal's stages (goal reminders carry it too),
`stage:<goal_id>:<stage_id>` ticks a stage.
"""

from datetime import datetime

from core.exceptions import Conflict, NotFound
from goals.selectors import goal_get_for_user, goal_list_for_user, goal_stage_list_for_goal
from goals.services import goal_stage_complete
from telegrambot.bot.paging import (
    MAX_TEXT,
    fit,
    more_data,
    parse_more,
    split_pages,
    telegram_length,
)
from telegrambot.bot.replies import HEADER_ROOM, HOW_TO_BIND, MORE_LABEL, Reply, profile_for_chat

GOALS = "goals"
GOAL_PREFIX, STAGE_PREFIX = "goal", "stage"
GOALS_PER_PAGE = 8  # a button per goal under the page's message: a short, tappable keyboard
STAGE_BUTTONS = 8  # the next open stages get a tick button; a tick shows the ones after
BUTTON_TITLE = 40  # characters of a title on a button


def goal_buttons(goal_id: int, title: str) -> list[list[tuple[str, str]]]:
    """The button that opens a goal's stages (the /goals listing, goal reminders)."""
    return [[(f"🎯 {fit(title, BUTTON_TITLE)}", f"{GOAL_PREFIX}:{goal_id}")]]


def _progress_line(goal) -> str:
    stages = (
        f"{goal.completed_stages_count} of {goal.stages_count} stages"
        if goal.stages_count
        else "no stages"
    )
    deadline = f", due {goal.deadline.isoformat()}" if goal.deadline else ""
    return f"• {goal.title} — {goal.progress}% ({stages}{deadline})"


def reply_goals(*, chat_id: int, page: int = 0) -> Reply:
    """The open goals (not archived, not completed), a page of GOALS_PER_PAGE with a button each."""
    profile = profile_for_chat(chat_id)
    if profile is None:
        return Reply(HOW_TO_BIND)
    goals = list(
        goal_list_for_user(user=profile.user, archived=False).filter(completed_at__isnull=True)
    )
    if not goals:
        return Reply("You have no open goals. Set one in the web app.")
    budget = MAX_TEXT - HEADER_ROOM
    pages = split_pages(
        [(goal, fit(_progress_line(goal), budget)) for goal in goals],
        measure=lambda entry: telegram_length(entry[1]),
        budget=budget,
        max_items=GOALS_PER_PAGE,
    )
    page = min(page, len(pages) - 1)  # a stale button after the list shrank: the last page
    title = "Your open goals"
    header = f"{title} (page {page + 1} of {len(pages)}):" if len(pages) > 1 else f"{title}:"
    buttons = [row for goal, _ in pages[page] for row in goal_buttons(goal.pk, goal.title)]
    if page + 1 < len(pages):
        buttons.append([(MORE_LABEL, more_data(GOALS, page + 1))])
    return Reply(header + "\n" + "\n".join(line for _, line in pages[page]), buttons)


def reply_more(*, chat_id: int, data: str, now: datetime) -> tuple[str, list[Reply]]:
    """A *More* tap of the goals listing (handlers send the other listings to replies.py)."""
    _, page = parse_more(data) or ("", 0)
    return "", [reply_goals(chat_id=chat_id, page=page)]


def _stages_reply(goal, stages) -> Reply:
    lines = [f"🎯 {goal.title} — {goal.progress}%"]
    if goal.completed_at:
        lines.append("Completed — well done!")
    if not stages:
        lines.append("No stages yet: add them in the web app.")
    lines += [f"{'✅' if stage.is_completed else '▫️'} {stage.title}" for stage in stages]
    open_stages = [stage for stage in stages if not stage.is_completed][:STAGE_BUTTONS]
    buttons = [
        [(f"✅ {fit(stage.title, BUTTON_TITLE)}", f"{STAGE_PREFIX}:{goal.pk}:{stage.pk}")]
        for stage in open_stages
    ]
    return Reply("\n".join(lines), buttons)


def _goal_stages(*, user, goal_id: int) -> Reply:
    goal = goal_get_for_user(user=user, goal_id=goal_id)
    return _stages_reply(goal, list(goal_stage_list_for_goal(goal=goal).filter(is_draft=False)))


def _ids(data: str, prefix: str, count: int) -> list[int] | None:
    head, *ids = (data or "").split(":")
    if head != prefix or len(ids) != count or not all(part.isdigit() for part in ids):
        return None
    return [int(part) for part in ids]


def reply_goal_button(*, chat_id: int, data: str) -> tuple[str, Reply | None]:
    """A goal's button: (short answer for the tap, a new message with its stages or None)."""
    ids = _ids(data, GOAL_PREFIX, 1)
    if ids is None:
        return "This button is not understood.", None
    profile = profile_for_chat(chat_id)
    if profile is None:
        return "This chat is not linked to an account. Send /start.", None
    try:
        return "", _goal_stages(user=profile.user, goal_id=ids[0])
    except NotFound:
        return "That is not one of your goals.", None


def reply_stage_button(*, chat_id: int, data: str, now: datetime) -> tuple[str, Reply | None]:
    """A stage's tick: (short answer for the tap, the goal's stages to edit the message with)."""
    ids = _ids(data, STAGE_PREFIX, 2)
    if ids is None:
        return "This button is not understood.", None
    profile = profile_for_chat(chat_id)
    if profile is None:
        return "This chat is not linked to an account. Send /start.", None
    goal_id, stage_id = ids
    try:
        _, goal = goal_stage_complete(
            user=profile.user, goal_id=goal_id, stage_id=stage_id, now=now
        )
    except NotFound:
        return "That is not one of your goals.", None
    except Conflict as exc:
        return exc.message, _goal_stages(user=profile.user, goal_id=goal_id)
    answer = (
        "Goal completed! 🎉" if goal.completed_at else f"Done! The goal is at {goal.progress}%."
    )
    return answer, _goal_stages(user=profile.user, goal_id=goal_id)


def is_goal_button(data: str) -> bool:
    return (data or "").split(":")[0] in (GOAL_PREFIX, STAGE_PREFIX)
