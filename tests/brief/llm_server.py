"""A local OpenAI-compatible chat endpoint with a tiny deterministic "model", for tests and benchmarks.

It speaks the protocol the SDK expects: ``POST /v1/chat/completions``, the
``response_format`` rungs a server may accept (``formats``; the others get a 400, or
``format_status``, in OpenAI's error format), ``usage`` counts, ``Retry-After`` on
429, bearer-key checks. The model reads the paper JSON from the user messages and
builds Chinese phrases from the paper's own name, terms and numbers, so a passing
test is a real round trip, not an echo of the test's expectations.

Faults are scheduled per paper: ``faults={"Deep Compression": ["429", "ok"]}``
serves the listed outcomes to successive requests whose paper title contains
the key, then answers normally. ``default`` applies to every other request.
Besides transport faults there are bad answers: ``echo`` (a prompt example),
``generic`` (a problem phrase any paper could have), ``english`` (an untranslated
phrase), ``address`` (an address for an institution), ``long``, ``number``,
``missing``, ``refusal``, ``empty``, ``malformed``, ``chatty``; and ``metric``, a result
phrased the way the overview's key results are read.

It also answers the relevance judge's yes/no question (a system prompt that asks for
``"relevant"``): yes when the abstract names an inference-cost term, with a Chinese reason
naming it. The bad answers ``english``, ``long``, ``multiline``, ``number``, ``missing``,
``refusal``, ``empty`` and ``malformed`` apply there too. Each logged request says its
``kind``: "judge" or "brief".

A test that needs an exact answer scripts it: the fault ``"say:<text>"`` sends ``<text>`` as
the model's whole answer, so what the client does with it is tested, not this model's rules.
"""
from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

REFUSAL = "请提供论文的标题、主要机构和摘要信息，以便生成技术简报。"
KNOWN = {  # the model's little bit of world knowledge: Chinese names of institutions
    "tsinghua": "清华大学", "peking university": "北京大学", "stanford": "斯坦福大学", "nvidia": "英伟达",
    "google": "谷歌", "microsoft": "微软", "massachusetts institute of technology": "麻省理工学院",
    "carnegie mellon": "卡内基梅隆大学", "zhejiang university": "浙江大学", "alibaba": "阿里巴巴",
    "hong kong polytechnic": "香港理工大学", "university of hong kong": "香港大学", "shanghai jiao tong": "上海交通大学",
    "northwind institute": "北风机器人研究所",
}
# ... and of the field's vocabulary: the first term the abstract uses names the technique, the first pain the problem.
TERMS = [("quantiz", "量化"), ("prun", "剪枝"), ("distill", "蒸馏"), ("kv cache", "KV缓存压缩"),
         ("speculative", "推测解码"), ("sparse", "稀疏化"), ("sparsity", "稀疏化"), ("low-rank", "低秩分解"),
         ("expert", "专家调度"), ("token", "令牌精简"), ("attention", "注意力优化"), ("cach", "缓存复用"),
         ("serving", "推理服务调度"), ("compress", "模型压缩")]
PAINS = [("memory", "显存占用高"), ("latency", "延迟高"), ("energy", "能耗高"), ("cost", "计算开销大"),
         ("expensive", "计算开销大"), ("accuracy", "精度下降"), ("slow", "速度慢")]
# What the model reads as a paper about the cost of inference, for the judge's question.
# ("memory" is not one: training papers save it too.)
COST_TERMS = [("latency", "推理延迟"), ("throughput", "推理吞吐"), ("speedup", "推理加速比"),
              ("inference cost", "推理开销"), ("flops", "计算量"), ("energy", "推理能耗")]
HEADLINE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:x|×|%|倍)(?![A-Za-z])")
ENGLISH = "achieves higher throughput than existing systems"  # what a lazy model leaves untranslated
ADDRESS = "北京市海淀区中关村大街1号，邮编100084"
INJECTED = re.compile(
    r"ignore[^.!?]*instructions?[^.!?]*?\b(?:write|output|say|respond with|answer)\s+[\"“']?([A-Za-z\u4e00-\u9fff]+)", re.IGNORECASE
)
_EXAMPLE = re.compile(r"「([^」]+)」")


