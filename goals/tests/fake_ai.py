"""A local OpenAI-compatible chat-completions server for the tests: the real `openai` client talks
HTTP to it. Each request takes the next scripted answer (the last one repeats); every request's
JSON body and headers are kept for the tests to read."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    status: int = 200
    body: dict | str = ""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0


def completion(content: str | None, *, choices: bool = True) -> Answer:
    """A 200 chat completion whose one choice says `content` (no choices at all when asked)."""
    choice = {
        "index": 0,
        "message": {"role": "assistant", "content": content},
        "finish_reason": "stop",
    }
    return Answer(
        body={
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": "fake-model",
            "choices": [choice] if choices else [],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        }
    )


def stages_answer(*titles: str) -> Answer:
    return completion(json.dumps({"stages": [{"title": t, "details": ""} for t in titles]}))


def error(status: int, *, retry_after: str | None = None) -> Answer:
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    body = {"error": {"message": f"fake error {status}", "type": "fake", "code": None}}
    return Answer(status=status, body=body, headers=headers)


class FakeAiServer:
    def __init__(self):
        self.script: list[Answer] = []
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                headers = {name.lower(): value for name, value in self.headers.items()}
                answer = server._next(path=self.path, headers=headers, body=body)
                time.sleep(answer.delay)
                raw = answer.body if isinstance(answer.body, str) else json.dumps(answer.body)
                try:
                    self.send_response(answer.status)
                    self.send_header("content-type", "application/json")
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.send_header("content-length", str(len(raw.encode())))
                    self.end_headers()
                    self.wfile.write(raw.encode())
                except OSError:
                    pass  # the client gave up waiting (the timeout test)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _next(self, *, path: str, headers: dict, body: dict) -> Answer:
        with self._lock:
            self.requests.append({"path": path, "headers": headers, "body": body})
            if not self.script:
                return error(500)
            return self.script.pop(0) if len(self.script) > 1 else self.script[0]

    def answers(self, *answers: Answer) -> None:
        with self._lock:
            self.script = list(answers)
            self.requests.clear()

    def start(self) -> "FakeAiServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
