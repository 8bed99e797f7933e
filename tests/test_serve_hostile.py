"""kg serve as a hostile client meets it: runaway queries, SSRF, huge bodies, clients that leave, a full queue,
a dead engine, browsers (CORS, OPTIONS, HEAD). Everything runs on 127.0.0.1, started by the tests."""

from __future__ import annotations

import contextlib
import csv
import http.client
import io
import json
import os
import signal
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import open_store
from kg.store.locking import StoreBusy
from kg.store.serve import start_server
from tests.test_remote import free_port

pytestmark = pytest.mark.server

CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # no row until it is done: never
SORTED = CROSS + " ORDER BY ?c ?f ?i"  # the engine materialises the product before the first row


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """A store of 2,000 triples: enough for a three-way cross product that never ends."""
    folder = tmp_path_factory.mktemp("big") / "store"
    lines = "".join(f'<http://ex/s{i}> <http://ex/p{i % 7}> "{i}" .\n' for i in range(2000))
    with open_store(folder, write=True) as store:
        store.load_graph("http://ex/g", lines)
    return folder


def request(url: str, method: str = "GET", query: str | None = None, body: bytes | None = None,
            headers: dict | None = None, timeout: float = 60) -> tuple[int, http.client.HTTPMessage, bytes]:
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{urllib.parse.urlencode({'query': query})}" if query else "")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def raw(port: int, data: bytes, read_until_close: bool = True, timeout: float = 30) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
            if not read_until_close:
                break
        return b"".join(chunks)


def worker_rss(server) -> int:
    total = 0
    for worker in list(server.pool._all):
        total = max(total, worker.rss())
    return total


# --------------------------------------------------------------- runaway queries


def test_capped_cross_product_stops_at_the_cap(big: Path) -> None:
    with start_server(big, port=free_port(), timeout=20, limit=50) as server:
        for accept in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                       "text/tab-separated-values"):
            status, headers, body = request(server.query_url, query=CROSS, headers={"Accept": accept})
            assert status == 200
            assert headers["X-Results-Truncated"] == "true" and headers["X-Results-Truncated-Reason"] == "cap"
            if accept == "text/csv":  # lossy: pyoxigraph does not read it back
                parsed = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))[1:]
            else:
                parsed = list(ox.parse_query_results(body, ox.QueryResultsFormat.from_media_type(accept)))
            assert len(parsed) == 50


def test_timeout_ends_a_query_that_produces_nothing(big: Path) -> None:
    with start_server(big, port=free_port(), timeout=2, workers=1) as server:
        started = time.monotonic()
        status, _, body = request(server.query_url, query=COUNT)
        elapsed = time.monotonic() - started
        assert status == 504 and b"did not finish within its 2 s timeout" in body
        assert elapsed < 3.0
        # the killed engine was replaced: the endpoint still answers
        status, _, body = request(server.query_url, query="ASK { ?s ?p ?o }")
        assert (status, json.loads(body)["boolean"]) == (200, True)
        assert server.pool.restarts == 1


def test_timeout_cuts_a_streaming_answer_and_marks_it(big: Path) -> None:
    port = free_port()
    with start_server(big, port=port, timeout=2, limit=None, workers=1, hold=65536):  # streams after 64 KB
        started = time.monotonic()
        target = "/query?" + urllib.parse.urlencode({"query": CROSS})
        answer = raw(port, f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                           "Accept: text/tab-separated-values\r\n\r\n".encode())
        elapsed = time.monotonic() - started
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"Transfer-Encoding: chunked" in head and b"Trailer: X-Results-Truncated" in head
    assert body.endswith(b"\r\n0\r\nX-Results-Truncated: true\r\nX-Results-Truncated-Reason: timeout\r\n\r\n")
    assert elapsed < 3.0
    # de-chunked, it is a well-formed TSV answer of whole rows
    text, rest = bytearray(), body
    while True:
        size, _, rest = rest.partition(b"\r\n")
        if int(size, 16) == 0:
            break
        text += rest[: int(size, 16)]
        rest = rest[int(size, 16) + 2:]
    lines = bytes(text).decode().splitlines()
    assert lines[0] == "?a\t?b\t?c\t?d\t?e\t?f\t?g\t?h\t?i" and len(lines) > 1000
    assert all(line.count("\t") == 8 for line in lines)