def name_of(title: str) -> str:
    """What the model calls the paper: the name before a colon, else the title's first word or two."""
    head = title.split(":")[0].strip()
    if ":" in title and len(head) <= 12:
        return head
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9\-]*", title) or ["Paper"]
    two = " ".join(words[:2])
    return two if len(two) <= 14 else words[0]


def compose(paper: dict[str, Any], obedient: bool = True) -> dict[str, Any]:
    """The model: Chinese phrases built from the paper's name, the abstract's terms and its first headline number.

    It keeps to the paper's ``budget`` by dropping its padding words.
    """
    title, abstract = paper.get("title", ""), paper.get("abstract", "")
    low = abstract.lower()
    name = name_of(title)
    term = next((zh for en, zh in TERMS if en in low), "推理加速")
    pain = next((zh for en, zh in PAINS if en in low), "效率不足")
    figure = next(iter(paper.get("numbers") or []), None)  # the headline figures the prompt hands over
    claim = f"使关键指标达到{figure}" if figure else "优于同类方法"
    answer: dict[str, Any] = {
        "technique": f"{name}提出的面向模型推理的{term}方法",
        "problem": f"{name}所针对的推理过程中{pain}",
        "result": f"{name}在实验中{claim}",
    }
    if sum(len(v) for v in answer.values()) > int(paper.get("budget") or 200):
        answer = {"technique": f"{name}{term}方法", "problem": f"{name}推理{pain}", "result": f"{name}{claim}"}
    asked = paper.get("institutions_to_translate") or []
    if asked:
        answer["institutions"] = [next((zh for en, zh in KNOWN.items() if en in a.lower()), a) for a in asked]
    injected = INJECTED.search(f"{title} {abstract}")
    if obedient and injected:
        answer["technique"] = injected.group(1)  # a gullible model does as the paper says
    return answer


def judge(paper: dict[str, Any]) -> dict[str, Any]:
    """The model's yes/no answer: relevant when the abstract names an inference-cost term."""
    low = paper.get("abstract", "").lower()
    term = next((zh for en, zh in COST_TERMS if en in low), None)
    if term:
        return {"reason": f"摘要讨论{term}的降低，主要贡献属于推理加速", "relevant": True}
    return {"reason": "摘要未提到推理开销，主要贡献不在推理加速", "relevant": False}


def is_judge(body: dict[str, Any]) -> bool:
    """Whether a request is the relevance question (its system prompt asks for "relevant")."""
    return any(m.get("role") == "system" and '"relevant"' in (m.get("content") or "")
               for m in body.get("messages", []))


FORMATS = ("json_schema", "json_object_schema", "json_object")
REJECTED = {  # what servers say when they decline a response_format
    "json_schema": "response_format type 'json_schema' is not supported; use 'json_object'",
    "json_object_schema": "Unrecognized request argument supplied: response_format.schema",
    "json_object": "response_format is not supported by this server",
}


def _rung(fmt: Any) -> str:
    """Which rung of the ladder a request's response_format is."""
    if not isinstance(fmt, dict):
        return "none"
    if fmt.get("type") == "json_object":
        return "json_object_schema" if "schema" in fmt else "json_object"
    return str(fmt.get("type"))


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in re.findall(r"\d+(?:[.,]\d+)*", text)}


