"""A local OpenAI-compatible chat endpoint with a tiny deterministic "model", for tests and benchmarks.

It speaks the protocol the SDK expects: ``POST /v1/chat/completions``, JSON mode
(or a 400 in OpenAI's error format when ``json_mode=False``), ``usage`` counts,
``Retry-After`` on 429, bearer-key checks. The model reads the paper JSON from
the user message and builds its answer from the abstract's own sentences, so a
passing test is a real round trip, not an echo of the test's expectations.

Faults are scheduled per paper: ``faults={"Deep Compression": ["429", "ok"]}``
serves the listed outcomes to successive requests whose paper title contains
the key, then answers normally. ``default`` applies to every other request.
"""
from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

REFUSAL = "请提供论文的标题、主要机构和摘要信息，以便生成技术简报。"
KNOWN = {  # the model's little bit of world knowledge
    "tsinghua": "清华大学", "peking university": "北京大学", "stanford": "斯坦福大学", "nvidia": "英伟达",
    "google": "谷歌", "microsoft": "微软", "massachusetts institute of technology": "麻省理工学院",
    "carnegie mellon": "卡内基梅隆大学", "zhejiang university": "浙江大学", "alibaba": "阿里巴巴",
    "hong kong polytechnic": "香港理工大学", "university of hong kong": "香港大学", "shanghai jiao tong": "上海交通大学", "meta": "Meta",
}
TAGS = ["quantization", "pruning", "distillation", "kv cache", "speculative decoding", "sparsity",
        "low-rank", "compression", "attention", "mixture of experts", "caching", "serving"]
PROPOSE = re.compile(r"\b(?:we|this paper|this work)\s+(?:propose|introduce|present|develop|design)s?\b\s*(.*)", re.IGNORECASE)
PROBLEM = re.compile(r"\b(?:however|challeng|difficult|bottleneck|costly|expensive|limit|suffer|prohibitive)", re.IGNORECASE)
RESULT = re.compile(r"\d|\b(?:achiev|improv|reduc|speed|outperform|faster|accelerat)", re.IGNORECASE)
INJECTED = re.compile(
    r"ignore[^.!?]*instructions?[^.!?]*?\b(?:write|output|say|respond with|answer)\s+[\"“']?([A-Za-z\u4e00-\u9fff]+)", re.IGNORECASE
)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def _clause(sentence: str, limit: int = 90) -> str:
    sentence = sentence.rstrip(".!? ")
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0]


def compose(paper: dict[str, Any], obedient: bool = True) -> dict[str, Any]:
    """The model: an answer built from the paper's own title, institutions and abstract."""
    title, abstract = paper.get("title", ""), paper.get("abstract", "")
    sents = _sentences(abstract) or [title]
    proposal = next((m.group(1) for s in sents if (m := PROPOSE.search(s))), "")
    head = title.split(":")[0] if ":" in title and len(title.split(":")[0]) <= 40 else ""
    technique = f"{head or _clause(proposal, 50) or _clause(title, 50)}方法"
    problem = next((s for s in sents if PROBLEM.search(s)), sents[0])
    results = [s for s in sents if RESULT.search(s) and s != problem]
    result = results[-1] if results else sents[-1]
    names = []
    for aff in paper.get("institutions", []):
        low = aff.lower()
        names.append(next((zh for en, zh in KNOWN.items() if en in low), aff.split(",")[0].strip()))
    tags = [t for t in TAGS if t in abstract.lower()] or ["inference acceleration"]
    answer = {
        "institutions": "、".join(list(dict.fromkeys(n for n in names if n))[:5]) or "作者团队",
        "technique": technique,
        "problem": f"{_clause(problem)}的问题",
        "result": f"{_clause(result)}的效果",
        "tags": tags[:5],
    }
    injected = INJECTED.search(f"{title} {abstract}")
    if obedient and injected:
        answer["technique"] = injected.group(1)  # a gullible model does as the paper says
    return answer


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in re.findall(r"\d+(?:[.,]\d+)*", text)}