def test_memory_guard_stops_a_growing_query(big: Path) -> None:
    limit = 200 * 2**20
    with start_server(big, port=free_port(), timeout=30, workers=1, max_memory=limit) as server:
        peak, done = [0], threading.Event()

        def watch() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], worker_rss(server))
                time.sleep(0.02)

        threading.Thread(target=watch, daemon=True).start()
        started = time.monotonic()
        status, _, body = request(server.query_url, query=SORTED)
        elapsed = time.monotonic() - started
        done.set()
        assert (status, body) == (503, b"the query was stopped: it needed more than 200 MB\n")
        assert elapsed < 30
        assert peak[0] < limit + 300 * 2**20  # checked every 0.25 s: it overshoots by what grows in that time
        assert request(server.query_url, query="ASK {}")[0] == 200


# ------------------------------------------------------------- clients that leave


@pytest.mark.parametrize("query", [CROSS, COUNT], ids=["streaming", "silent"])
def test_a_client_that_leaves_stops_its_query(big: Path, query: str) -> None:
    port = free_port()
    with start_server(big, port=port, timeout=60, limit=None, workers=1) as server:
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        target = "/query?" + urllib.parse.urlencode({"query": query})
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n".encode())
        if query == CROSS:
            assert len(s.recv(65536)) > 0  # the answer is streaming
        else:
            time.sleep(0.5)  # the engine is busy and has sent nothing
        s.close()
        # one worker only: it answers again long before the 60 s timeout, so the query was stopped
        started = time.monotonic()
        status, _, body = request(server.query_url, query="SELECT ?s WHERE { ?s <http://ex/p1> \"1\" }",
                                  headers={"Accept": "text/csv"})
        assert (status, body) == (200, b"s\r\nhttp://ex/s1\r\n")
        assert time.monotonic() - started < 10


# ------------------------------------------------------------------------ SSRF


class _Listener:
    """A SPARQL endpoint on loopback that records every connection (and answers one row)."""

    def __init__(self) -> None:
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                hits.append(self.path)
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
                    {"x": {"type": "literal", "value": "from the remote endpoint"}}]}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST  # noqa: N815

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    listening = _Listener()
    yield listening
    listening.close()


def test_service_is_refused_and_nothing_is_contacted(big: Path, listener: _Listener) -> None:
    host = listener.url.split("/sparql")[0]
    forms = [
        f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{listener.url}> {{ ?s ?p ?o }} }}",
        f"PREFIX r: <{host}/> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{listener.url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z # comment\n SERVICE<{listener.url}>{{?s ?p ?o}} }}",
    ]
    with start_server(big, port=free_port(), timeout=5) as server:
        for query in forms:
            status, _, body = request(server.query_url, query=query)
            assert status == 400, query
            assert b"is not allowed on this endpoint" in body or b"only allowed with an endpoint named" in body
            status, _, body = request(server.query_url, "POST", body=query.encode(),
                                      headers={"Content-Type": "application/sparql-query"})
            assert status == 400
        # the word in a string, an IRI or a comment is no call
        quiet = 'SELECT * WHERE { ?s ?p ?o FILTER(?o = "SERVICE <http://x/>") } # SERVICE <http://y/> {}'
        assert request(server.query_url, query=quiet)[0] == 200
    assert listener.hits == []


def test_allowed_service_is_called(big: Path, listener: _Listener) -> None:
    with start_server(big, port=free_port(), timeout=10, allow_service=(listener.url,)) as server:
        query = f"SELECT ?x WHERE {{ SERVICE <{listener.url}> {{ ?x ?y ?z }} }}"
        status, _, body = request(server.query_url, query=query, headers={"Accept": "text/csv"})
        assert (status, body) == (200, b"x\r\nfrom the remote endpoint\r\n")
        other = listener.url.replace("/sparql", "/other")
        assert request(server.query_url, query=f"SELECT * WHERE {{ SERVICE <{other}> {{ ?x ?y ?z }} }}")[0] == 400
    assert listener.hits == ["/sparql"]


