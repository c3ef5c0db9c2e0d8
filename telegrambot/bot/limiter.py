"""Telegram's send limits, kept by the one process that sends: about 30 messages a second per
bot across chats and about one a second per chat, plus the pause a 429 asks for.

Each send reserves a slot: the earliest moment that is at least 1/rate after the previous send
of the bot, at least `chat_interval` after the previous send to that chat, and after any pause.
Slots are handed out in order, so the bot's messages stay at least 1/rate apart even when one
waits for its chat: those reserved after it wait too. The sender therefore only holds a message
for a busy chat briefly and gives longer waits back to the queue (transport.CHAT_HOLD_SECONDS).
Reserving is synchronous (no await between reading and writing the clocks), so concurrent
sender tasks of one event loop never get the same slot.

A 429 voids every slot not yet used: they were spaced for a timeline the pause broke, and
honouring them would send all of them at once when the pause ends. `pause()` forgets them and
counts an epoch; a sender whose slot was reserved in an earlier epoch reserves again
(`slot_void`), so after a pause the messages to one chat are spaced again.

Slots are planned moments; a sender can wake later than its slot (a busy event loop, a loaded
machine) while the next message to that chat keeps its planned slot, which would bring the two
closer than `chat_interval`. So the sender also records when it really sends (`sent`) and waits
whatever the chat is still owed from that moment (`owed`) before it sends.
"""

import time
from collections.abc import Callable

PRUNE_AT = 10_000  # chats remembered before the ones whose spacing has passed are forgotten


class SendLimiter:
    def __init__(
        self,
        *,
        rate_per_second: float,
        chat_interval: float,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.spacing = 1.0 / rate_per_second if rate_per_second > 0 else 0.0
        self.chat_interval = max(chat_interval, 0.0)
        self.clock = clock
        self._next_send = 0.0  # the bot's next free slot
        self._paused_until = 0.0
        self._next_by_chat: dict[int, float] = {}
        self._sent_by_chat: dict[int, float] = {}  # when each chat's last message really went
        self.epoch = 0  # pauses so far: a slot reserved in an earlier epoch is void

    def slot_void(self, epoch: int) -> bool:
        """A slot reserved in `epoch` may not be used (a pause began since): reserve again."""
        return epoch != self.epoch

    def chat_wait(self, chat_id: int) -> float:
        """Seconds until this chat may be written to again (0 when it may now)."""
        return max(self._next_by_chat.get(chat_id, 0.0) - self.clock(), 0.0)

    def reserve(self, chat_id: int) -> float:
        """Takes the next slot for a message to this chat; answers the seconds to wait for it."""
        now = self.clock()
        slot = max(now, self._next_send, self._paused_until, self._next_by_chat.get(chat_id, 0.0))
        self._next_send = slot + self.spacing
        self._next_by_chat[chat_id] = slot + self.chat_interval
        if len(self._next_by_chat) > PRUNE_AT:
            self._next_by_chat = {c: t for c, t in self._next_by_chat.items() if t > now}
            self._sent_by_chat = {
                c: t for c, t in self._sent_by_chat.items() if t + self.chat_interval > now
            }
        return slot - now

    def owed(self, chat_id: int) -> float:
        """Seconds this chat must still wait after its last message really sent (0: none)."""
        last = self._sent_by_chat.get(chat_id)
        return 0.0 if last is None else max(last + self.chat_interval - self.clock(), 0.0)

    def sent(self, chat_id: int) -> None:
        """A message to this chat goes out now."""
        self._sent_by_chat[chat_id] = self.clock()

    def pause(self, seconds: float) -> None:
        """Telegram answered 429 retry_after: no message of this bot goes out before then.
        Telegram does not say which limit was hit, so the whole bot waits (as PTB's own
        AIORateLimiter does)."""
        now = self.clock()
        self._paused_until = max(self._paused_until, now + seconds)
        # Slots in the future were never used: forget them, keeping only the spacing owed to
        # messages already sent (at the latest now), so the re-reservations start afresh.
        self._next_send = min(self._next_send, now + self.spacing)
        self._next_by_chat = {
            chat: min(at, now + self.chat_interval) for chat, at in self._next_by_chat.items()
        }
        self.epoch += 1

    def pause_left(self) -> float:
        """Seconds of a 429 pause still to wait."""
        return max(self._paused_until - self.clock(), 0.0)
