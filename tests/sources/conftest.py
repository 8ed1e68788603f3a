"""A fake arXiv on 127.0.0.1: the export API answered from recorded Atom entries, PDFs from the corpus.

``FakeArxiv`` behaves like export.arxiv.org for what we use: ``id_list`` look-ups, paged
``search_query`` results (start/max_results, opensearch totals) and ``/pdf/<id>``. The
recorded feeds in tests/fixtures/arxiv/ are the entry pool; links to arxiv.org in them are
rewritten to the fake's address, as a mirror would. Each request is logged with its
headers and the fake clock's time, and failures can be scripted per request.
"""
from __future__ import annotations

import copy
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from ..conftest import skip_without_shared

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "arxiv"
REAL = REPO / ".." / "shared" / "corpus" / "real" / "pdf"
TYPESET = REPO / ".." / "shared" / "corpus" / "typeset-dev" / "pdf"

ATOM = "http://www.w3.org/2005/Atom"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
ET.register_namespace("", ATOM)
ET.register_namespace("opensearch", OPENSEARCH)
ET.register_namespace("arxiv", "http://arxiv.org/schemas/atom")

# The PDF behind each recorded entry (base ID -> corpus file).
PDFS = {
    "2402.17764": REAL / "ma2024_bitnet_b158_arxiv.pdf",
    "2401.14112": REAL / "xia2024_fp6_llm_arxiv.pdf",
    "2401.06066": REAL / "dai2024_deepseekmoe_arxiv.pdf",
    "2401.02385": REAL / "zhang2024_tinyllama_arxiv.pdf",
    "2309.08968": REAL / "kavehzadeh2024_sorted_llama_arxiv.pdf",
    "1503.02531": REAL / "hinton2015_distilling_arxiv.pdf",
    "2403.03507": REAL / "zhao2024_galore_icml.pdf",
    "2402.01234": TYPESET / "d001.pdf",
    "cs/9905014": TYPESET / "d002.pdf",
}
SEARCH_ORDER = ["2402.17764", "2401.14112", "2401.06066", "2401.02385", "2309.08968"]  # newest first


def base_of(arxiv_id: str) -> str:
    return arxiv_id.rsplit("v", 1)[0] if "v" in arxiv_id.rsplit("/", 1)[-1] else arxiv_id


def _entries(name: str) -> tuple[ET.Element, list[ET.Element]]:
    root = ET.parse(FIXTURES / name).getroot()
    entries = root.findall(f"{{{ATOM}}}entry")
    for e in entries:
        root.remove(e)
    return root, entries


def entry_id(e: ET.Element) -> str:
    return e.findtext(f"{{{ATOM}}}id", "").rsplit("/abs/", 1)[-1]


@dataclass
class Hit:
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    t: float | None  # the fake clock when the request arrived


class FakeClock:
    """Time that moves only when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass
class FakeArxiv:
    clock: FakeClock
    hits: list[Hit] = field(default_factory=list)
    # what the API does per request: pop from api_script first ("ok", a status, "empty"), then api_hook(params)
    api_script: list[int | str] = field(default_factory=list)
    api_hook: Callable[[dict[str, str]], int | str | None] | None = None
    api_headers: dict[str, str] = field(default_factory=dict)  # extra headers on scripted errors
    error_feed: bytes | None = None  # answer every API call with this body and HTTP 400
    pdf_behaviour: dict[str, str] = field(default_factory=dict)  # base ID -> "404", "html", "stall", ...
    stall_seconds: float = 2.0
    base_url: str = ""

    def __post_init__(self) -> None:
        self.head, search = _entries("search_llm_cs_CL.xml")
        _, ids = _entries("id_list.xml")
        self.pool = {base_of(entry_id(e)): e for e in search + ids}
        self.search = [self.pool[b] for b in SEARCH_ORDER]

    @property
    def api_url(self) -> str:
        return self.base_url + "/api/query"

    def api_hits(self) -> list[Hit]:
        return [h for h in self.hits if h.path == "/api/query"]

    def pdf_hits(self) -> list[Hit]:
        return [h for h in self.hits if h.path.startswith("/pdf/")]

    def feed(self, entries: list[ET.Element], total: int, start: int) -> bytes:
        root = copy.deepcopy(self.head)
        root.find(f"{{{OPENSEARCH}}}totalResults").text = str(total)
        root.find(f"{{{OPENSEARCH}}}startIndex").text = str(start)
        root.find(f"{{{OPENSEARCH}}}itemsPerPage").text = str(len(entries))
        root.extend(copy.deepcopy(e) for e in entries)
        xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
        return xml.replace(b"http://arxiv.org/", (self.base_url + "/").encode())

    def answer_api(self, params: dict[str, str]) -> tuple[int, str, bytes]:
        if self.error_feed is not None:
            return 400, "application/atom+xml", self.error_feed
        action = self.api_script.pop(0) if self.api_script else (self.api_hook(params) if self.api_hook else None)
        if isinstance(action, int):
            return action, "text/plain", b"Service temporarily unavailable"
        start, n = int(params.get("start", 0)), int(params.get("max_results", 10))
        if params.get("id_list"):
            wanted = [base_of(i) for i in params["id_list"].split(",")]
            entries = [self.pool[b] for b in wanted if b in self.pool]
            return 200, "application/atom+xml", self.feed(entries, len(entries), 0)
        page = [] if action == "empty" else self.search[start:start + n]
        return 200, "application/atom+xml; charset=utf-8", self.feed(page, len(self.search), start)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, ctype: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        fake = self.server.fake
        url = urlsplit(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        fake.hits.append(Hit(url.path, params, dict(self.headers), fake.clock.now))
        if url.path == "/api/query":
            status, ctype, body = fake.answer_api(params)
            self._send(status, ctype, body, fake.api_headers if status >= 400 else None)
        elif url.path.startswith("/pdf/"):
            self._pdf(base_of(url.path[len("/pdf/"):]))
        else:
            self._send(404, "text/plain", b"no such page")

    def _pdf(self, base: str) -> None:
        fake = self.server.fake
        how = fake.pdf_behaviour.get(base, "ok")
        if base not in PDFS or how == "404":
            return self._send(404, "text/html", b"<html><body>Not found</body></html>")
        if how == "500":
            return self._send(500, "text/html", b"<html><body>Internal error</body></html>")
        if how == "html":
            return self._send(200, "text/html; charset=utf-8", b"<html><body>PDF is being generated</body></html>")
        if how == "octet-html":
            return self._send(200, "application/octet-stream", b"<html><body>not really a pdf</body></html>")
        body = PDFS[base].read_bytes()
        if how == "chunked":  # no Content-Length: only counting the stream can enforce the cap
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(0, len(body), 65536):
                part = body[i:i + 65536]
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return None
        if how == "drip":  # every read is quick, the whole body is not
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for i in range(0, len(body), 4096):
                self.wfile.write(body[i:i + 4096])
                self.wfile.flush()
                time.sleep(0.05)
            return None
        if how == "stall":  # headers and a first piece, then silence past the client's timeout
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:65536])
            self.wfile.flush()
            time.sleep(fake.stall_seconds)
            return None
        return self._send(200, "application/pdf", body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeArxiv


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def arxiv_server(clock: FakeClock):
    skip_without_shared()  # it serves PDFs from ../shared/corpus
    server = _Server(("127.0.0.1", 0), _Handler)
    fake = FakeArxiv(clock=clock, base_url=f"http://127.0.0.1:{server.server_address[1]}")
    server.fake = fake
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
