"""/wallet: the coin balance and the last few ledger entries, read through the same selectors as
GET /api/wallet/ (rewards.selectors)."""

from rewards.models import CoinEntryKind
from rewards.selectors import coin_entry_list_for_user, wallet_balance_for_user
from telegrambot.bot.replies import HOW_TO_BIND, Reply, profile_for_chat

LAST_ENTRIES = 5


def _entry_line(entry) -> str:
    what = CoinEntryKind(entry.kind).label
    detail = entry.habit_name or entry.note
    about = f" — {detail}" if detail else ""
    return f"{entry.amount:+d}  {what}{about}"


def reply_wallet(*, chat_id: int) -> Reply:
    """The balance and the LAST_ENTRIES newest entries (three queries: the profile, the balance,
    the entries)."""
    profile = profile_for_chat(chat_id)
    if profile is None:
        return Reply(HOW_TO_BIND)
    user = profile.user
    balance = wallet_balance_for_user(user=user)
    entries = list(coin_entry_list_for_user(user=user)[:LAST_ENTRIES])
    if not entries:
        return Reply(
            f"🪙 {balance} coins. Complete a habit on time to earn your first ones; "
            "spend them on rewards you set in the web app."
        )
    lines = [f"🪙 {balance} coins", "", "Latest:"] + [_entry_line(entry) for entry in entries]
    return Reply("\n".join(lines))