# ---------------------------------------------------------------------- bodies


def test_an_announced_huge_body_is_refused_before_it_is_read(big: Path) -> None:
    port = free_port()
    with start_server(big, port=port, timeout=5):
        started = time.monotonic()
        answer = raw(port, b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                           b"Content-Length: 104857600\r\n\r\nSELECT", timeout=10)
        assert time.monotonic() - started < 5
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"Connection: close" in answer
    assert b"the request body is 104857600 bytes; this endpoint takes at most 1048576 (kg serve --max-query-bytes)" \
        in answer


def test_max_query_bytes(big: Path) -> None:
    with start_server(big, port=free_port(), timeout=5, max_query_bytes=100) as server:
        query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # " + "x" * 100
        status, _, _ = request(server.query_url, "POST", body=query.encode(),
                               headers={"Content-Type": "application/sparql-query"})
        assert status == 413
        status, _, _ = request(server.query_url, "POST", body=query[:60].encode(),
                               headers={"Content-Type": "application/sparql-query"})
        assert status == 200


# ------------------------------------------------------------- load and failures


def test_full_queue_answers_503_with_retry_after(big: Path) -> None:
    with start_server(big, port=free_port(), timeout=3, workers=1, queue=0) as server:
        slow: list[int] = []
        thread = threading.Thread(target=lambda: slow.append(request(server.query_url, query=COUNT)[0]))
        thread.start()
        time.sleep(0.5)
        status, headers, body = request(server.query_url, query="ASK {}")
        assert (status, headers["Retry-After"]) == (503, "1")
        assert b"busy" in body
        thread.join(10)
        assert slow == [504]
        deadline = time.monotonic() + 30  # the killed worker is being replaced: 503 until it is back
        while (status := request(server.query_url, query="ASK {}")[0]) == 503 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert status == 200


def test_a_dead_engine_is_restarted(big: Path) -> None:
    with start_server(big, port=free_port(), timeout=10, workers=2) as server:
        for worker in list(server.pool._all):
            os.kill(worker.process.pid, signal.SIGKILL)
        time.sleep(0.2)
        for _ in range(6):  # dead workers are found and replaced; every query is answered
            status, _, body = request(server.query_url, query="SELECT ?s WHERE { ?s <http://ex/p3> \"3\" }",
                                      headers={"Accept": "text/csv"})
            assert (status, body) == (200, b"s\r\nhttp://ex/s3\r\n")
        deadline = time.monotonic() + 20
        while sum(w.process.is_alive() for w in server.pool._all) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert sum(w.process.is_alive() for w in server.pool._all) == 2


def test_an_engine_killed_mid_query_gives_500_then_recovers(big: Path) -> None:
    with start_server(big, port=free_port(), timeout=20, workers=1) as server:
        result: list = []
        thread = threading.Thread(target=lambda: result.append(request(server.query_url, query=COUNT)))
        thread.start()
        time.sleep(0.5)
        for worker in list(server.pool._all):
            os.kill(worker.process.pid, signal.SIGKILL)
        thread.join(10)
        assert result[0][0] == 500 and b"the query engine stopped" in result[0][2]
        assert request(server.query_url, query="ASK {}", timeout=30)[0] == 200


# -------------------------------------------------------------- read-only, browsers


def test_writes_are_refused(big: Path) -> None:
    with open_store(big) as store:
        before = store.count()
    port = free_port()
    with start_server(big, port=port, timeout=5) as server:
        update = "INSERT DATA { <http://ex/x> <http://ex/y> 1 }"
        for method, path, body, ctype in [
            ("POST", "/update", update, "application/sparql-update"),
            ("POST", "/query", update, "application/sparql-update"),
            ("POST", "/query", urllib.parse.urlencode({"update": update}), "application/x-www-form-urlencoded"),
            ("POST", "/query", update, "application/sparql-query"),
            ("PUT", "/store?default", "<http://ex/a> <http://ex/b> <http://ex/c> .", "application/n-triples"),
            ("DELETE", "/store?default", "", "text/plain"),
        ]:
            status, _, _ = request(server.url + path, method, body=body.encode(), headers={"Content-Type": ctype})
            assert 400 <= status < 500, (method, path, ctype)
    with open_store(big) as store:
        assert store.count() == before


