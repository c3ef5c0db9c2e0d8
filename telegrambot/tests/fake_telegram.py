"""A local fake of the Telegram Bot API, enough for python-telegram-bot's long polling.

It answers getMe, deleteWebhook, getUpdates (long polling, fed by the test), sendMessage,
editMessageText, answerCallbackQuery and setMyCommands at /bot<token>/<method>, records every
call, and can be told to answer the next calls of a method with an error (403, 429, 5xx).
"""

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "Habits", "username": "fake_habits_bot"}
# The Bot API's limits (https://core.telegram.org/bots/api#sendmessage, #answercallbackquery):
# kept here apart from the bot's own constants, so the fake checks the bot, not itself.
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
MAX_ANSWER = 200
MAX_LONG_POLL = 0.5  # seconds: keeps shutdown fast whatever timeout the bot asks for


@dataclass
class Call:
    method: str
    params: dict
    result: object = None
    at: float = field(default_factory=time.monotonic)  # when it arrived, to measure waits


@dataclass
class Failure:
    method: str
    status: int
    description: str
    chat_id: int | None
    retry_after: int | None
    times: int


def _decode(raw: bytes, content_type: str) -> dict:
    if not raw:
        return {}
    if "application/json" in content_type:
        return json.loads(raw)
    params = {}
    for key, values in parse_qs(raw.decode(), keep_blank_values=True).items():
        try:
            params[key] = json.loads(values[0])
        except ValueError:
            params[key] = values[0]
    return params


class FakeTelegram:
    def __init__(self, token: str = "123456:TEST-TOKEN"):
        self.token = token
        self.calls: list[Call] = []
        self._updates: list[dict] = []
        self._failures: list[Failure] = []
        self._cond = threading.Condition()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._server: ThreadingHTTPServer | None = None

    # --- lifecycle ------------------------------------------------------------------------
    def start(self) -> "FakeTelegram":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                fake._handle(self)

            do_GET = do_POST  # noqa: N815

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            # Each request is its own connection (HTTP/1.0): the bot's concurrent sends must not
            # overflow the default listen backlog of 5 and be reset.
            request_queue_size = 128

            def handle_error(self, request, client_address):
                pass  # the bot hung up mid-answer (killed while long polling): not news

        self._server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # --- what the test feeds in -------------------------------------------------------------
    def push_text(self, *, chat_id: int, text: str, username: str = "someone") -> None:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "T", "username": username},
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        self._push({"message": message})

    def push_button(self, *, chat_id: int, data: str, message_id: int) -> None:
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
            "text": "…",
        }
        query = {
            "id": str(next(self._update_ids) * 1000),
            "from": {"id": chat_id, "is_bot": False, "first_name": "T"},
            "chat_instance": str(chat_id),
            "data": data,
            "message": message,
        }
        self._push({"callback_query": query})

    def fail(self, method, *, status, description, chat_id=None, retry_after=None, times=1):
        with self._cond:
            self._failures.append(Failure(method, status, description, chat_id, retry_after, times))

    def _push(self, update: dict) -> None:
        with self._cond:
            self._updates.append({"update_id": next(self._update_ids), **update})
            self._cond.notify_all()

    # --- what the test looks at ------------------------------------------------------------
    def calls_of(self, method: str, **match) -> list[Call]:
        with self._cond:
            calls = list(self.calls)
        return [
            call
            for call in calls
            if call.method == method
            and all(call.params.get(key) == value for key, value in match.items())
        ]

    def wait_for(self, method: str, *, timeout: float = 8.0, count: int = 1, **match) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = self.calls_of_locked(method, match)
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.params) for c in self.calls if c.method != "getUpdates"]
                    raise AssertionError(f"no {count}× {method} {match} within {timeout}s: {seen}")
                self._cond.wait(min(left, 0.2))

    def calls_of_locked(self, method, match):
        return [
            c
            for c in self.calls
            if c.method == method and all(c.params.get(k) == v for k, v in match.items())
        ]

    # --- the API ------------------------------------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        prefix = f"/bot{self.token}/"
        if not request.path.startswith(prefix):
            self._answer(
                request, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            )
            return
        method = request.path[len(prefix) :]
        length = int(request.headers.get("Content-Length") or 0)
        params = _decode(request.rfile.read(length), request.headers.get("Content-Type", ""))
        call = Call(method, params)
        with self._cond:
            failure = self._over_limits(method, params) or self._take_failure(method, params)
        if failure is not None:
            self._record(call)
            body = {"ok": False, "error_code": failure.status, "description": failure.description}
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            self._answer(request, failure.status, body)
            return
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            self._record(call)
            self._answer(request, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        call.result = handler(params)
        self._record(call)
        self._answer(request, 200, {"ok": True, "result": call.result})

    def _record(self, call: Call) -> None:
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()

    @staticmethod
    def _over_limits(method: str, params: dict) -> Failure | None:
        """What the real Bot API refuses with 400, so a reply too big fails here as there."""

        def refused(description: str) -> Failure:
            return Failure(method, 400, f"Bad Request: {description}", None, None, 1)

        text = str(params.get("text") or "")
        units = len(text.encode("utf-16-le")) // 2  # Telegram counts UTF-16 code units
        if method in ("sendMessage", "editMessageText"):
            if not text.strip():
                return refused("message text is empty")
            if units > MAX_TEXT:
                return refused("message is too long")
            markup = params.get("reply_markup") or {}
            if isinstance(markup, str):
                markup = json.loads(markup)
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    if len(str(button.get("callback_data", "")).encode()) > MAX_CALLBACK_DATA:
                        return refused("BUTTON_DATA_INVALID")
        if method == "answerCallbackQuery" and units > MAX_ANSWER:
            return refused("MESSAGE_TOO_LONG")
        return None

    def _take_failure(self, method: str, params: dict) -> Failure | None:
        for failure in self._failures:
            if failure.method == method and failure.chat_id in (None, params.get("chat_id")):
                failure.times -= 1
                if failure.times <= 0:
                    self._failures.remove(failure)
                return failure
        return None

    @staticmethod
    def _answer(request, status: int, body: dict) -> None:
        raw = json.dumps(body).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(raw)))
        request.end_headers()
        request.wfile.write(raw)

    def _api_getMe(self, params):
        return {
            **BOT_USER,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _api_deleteWebhook(self, params):
        return True

    def _api_setMyCommands(self, params):
        return True

    def _api_answerCallbackQuery(self, params):
        return True

    def _api_getUpdates(self, params):
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), MAX_LONG_POLL)
        deadline = time.monotonic() + wait
        with self._cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and time.monotonic() < deadline:
                self._cond.wait(deadline - time.monotonic())
            return list(self._updates)

    def _message(self, params, message_id=None):
        return {
            "message_id": message_id or next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": params.get("chat_id"), "type": "private"},
            "from": BOT_USER,
            "text": params.get("text", ""),
        }

    def _api_sendMessage(self, params):
        return self._message(params)

    def _api_editMessageText(self, params):
        return self._message(params, message_id=params.get("message_id"))
