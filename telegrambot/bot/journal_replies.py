"""/mood: how the user feels, 1-5 with one tap, and an optional note as the next message, written
through the same journal services as the API (journal.services), which check the owner.

Callback data: `mood:<1-5>` creates today's entry (the user's local date and time). The handler
then remembers, in the chat's own memory for NOTE_WAIT, which entry the next text message is the
note of. Nothing here logs a mood or a note (docs/journal.md)."""

from datetime import datetime, timedelta

from core.exceptions import NotFound
from journal.models import MOOD_MAX, MOOD_MIN, NOTE_MAX_LENGTH
from journal.services import journal_entry_create, journal_entry_update
from telegrambot.bot.replies import HOW_TO_BIND, Reply, profile_for_chat

MOOD_PREFIX = "mood"
NOTE_WAIT = timedelta(minutes=15)
FACES = {1: "😞", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}
ASK = "How do you feel right now? 1 is awful, 5 is great."


def mood_buttons() -> list[list[tuple[str, str]]]:
    return [
        [
            (f"{FACES[mood]} {mood}", f"{MOOD_PREFIX}:{mood}")
            for mood in range(MOOD_MIN, MOOD_MAX + 1)
        ]
    ]


def reply_mood(*, chat_id: int) -> Reply:
    if profile_for_chat(chat_id) is None:
        return Reply(HOW_TO_BIND)
    return Reply(ASK, mood_buttons())


def is_mood_button(data: str) -> bool:
    return (data or "").split(":")[0] == MOOD_PREFIX


def _mood_of(data: str) -> int | None:
    _, _, value = (data or "").partition(":")
    if value.isdigit() and MOOD_MIN <= int(value) <= MOOD_MAX:
        return int(value)
    return None


def reply_mood_button(
    *, chat_id: int, data: str, now: datetime
) -> tuple[str, Reply | None, int | None]:
    """A mood's tap: (short answer, the message edited to say what was saved, the new entry's id
    for the note that may follow; None when nothing was saved)."""
    mood = _mood_of(data)
    if mood is None:
        return "This button is not understood.", None, None
    profile = profile_for_chat(chat_id)
    if profile is None:
        return "This chat is not linked to an account. Send /start.", None, None
    entry = journal_entry_create(user=profile.user, data={"mood": mood}, now=now)
    text = (
        f"{FACES[mood]} Mood {mood} saved in your journal for {entry.date.isoformat()}.\n"
        "Send a note as your next message if you like."
    )
    return "Saved.", Reply(text), entry.pk


def reply_mood_note(*, chat_id: int, entry_id: int, text: str, now: datetime) -> Reply:
    """The message after a mood's tap becomes that entry's note."""
    profile = profile_for_chat(chat_id)
    if profile is None:
        return Reply(HOW_TO_BIND)
    try:
        journal_entry_update(
            user=profile.user,
            entry_id=entry_id,
            data={"note": text[:NOTE_MAX_LENGTH]},
            now=now,
        )
    except NotFound:
        return Reply("That journal entry is gone; send /mood to start a new one.")
    return Reply("📝 Note saved with your mood.")
