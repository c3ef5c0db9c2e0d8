"""A notification from the outbox as a Telegram message: habit reminders and nudges carry their
Done/Skip buttons (replies.render_notification), goal reminders and the AI breakdown's "ready"
notification (`goal_ai_ready`) the button that opens the goal's stages (goal_replies, whose
`goal:<goal_id>` the /goals listing uses too). Apart from replies.py because goal_replies imports
it."""

from goals.services.reminders import OPEN_STAGES
from notifications.models import Notification
from telegrambot.bot import replies
from telegrambot.bot.goal_replies import goal_buttons
from telegrambot.bot.journal_replies import mood_buttons

OPEN_STAGES_LABEL = "Open its stages"


def render_notification(notification) -> replies.Reply:
    payload = notification.payload or {}
    goal_id = payload.get("goal_id")
    if isinstance(goal_id, int) and OPEN_STAGES in payload.get("actions", []):
        text = f"{notification.title}\n{notification.body}".strip()
        return replies.Reply(text, goal_buttons(goal_id, OPEN_STAGES_LABEL))
    if notification.kind == Notification.Kind.JOURNAL_NUDGE:  # one tap answers it, as /mood
        text = f"{notification.title}\n{notification.body}".strip()
        return replies.Reply(text, mood_buttons())
    return replies.render_notification(notification)
