"""Telegram's send limits as the sender keeps them, on a hand-driven clock."""

from telegrambot.bot.limiter import PRUNE_AT, SendLimiter


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _limiter(rate=30.0, chat_interval=1.0):
    clock = Clock()
    return SendLimiter(rate_per_second=rate, chat_interval=chat_interval, clock=clock), clock


def test_sends_to_different_chats_are_spaced_by_the_global_rate():
    limiter, _ = _limiter(rate=30)
    waits = [limiter.reserve(chat) for chat in range(60)]
    assert waits[0] == 0
    assert abs(waits[30] - 1.0) < 1e-9  # the 31st message of the same second waits a second
    assert all(abs((b - a) - 1 / 30) < 1e-9 for a, b in zip(waits, waits[1:], strict=False))


def test_one_chat_gets_at_most_one_message_per_interval():
    limiter, clock = _limiter(rate=0, chat_interval=1.0)
    assert [limiter.reserve(7), limiter.reserve(8), limiter.reserve(7)] == [0, 0, 1.0]
    assert limiter.chat_wait(7) == 2.0
    # slots go out in order: one reserved after a chat's wait is not sent before it
    assert limiter.reserve(9) == 1.0
    clock.now += 2.5
    assert (limiter.chat_wait(7), limiter.reserve(7)) == (0, 0)


def test_a_rate_of_zero_lifts_the_global_limit():
    limiter, _ = _limiter(rate=0, chat_interval=0)
    assert {limiter.reserve(chat) for chat in range(1000)} == {0}


def test_a_429_pauses_every_chat_until_retry_after():
    limiter, clock = _limiter(rate=0, chat_interval=0)
    limiter.pause(3)
    assert (limiter.pause_left(), limiter.reserve(1), limiter.reserve(2)) == (3, 3, 3)
    limiter.pause(1)  # a shorter pause never shortens a longer one
    clock.now += 3
    assert (limiter.pause_left(), limiter.reserve(1)) == (0, 0)


def test_chats_whose_spacing_has_passed_are_forgotten():
    limiter, clock = _limiter(rate=0, chat_interval=1.0)
    for chat in range(PRUNE_AT):
        limiter.reserve(chat)
    clock.now += 5
    limiter.reserve(-1)
    assert limiter.chat_wait(-1) == 1.0
    assert len(limiter._next_by_chat) == 1


def test_after_a_429_the_slots_reserved_before_it_are_void_and_taken_afresh():
    limiter, clock = _limiter(rate=0, chat_interval=1.0)
    # five chats, two messages each: slots at 0 and 1 s from now
    epoch = limiter.epoch
    first = {chat: limiter.reserve(chat) for chat in range(5)}
    second = {chat: limiter.reserve(chat) for chat in range(5)}
    assert set(first.values()) == {0} and set(second.values()) == {1.0}
    clock.now += 0.1  # the first five went out; one was answered 429 retry_after 2
    limiter.pause(2)
    assert limiter.slot_void(epoch)  # the second messages may not use their slot as is
    # they wake at their old slot (1 s) and reserve again: the pause's end, one per chat
    clock.now += 0.9
    epoch = limiter.epoch
    again = {chat: limiter.reserve(chat) for chat in range(5)}
    assert not limiter.slot_void(epoch)
    assert {round(wait, 9) for wait in again.values()} == {1.1}  # all wait for the pause to end
    # the 429'd message retried after the pause: one second after its chat's last slot
    clock.now += 1.15
    assert round(limiter.reserve(0), 9) == 0.95


def test_a_429_forgets_unused_slots_but_keeps_the_spacing_owed_to_sent_messages():
    limiter, clock = _limiter(rate=0, chat_interval=1.0)
    assert [limiter.reserve(7) for _ in range(4)] == [0, 1.0, 2.0, 3.0]
    clock.now += 0.2  # only the first went out
    limiter.pause(0.5)
    assert round(limiter.reserve(8), 9) == 0.5  # another chat: only the pause
    # chat 7: not after the three stale slots (4 s from the start), yet a second after the message
    # that may just have gone out (the limiter does not know which slots were used: it assumes
    # the latest possible, now)
    assert round(limiter.reserve(7), 9) == 1.0


def test_a_sender_that_woke_late_pushes_the_chats_next_message_back():
    limiter, clock = _limiter(rate=0, chat_interval=1.0)
    assert limiter.reserve(7) == 0
    assert limiter.reserve(7) == 1.0  # planned a second after the first
    clock.now += 0.3  # the first sender wakes late and only now sends
    limiter.sent(7)
    clock.now += 0.7  # the second message's planned slot
    assert abs(limiter.owed(7) - 0.3) < 1e-9  # still owed: a second after the real send
    assert limiter.owed(8) == 0  # a chat never written to owes nothing
    clock.now += 0.3
    assert limiter.owed(7) == 0
