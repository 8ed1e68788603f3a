"""An OpenAI-compatible endpoint on 127.0.0.1 that answers from recorded answers (``{"key", "content"}`` lines).

The key is ``shared/tools/replay_llm.py``'s: the first 16 hex digits of sha256 over the request's
messages as sorted JSON, so answers recorded through that tool replay here. A request with no
recorded answer is logged in ``missed`` and answered 422, which the writer takes as a failed
request (it falls back) without retrying.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def key(messages: list[dict[str, str]]) -> str:
    return hashlib.sha256(json.dumps(messages, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def load_answers(path: Path) -> dict[str, str]:
    return {a["key"]: a["content"] for a in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if a}


class Replay:
    """``with Replay(answers) as server: server.url``; ``server.asked`` and ``server.missed`` list the keys."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.asked: list[str] = []
        self.missed: list[dict] = []
        self._lock = threading.Lock()

    def __enter__(self) -> Replay:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _reply(self, status: int, body: dict) -> None:
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                k = key(body.get("messages", []))
                with replay._lock:
                    replay.asked.append(k)
                    if k not in replay.answers:
                        replay.missed.append({"key": k, "messages": body.get("messages", []),
                                              "response_format": body.get("response_format")})
                if k not in replay.answers:
                    return self._reply(422, {"error": {"message": "no recorded answer", "type": "invalid_request_error"}})
                content = replay.answers[k]
                self._reply(200, {"id": f"r-{k}", "object": "chat.completion", "created": int(time.time()),
                                  "model": body.get("model", "replay"),
                                  "choices": [{"index": 0, "finish_reason": "stop",
                                               "message": {"role": "assistant", "content": content}}],
                                  "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
