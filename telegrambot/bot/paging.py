"""Telegram's size limits, and the one way every listing reply (/habits, /stats, /today) is cut
into pages that keep them: a page holds as many entries as fit, and a *More* button carrying
the listing's name and where the next page starts asks for the rest (a page number; for
/today the id of the last instance shown, as its own buttons change which ones are open).

Telegram counts a message's length in UTF-16 code units, so an emoji or a rare CJK character
counts twice: `telegram_length` counts the same way. Callback data is limited in bytes.
"""

from collections.abc import Callable, Sequence
from typing import TypeVar

MAX_TEXT = 4096  # sendMessage / editMessageText text, UTF-16 code units
MAX_CALLBACK_DATA = 64  # an inline button's callback_data, bytes (UTF-8)
MAX_ANSWER = 200  # answerCallbackQuery text, UTF-16 code units
ELLIPSIS = "…"
MORE_PREFIX = "more"

T = TypeVar("T")


def telegram_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, limit: int = MAX_TEXT) -> str:
    """The text, cut with an ellipsis when Telegram would count it longer than `limit`."""
    if telegram_length(text) <= limit:
        return text
    kept, used = [], telegram_length(ELLIPSIS)
    for char in text:
        used += telegram_length(char)
        if used > limit:
            break
        kept.append(char)
    return "".join(kept) + ELLIPSIS


def split_pages(
    items: Sequence[T],
    *,
    measure: Callable[[T], int] = telegram_length,
    budget: int = MAX_TEXT,
    max_items: int | None = None,
) -> list[list[T]]:
    """Items packed in order into pages: a page's items, measured one per line, take at most
    `budget` and number at most `max_items`. Every item lands on exactly one page (one larger
    than the budget gets a page of its own: cut text entries with `fit` first)."""
    pages: list[list[T]] = [[]]
    used = 0
    for item in items:
        size = measure(item)
        page = pages[-1]
        full = max_items is not None and len(page) >= max_items
        if page and (full or used + 1 + size > budget):
            pages.append([])
            page, used = pages[-1], 0
        used += size + (1 if len(page) else 0)  # the newline before it
        page.append(item)
    return pages


def more_data(listing: str, position: int) -> str:
    data = f"{MORE_PREFIX}:{listing}:{position}"
    assert len(data.encode()) <= MAX_CALLBACK_DATA, data  # listing names are short constants
    return data


def parse_more(data: str) -> tuple[str, int] | None:
    """(listing, position) of a *More* button's data, or None when it is not one."""
    prefix, _, rest = (data or "").partition(":")
    listing, _, raw_page = rest.partition(":")
    if prefix != MORE_PREFIX or not listing or not raw_page.isdigit():
        return None
    return listing, int(raw_page)