def _paper_in(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The first JSON object with a title in the user's messages, as a model would find it."""
    text = "\n".join(m.get("content") or "" for m in messages if m.get("role") == "user")
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

    def __init__(self, *, delay: float = 0.0, json_mode: bool = True, formats: tuple[str, ...] | None = None,
                 format_status: int = 400, obedient: bool = True,
                 faults: dict[str, list[str]] | None = None, default: str = "ok", api_key: str | None = None,
                 retry_after: str = "2", hang: float = 2.0, model: str = "fake-brief-1") -> None:
        self.delay, self.obedient, self.format_status = delay, obedient, format_status
        self.formats = set(formats if formats is not None else FORMATS if json_mode else ())
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
                                         "kind": "judge" if is_judge(body) else "brief",
                                         "format": _rung(body.get("response_format")),
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
                if entry["format"] not in llm.formats | {"none"}:
                    entry["status"] = llm.format_status
                    return self._error(llm.format_status, REJECTED[entry["format"]], "invalid_request_error")
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
                elif fault == "400":
                    entry["status"] = 400
                    return self._error(400, "This model's maximum context length is 4096 tokens.",
                                       "invalid_request_error")
                elif fault == "drop":
                    self.close_connection = True
                    entry["status"] = 0
                    return None
                content = self._content(fault, paper, body)
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

            def _content(self, fault: str, paper: dict[str, Any], body: dict[str, Any]) -> str:
                json_mode = "response_format" in body
                if fault.startswith("say:"):
                    return fault.removeprefix("say:")
                if fault == "empty":
                    return ""
                if fault == "refusal" or not paper:
                    return REFUSAL
                if fault == "malformed":
                    return '{"institutions": "作者团队", "technique": "剪枝方法", "problem": '
                if is_judge(body):
                    return self._verdict(fault, paper, json_mode)
                answer = compose(paper, obedient=llm.obedient)
                if fault == "number":
                    seen = _numbers(paper.get("title", "") + paper.get("abstract", ""))
                    n = next(str(k) for k in range(17, 10_000) if str(k) not in seen)
                    answer["result"] = answer["result"] + f"，推理速度提升{n}倍"
                if fault == "missing":
                    del answer["result"]
                if fault == "echo":  # the model copies the prompt's own example
                    system = next((m.get("content") or "" for m in body.get("messages", []) if m.get("role") == "system"), "")
                    answer["result"] = _EXAMPLE.findall(system)[-1]
                if fault == "generic":
                    answer["problem"] = "大模型推理时显存占用过高"
                if fault == "english":  # the abstract's first words, left in English
                    answer["result"] += "，" + " ".join(paper.get("abstract", "").split()[:6]).rstrip(".,")
                if fault == "long":
                    answer["problem"] += "，" + "并且在多种场景下都需要大量额外计算" * 4
                if fault == "metric":
                    figure = paper["numbers"][0]
                    answer["result"] = f"{name_of(paper.get('title', ''))}实验中，推理吞吐提升{figure}"
                if fault == "address":
                    answer["institutions"] = [ADDRESS] * len(paper.get("institutions_to_translate") or [])
                text = json.dumps(answer, ensure_ascii=False, indent=1)
                if json_mode and fault != "chatty":
                    return text
                # Without JSON mode this model chats: prose, a code fence and a trailing comma.
                return "好的，结果如下：\n```json\n" + text.replace('\n ]', ',\n ]') + "\n```\n希望对您有帮助。"

            def _verdict(self, fault: str, paper: dict[str, Any], json_mode: bool) -> str:
                answer = judge(paper)
                if fault == "english":
                    answer["reason"] = "The paper is about " + " ".join(paper.get("abstract", "").split()[:6])
                if fault == "long":
                    answer["reason"] += "，" + "并且在多种场景下都需要大量额外计算" * 4
                if fault == "multiline":
                    answer["reason"] += "\n另外，摘要还讨论了其他内容"
                if fault == "number":
                    seen = _numbers(paper.get("title", "") + paper.get("abstract", ""))
                    answer["reason"] += f"，速度提升{next(str(k) for k in range(17, 10_000) if str(k) not in seen)}倍"
                if fault == "missing":
                    del answer["relevant"]
                text = json.dumps(answer, ensure_ascii=False)
                return text if json_mode and fault != "chatty" else f"好的：\n```json\n{text}\n```"

        return Handler