def test_cors_preflight_and_head(big: Path) -> None:
    origin = "https://yasgui.example"
    with start_server(big, port=free_port(), timeout=5, cors=origin) as server:
        status, headers, body = request(server.query_url, "OPTIONS", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        assert (status, body) == (204, b"")
        assert headers["Access-Control-Allow-Origin"] == origin
        assert "POST" in headers["Access-Control-Allow-Methods"]
        assert headers["Access-Control-Allow-Headers"] == "content-type"
        status, headers, _ = request(server.query_url, query="ASK {}", headers={"Origin": origin})
        assert (status, headers["Access-Control-Allow-Origin"]) == (200, origin)
        assert "X-Results-Truncated" in headers["Access-Control-Expose-Headers"]
        status, headers, body = request(server.query_url, "HEAD", query="SELECT * WHERE { ?s ?p ?o }",
                                        headers={"Accept": "text/csv"})
        assert (status, headers["Content-Type"], body) == (200, "text/csv", b"")
        status, _, _ = request(server.query_url, "HEAD")
        assert status == 200
        assert request(server.query_url, "HEAD", query="SELECT nonsense")[0] == 400
    with start_server(big, port=free_port(), timeout=5) as server:  # CORS is off by default
        status, headers, _ = request(server.query_url, "OPTIONS", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST"})
        assert status == 204 and "Access-Control-Allow-Origin" not in headers
        assert "Access-Control-Allow-Origin" not in request(server.query_url, query="ASK {}",
                                                            headers={"Origin": origin})[1]


def test_rdf_formats_of_a_capped_construct(big: Path) -> None:
    with start_server(big, port=free_port(), timeout=10, limit=20) as server:
        for media, fmt in [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                           ("application/rdf+xml", ox.RdfFormat.RDF_XML),
                           ("application/ld+json", ox.RdfFormat.JSON_LD)]:
            status, headers, body = request(server.query_url, query="CONSTRUCT WHERE { ?s ?p ?o }",
                                            headers={"Accept": media})
            assert (status, headers["Content-Type"], headers["X-Results-Truncated"]) == (200, media, "true")
            assert len(list(ox.parse(body, format=fmt))) == 20
        status, _, _ = request(server.query_url, query="CONSTRUCT WHERE { ?s ?p ?o }", headers={"Accept": "image/png"})
        assert status == 406


def test_a_killed_server_leaves_no_reader_behind(big: Path, kg_bin: str) -> None:
    """SIGKILL to kg serve: its workers die with it (PR_SET_PDEATHSIG), so the store is writable again."""
    import subprocess

    from tests.test_remote import wait_for

    port = free_port()
    process = subprocess.Popen([kg_bin, "--store", str(big), "serve", "--port", str(port), "--timeout", "60"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, process, 60)
        def ask() -> None:
            with contextlib.suppress(OSError, http.client.HTTPException):
                request(f"http://127.0.0.1:{port}/query", query=COUNT, timeout=5)

        thread = threading.Thread(target=ask, daemon=True)
        thread.start()  # a worker is busy in the engine when the server dies
        time.sleep(0.5)
    finally:
        process.kill()
        process.wait()
    deadline = time.monotonic() + 10
    while True:
        try:
            with open_store(big, write=True):
                break
        except StoreBusy:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_an_allowed_service_that_never_answers_is_bounded_by_the_timeout(big: Path) -> None:
    with socket.socket() as silent:  # accepts connections (the kernel does) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/sparql"
        with start_server(big, port=free_port(), timeout=2, workers=1, allow_service=(url,)) as server:
            started = time.monotonic()
            status, _, body = request(server.query_url, query=f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
            assert (status, body) == (504, b"the query did not finish within its 2 s timeout\n")
            assert time.monotonic() - started < 3.0
            deadline = time.monotonic() + 30  # the worker was replaced; the endpoint answers again
            while (status := request(server.query_url, query="ASK {}")[0]) == 503 and time.monotonic() < deadline:
                time.sleep(0.2)
            assert status == 200