def _paper_in(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The first JSON object with a title in the last user message, as a model would find it."""
    text = next((m.get("content") or "" for m in reversed(messages) if m.get("role") == "user"), "")
    decoder = json.JSONDecoder()
    for i, c in enumerate(text):
        if c == "{":
            try:
                obj, _ = decoder.raw_decode(text, i)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict) and "title" in obj:
                return obj
    return {}


class FakeLLM:
    """Runs the endpoint in a background thread on 127.0.0.1, port 0. Use as a context manager."""

    def __init__(self, *, delay: float = 0.0, json_mode: bool = True, obedient: bool = True,
                 faults: dict[str, list[str]] | None = None, default: str = "ok", api_key: str | None = None,
                 retry_after: str = "2", hang: float = 2.0, model: str = "fake-brief-1") -> None:
        self.delay, self.json_mode, self.obedient = delay, json_mode, obedient
        self.faults = {k: list(v) for k, v in (faults or {}).items()}
        self.default, self.api_key, self.retry_after, self.hang, self.model = default, api_key, retry_after, hang, model
        self.log: list[dict[str, Any]] = []
        self.in_flight = self.max_in_flight = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    def usage_total(self) -> tuple[int, int]:
        """Prompt and completion tokens of every answer actually sent."""
        sent = [e for e in self.log if e.get("usage") and e.get("fault") != "timeout"]  # timed-out answers go unread
        return sum(e["usage"]["prompt_tokens"] for e in sent), sum(e["usage"]["completion_tokens"] for e in sent)

    def _next_fault(self, title: str) -> str:
        with self._lock:
            for key, queue in self.faults.items():
                if key in title and queue:
                    return queue.pop(0)
                if key in title:
                    return "ok"
            return self.default

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        llm = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as separate writes

            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(data)
                except OSError:  # the client gave up (a timeout fault)
                    pass

            def _error(self, status: int, message: str, kind: str, headers: dict[str, str] | None = None) -> None:
                self._send(status, {"error": {"message": message, "type": kind, "param": None, "code": None}}, headers)

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                if self.path.rstrip("/") != "/v1/chat/completions":
                    return self._error(404, f"no route {self.path}", "invalid_request_error")
                key = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                paper = _paper_in(body.get("messages", []))
                entry: dict[str, Any] = {"title": paper.get("title", ""), "json_mode": "response_format" in body,
                                         "messages": body.get("messages", []), "at": time.monotonic()}
                with llm._lock:
                    llm.log.append(entry)
                    llm.in_flight += 1
                    llm.max_in_flight = max(llm.max_in_flight, llm.in_flight)
                try:
                    self._answer(body, key, paper, entry)
                finally:
                    with llm._lock:
                        llm.in_flight -= 1

            def _answer(self, body: dict[str, Any], key: str, paper: dict[str, Any], entry: dict[str, Any]) -> None:
                if llm.api_key is not None and key != llm.api_key:
                    entry["status"], entry["error"] = 401, f"Incorrect API key provided: {key}."
                    return self._error(401, entry["error"], "invalid_request_error")
                if "response_format" in body and not llm.json_mode:
                    entry["status"] = 400
                    return self._error(400, "response_format is not supported by this server", "invalid_request_error")
                fault = entry["fault"] = llm._next_fault(entry["title"])
                if llm.delay:
                    time.sleep(llm.delay)
                if fault == "timeout":
                    llm._stop.wait(llm.hang)
                elif fault == "429":
                    entry["status"] = 429
                    return self._error(429, "Rate limit reached, slow down", "requests",
                                       {"Retry-After": llm.retry_after})
                elif fault in ("500", "503"):
                    entry["status"] = int(fault)
                    return self._error(int(fault), "The server had an error while processing your request.",
                                       "server_error")
                elif fault == "html":  # a proxy's error page with a 200
                    entry["status"] = 200
                    data = b"<html><body>Bad gateway</body></html>"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return None
                elif fault == "drop":
                    self.close_connection = True
                    entry["status"] = 0
                    return None
                content = self._content(fault, paper, json_mode="response_format" in body)
                usage = {"prompt_tokens": sum(len(m.get("content") or "") for m in body.get("messages", [])) // 4 + 1,
                         "completion_tokens": len(content) // 4 + 1}
                usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
                entry.update(status=200, usage=usage, content=content)
                self._send(200, {
                    "id": f"chatcmpl-{len(llm.log)}", "object": "chat.completion", "created": int(time.time()),
                    "model": body.get("model", llm.model),
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": content}}],
                    "usage": usage,
                })

            def _content(self, fault: str, paper: dict[str, Any], json_mode: bool) -> str:
                if fault == "empty":
                    return ""
                if fault == "refusal" or not paper:
                    return REFUSAL
                if fault == "malformed":
                    return '{"institutions": "作者团队", "technique": "剪枝方法", "problem": '
                answer = compose(paper, obedient=llm.obedient)
                if fault == "number":
                    seen = _numbers(paper.get("title", "") + paper.get("abstract", ""))
                    n = next(str(k) for k in range(17, 10_000) if str(k) not in seen)
                    answer["result"] = answer["result"] + f"，推理速度提升{n}倍"
                if fault == "missing":
                    del answer["result"]
                text = json.dumps(answer, ensure_ascii=False, indent=1)
                if json_mode and fault != "chatty":
                    return text
                # Without JSON mode this model chats: prose, a code fence and a trailing comma.
                return "好的，结果如下：\n```json\n" + text.replace('\n ]', ',\n ]') + "\n```\n希望对您有帮助。"

        return Handler
