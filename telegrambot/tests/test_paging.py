"""Listing replies cut into pages that keep Telegram's limits, walked with the *More* button."""

import pytest
from django.utils import timezone

from habits.tests.factories import HabitFactory
from telegrambot.bot import paging, replies
from tests_support import bind, open_instance

pytestmark = pytest.mark.django_db

# 🌟 is one character but two UTF-16 code units: Telegram counts it twice
LONG_NAME = "🌟" * 75  # 150 characters, the model's max_length
LONG_ACTION = "🌟a" * 127 + "b"  # 255
LONG_PLACE = "p🌟" * 127 + "q"  # 255


def _long_habits(user, count=30):
    return [
        HabitFactory(
            user=user, name=f"{n:02d}{LONG_NAME[2:]}", action=LONG_ACTION, place=LONG_PLACE
        )
        for n in range(count)
    ]


def _walk(first, more):
    """Every page of a listing: the first, then one per *More* tap, until none is offered."""
    pages = [first]
    while pages[-1].buttons:
        ((label, data),) = pages[-1].buttons[-1]
        assert label == replies.MORE_LABEL and len(data.encode()) <= paging.MAX_CALLBACK_DATA
        answer, sent = more(data)
        assert answer == "" and len(sent) == 1
        pages.append(sent[0])
        assert len(pages) < 50
    return pages


def _assert_within_limits(page):
    assert 0 < paging.telegram_length(page.text) <= paging.MAX_TEXT
    for row in page.buttons:
        for _, data in row:
            assert len(data.encode()) <= paging.MAX_CALLBACK_DATA


def test_telegram_length_counts_utf16_code_units_and_fit_cuts_by_them():
    assert paging.telegram_length("a🌟ё") == 4
    cut = paging.fit("🌟" * 10, 7)
    assert cut == "🌟🌟🌟…" and paging.telegram_length(cut) == 7
    assert paging.fit("short", 7) == "short"


def test_split_pages_keeps_every_item_once_within_budget_and_count():
    items = ["x" * 30] * 10
    pages = paging.split_pages(items, budget=100, max_items=2)
    assert [len(page) for page in pages] == [2] * 5
    assert sum(pages, []) == items
    assert all(len("\n".join(page)) <= 100 for page in pages)
    assert paging.split_pages(items, budget=62) == [items[i : i + 2] for i in range(0, 10, 2)]


def test_more_data_round_trips_and_anything_else_is_not_more():
    assert paging.parse_more(paging.more_data("habits", 3)) == ("habits", 3)
    for data in ("done:5", "more:habits:", "more::1", "more:habits:x", ""):
        assert paging.parse_more(data) is None


def test_many_long_habits_page_under_the_limit_and_more_walks_all_of_them(user):
    bind(user, chat_id=10)
    habits = _long_habits(user)  # /stats shows names only: it needs this many for a page 2
    now = timezone.now()
    for first in (replies.reply_habits(chat_id=10), replies.reply_stats(chat_id=10, now=now)):
        pages = _walk(first, lambda data: replies.reply_more(chat_id=10, data=data, now=now))
        assert len(pages) > 1
        for page in pages:
            _assert_within_limits(page)
        text = "\n".join(page.text for page in pages)
        # nothing lost, nothing twice, in order
        positions = [text.index(f"• {n:02d}") for n in range(len(habits))]
        assert positions == sorted(positions)
        assert all(text.count(f"• {n:02d}") == 1 for n in range(len(habits)))
        assert f"(page {len(pages)} of {len(pages)})" in pages[-1].text


def test_today_sends_a_page_of_instance_messages_then_more(user):
    bind(user, chat_id=10)
    now = timezone.now()
    instances = [
        open_instance(user, now=now, name=f"{n:02d}{LONG_NAME[2:]}", action=LONG_ACTION)
        for n in range(12)
    ]
    seen = []
    answers = replies.reply_today(chat_id=10, now=now)
    assert answers[0].text.startswith("Today: 0 of 12")
    while True:
        for answer in answers:
            _assert_within_limits(answer)
        seen += [a.buttons[0][0][1] for a in answers if a.buttons and "done:" in a.buttons[0][0][1]]
        more = answers[-1].buttons[0][0][1] if answers[-1].buttons else ""
        if paging.parse_more(more) is None:
            break
        assert answers[-1].text.endswith("more open today.")
        _, answers = replies.reply_more(chat_id=10, data=more, now=now)
        assert len(seen) < 50
    assert seen == [f"done:{i.pk}" for i in sorted(instances, key=lambda i: (i.scheduled_at, i.pk))]


def test_a_more_tap_shows_the_tapping_chats_own_user_only(user, other_user):
    bind(user, chat_id=10)
    bind(other_user, chat_id=20)
    _long_habits(user)
    HabitFactory(user=other_user, name="Theirs only")
    data = replies.reply_habits(chat_id=10).buttons[-1][0][1]
    # the button travels to (or is forged in) another chat: that chat's user, its page 2
    _, (page,) = replies.reply_more(chat_id=20, data=data, now=timezone.now())
    assert "Theirs only" in page.text and "🌟" not in page.text and not page.buttons
    _, unbound = replies.reply_more(chat_id=30, data=data, now=timezone.now())
    assert [r.text for r in unbound] == [replies.HOW_TO_BIND]


def test_a_too_long_reply_is_cut_and_too_long_callback_data_is_refused():
    # cut whole characters: 4095 units, as one more 🌟 would make 4097
    assert paging.telegram_length(replies.Reply("🌟" * 3000).text) == paging.MAX_TEXT - 1
    with pytest.raises(ValueError):
        replies.Reply("x", [[("b", "d" * 65)]])


def test_marking_instances_done_on_a_today_page_does_not_skip_any_on_the_next(user):
    bind(user, chat_id=10)
    now = timezone.now()
    instances = [open_instance(user, now=now, name=f"{n:02d}") for n in range(12)]
    first = replies.reply_today(chat_id=10, now=now)
    shown = [a.buttons[0][0][1] for a in first if a.buttons and "done:" in a.buttons[0][0][1]]
    assert shown == [f"done:{i.pk}" for i in instances[:5]]
    # the user taps Done on two of the page, then More: the next page starts after the first
    for tapped in (instances[0], instances[3]):
        answer, _ = replies.reply_instance_button(chat_id=10, data=f"done:{tapped.pk}", now=now)
        assert answer == "Done! Nice work."
    _, second = replies.reply_more(chat_id=10, data=first[-1].buttons[0][0][1], now=now)
    shown = [a.buttons[0][0][1] for a in second if a.buttons and "done:" in a.buttons[0][0][1]]
    assert shown == [f"done:{i.pk}" for i in instances[5:10]]
    assert second[-1].text == "2 more open today."
    # the rest marked elsewhere: that page's More now finds nothing open after it
    for instance in instances[10:]:
        replies.reply_instance_button(chat_id=10, data=f"done:{instance.pk}", now=now)
    _, third = replies.reply_more(chat_id=10, data=second[-1].buttons[0][0][1], now=now)
    assert [a.text for a in third] == ["Today: 4 of 12 done. Nothing more open after those."]
    # yesterday's button, or another user's instance: today's first page, from the start
    _, again = replies.reply_more(chat_id=10, data=paging.more_data("today", 10**12), now=now)
    assert again[0].text == "Today: 4 of 12 done."
    assert again[1].buttons[0][0][1] == f"done:{instances[1].pk}"
